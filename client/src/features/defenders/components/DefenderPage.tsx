import { Anchor, Button, DataList, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconEye, IconPencil } from '@tabler/icons-react';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AttachmentsPanel } from '../../../components/ui/attachments/AttachmentsPanel.tsx';
import { ExportMenu } from '../../../components/ui/ExportMenu.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { ConsentBadge, RiskLevel, TermLabel } from '../../../components/ui/RecordBadges.tsx';
import { SensitiveRecordedNote, SensitiveValue } from '../../../components/ui/SensitiveValue.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { countryName, formatDateTime } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useDefender, useSensitiveDefender } from '../api/get-defender.ts';
import { useDefendersText } from '../i18n/index.ts';
import { DefenderTimeline } from './DefenderTimeline.tsx';
import { defenderSubject } from './defender-subject.ts';
import { DeleteDefenderButton } from './DeleteDefenderButton.tsx';

const none = (
  <Text span c="dimmed">
    —
  </Text>
);

function Profile({ defender }: { defender: DefenderOutput }) {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const gender =
    defender.gender === 'UNKNOWN' && defender.genderSelfDescription
      ? defender.genderSelfDescription
      : common(`gender.${defender.gender}`) +
        (defender.genderSelfDescription ? ` (${defender.genderSelfDescription})` : '');
  return (
    <Paper component="section" aria-labelledby="profile-title">
      <Title order={2} id="profile-title" mb="sm">
        {t('page.profile')}
      </Title>
      <DataList labelWidth="9rem">
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.gender')}</DataList.ItemLabel>
          <DataList.ItemValue>{gender}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.birthYear')}</DataList.ItemLabel>
          <DataList.ItemValue>{defender.birthYear ?? none}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.country')}</DataList.ItemLabel>
          <DataList.ItemValue>{countryName(defender.country)}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.sectors')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {defender.sectors.length === 0
              ? none
              : defender.sectors.map((code, index) => (
                  <span key={code}>
                    {index > 0 && ', '}
                    <TermLabel vocabulary="sectors" code={code} />
                  </span>
                ))}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.organisation')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {defender.organisation ?? none}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('fields.pseudonym')}</DataList.ItemLabel>
          <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>
            {defender.pseudonym ?? none}
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>{t('page.shareWithAuthorities')}</DataList.ItemLabel>
          <DataList.ItemValue>
            {t(`shareWithAuthorities.${defender.shareWithAuthorities}`)}
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Paper>
  );
}

function SensitiveDetails({ defender }: { defender: DefenderOutput }) {
  const { t } = useDefendersText();
  const ability = useAppAbility();
  const [asked, setAsked] = useState(false);
  const sensitive = useSensitiveDefender(defender.id, { enabled: asked });
  const canShow = ability.can('read', defenderSubject(defender), 'legalName');
  // until asked, nothing sensitive is in the page at all, not even hidden
  const revealed = sensitive.data;
  const field = (name: 'legalName' | 'contact' | 'region', label: string) => (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue style={{ minWidth: 0 }}>
        {/* one button below shows all three: they come in one audited reading */}
        <SensitiveValue
          field={label}
          value={revealed ? (revealed[name] ?? null) : undefined}
          canShow={false}
          onShow={() => setAsked(true)}
        />
      </DataList.ItemValue>
    </DataList.Item>
  );
  return (
    <Paper component="section" aria-labelledby="sensitive-title">
      <Title order={2} id="sensitive-title" mb="xs">
        {t('page.sensitive')}
      </Title>
      {!revealed && (
        <Text size="sm" c="dimmed" mb="sm">
          {canShow ? t('page.sensitiveHelp') : t('page.sensitiveNotYours')}
        </Text>
      )}
      <DataList labelWidth="9rem">
        {field('legalName', t('fields.legalName'))}
        {field('contact', t('fields.contact'))}
        {field('region', t('fields.region'))}
      </DataList>
      {canShow && !revealed && (
        <Button
          mt="sm"
          size="xs"
          variant="light"
          leftSection={<IconEye size={14} aria-hidden />}
          onClick={() => setAsked(true)}
          loading={sensitive.isFetching}
        >
          {t('page.showSensitive')}
        </Button>
      )}
      {revealed && (
        <Stack mt="sm" gap={0}>
          <SensitiveRecordedNote />
        </Stack>
      )}
      {sensitive.error && (
        <Stack mt="sm">
          <ErrorState error={sensitive.error} onRetry={() => void sensitive.refetch()} />
        </Stack>
      )}
    </Paper>
  );
}

function DefenderNotFound() {
  const { t } = useDefendersText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('page.notFound')} />
      <Text>
        {t('page.notFoundText')}{' '}
        <Anchor component={Link} to="/defenders">
          {t('page.backToList')}
        </Anchor>
      </Text>
    </section>
  );
}

export function DefenderPage() {
  const { id = '' } = useParams();
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const ability = useAppAbility();
  const query = useDefender(id);

  if (query.isPending) return <LoadingState />;
  if (isApiError(query.error, 'NOT_FOUND') || isApiError(query.error, 'VALIDATION'))
    return <DefenderNotFound />;
  if (query.error) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;

  const defender = query.data;
  const record = defenderSubject(defender);
  const actions = (
    <>
      {ability.can('update', record) && (
        <Button
          component={Link}
          to={`/defenders/${defender.id}/edit`}
          variant="default"
          leftSection={<IconPencil size={16} aria-hidden />}
        >
          {common('actions.edit')}
        </Button>
      )}
      {ability.can('delete', record) && (
        <DeleteDefenderButton id={defender.id} name={defender.displayName} />
      )}
      <ExportMenu selection={{ defenderId: defender.id }} />
    </>
  );

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={defender.displayName}
        documentTitle={defender.displayName}
        description={
          defender.aliases.length > 0 ? (
            <Text span c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {defender.aliases.join(' · ')}
            </Text>
          ) : (
            t('page.description')
          )
        }
        actions={actions}
      />
      <Group gap="md" mb="md" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Text span size="sm" c="dimmed">
            {t('fields.consent')}
          </Text>
          <ConsentBadge consent={defender.consent} />
        </Group>
        <RiskLevel level={defender.riskLevel} />
        <Text size="xs" c="dimmed">
          {t('page.updated', { when: formatDateTime(defender.updatedAt) })}
        </Text>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <Profile defender={defender} />
            <SensitiveDetails defender={defender} />
            {defender.notes && (
              <Paper component="section" aria-labelledby="notes-title">
                <Title order={2} id="notes-title" mb="xs">
                  {t('fields.notes')}
                </Title>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {defender.notes}
                </Text>
              </Paper>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper component="section" aria-labelledby="timeline-title">
            <Title order={2} id="timeline-title" mb="md">
              {t('timeline.title')}
            </Title>
            <DefenderTimeline defenderId={defender.id} />
          </Paper>
        </Grid.Col>
      </Grid>
      <Paper mt="md">
        <AttachmentsPanel
          kind="defenders"
          recordId={defender.id}
          canUpdate={ability.can('update', record)}
          canReadSensitive={ability.can('read', record, 'legalName')}
        />
      </Paper>
    </section>
  );
}
