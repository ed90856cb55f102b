import { Anchor, Button, DataList, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import { Link, useParams } from 'react-router';
import { AttachmentsPanel } from '../../../components/ui/attachments/AttachmentsPanel.tsx';
import { ExportMenu } from '../../../components/ui/ExportMenu.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { AdvocacyStatusBadge, PrecisionDate } from '../../../components/ui/RecordBadges.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useAdvocacyAction } from '../api/get-advocacy-action.ts';
import { useAdvocacyText } from '../i18n/index.ts';
import { advocacySubject } from './advocacy-subject.ts';
import { DeleteAdvocacyButton } from './DeleteAdvocacyButton.tsx';
import { LinkedDefenders, LinkedIncidents } from './LinkedCases.tsx';

// The page's actions: what the caller may do with the action, and its exports.
function ActionButtons({ action }: { action: AdvocacyOutput }) {
  const common = useCommonText().t;
  const ability = useAppAbility();
  const record = advocacySubject(action);
  return (
    <>
      {ability.can('update', record) && (
        <Button
          component={Link}
          to={`/advocacy/${action.id}/edit`}
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
        >
          {common('actions.edit')}
        </Button>
      )}
      {ability.can('delete', record) && (
        <DeleteAdvocacyButton id={action.id} title={action.title} />
      )}
      <ExportMenu
        selection={{ advocacyId: action.id }}
        drafts={[{ label: common('export.statement'), path: `/exports/statement/${action.id}` }]}
      />
    </>
  );
}

function Details({ action }: { action: AdvocacyOutput }) {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  return (
    <Paper component="section" aria-labelledby="details-title">
      <Title order={2} id="details-title" mb="sm">
        {t('page.details')}
      </Title>
      <DataList labelWidth="7rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.kind')}</DataList.ItemLabel>
          <DataList.ItemValue>{common(`advocacyKind.${action.kind}`)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.date')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <PrecisionDate date={action.date} />
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.venue')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {action.venue ?? (
              <Text span c="dimmed">
                —
              </Text>
            )}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.status')}</DataList.ItemLabel>
          <DataList.ItemValue>
            <AdvocacyStatusBadge status={action.status} />
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
      {action.notes && (
        <>
          <Title order={3} mt="md" mb={4}>
            {t('fields.notes')}
          </Title>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {action.notes}
          </Text>
        </>
      )}
      <Text size="xs" c="dimmed" mt="md">
        {t('page.updated', { when: formatDateTime(action.updatedAt) })}
      </Text>
    </Paper>
  );
}

function AdvocacyNotFound() {
  const { t } = useAdvocacyText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('page.notFound')} />
      <Text>
        {t('page.notFoundText')}{' '}
        <Anchor component={Link} to="/advocacy">
          {t('page.backToList')}
        </Anchor>
      </Text>
    </section>
  );
}

export function AdvocacyActionPage() {
  const { id = '' } = useParams();
  const common = useCommonText().t;
  const ability = useAppAbility();
  const user = useSessionUser();
  const query = useAdvocacyAction(id);

  if (query.isPending) return <LoadingState />;
  if (isApiError(query.error, 'NOT_FOUND') || isApiError(query.error, 'VALIDATION'))
    return <AdvocacyNotFound />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const action = query.data;
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={action.title}
        description={`${common(`advocacyKind.${action.kind}`)} · ${formatDate(action.date)}`}
        actions={<ActionButtons action={action} />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Details action={action} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <LinkedIncidents ids={action.incidentIds} />
            <LinkedDefenders ids={action.defenderIds} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Paper mt="md">
        <AttachmentsPanel
          kind="advocacy"
          recordId={action.id}
          canUpdate={ability.can('update', advocacySubject(action))}
          // an action has no sensitive field of its own: its sensitive files and original photos
          // go to the roles that see every record's sensitive fields (as the server decides)
          canReadSensitive={['MANAGER', 'ADMIN'].includes(user.role)}
        />
      </Paper>
    </section>
  );
}
