import { Alert, Anchor, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconTrashX } from '@tabler/icons-react';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { Link, useParams } from 'react-router';
import { AttachmentsPanel } from '../../../components/ui/attachments/AttachmentsPanel.tsx';
import { ExportMenu } from '../../../components/ui/ExportMenu.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import {
  IncidentStatusBadge,
  PrecisionDate,
  ReferenceBadge,
  RestrictedMark,
} from '../../../components/ui/RecordBadges.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { useAppAbility } from '../../../lib/ability.ts';
import { countryName, formatDateTime } from '../../../lib/format.ts';
import { useIncident } from '../api/get-incident.ts';
import { useIncidentsText } from '../i18n/index.ts';
import { ActsByDefender } from './detail/ActsByDefender.tsx';
import { AuditHistory } from './detail/AuditHistory.tsx';
import { DeleteIncidentButton } from './detail/DeleteIncidentButton.tsx';
import { IncidentFacts } from './detail/IncidentFacts.tsx';
import { SourcesSection } from './detail/SourcesSection.tsx';
import { TransitionHistory } from './detail/TransitionHistory.tsx';
import { incidentSubject } from './incident-subject.ts';
import { useWorkflow } from './workflow/use-workflow.ts';
import { WorkflowButtons, WorkflowReturnModal } from './workflow/WorkflowButtons.tsx';

function NotFound() {
  const { t } = useIncidentsText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('detail.notFoundTitle')} description={t('detail.notFound')} />
      <Anchor component={Link} to="/incidents">
        {t('detail.backToList')}
      </Anchor>
    </section>
  );
}

function IncidentView({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const ability = useAppAbility();
  const workflow = useWorkflow();
  const record = incidentSubject(incident);
  const deleted = incident.deletedAt !== null;
  const canEdit = !deleted && ability.can('update', record);
  const canDelete = !deleted && ability.can('delete', record);
  const failure = workflow.failure?.incidentId === incident.id ? workflow.failure : null;

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        documentTitle={`${incident.reference} ${incident.title}`}
        title={
          <Group component="span" gap="xs" wrap="wrap" align="center">
            <ReferenceBadge reference={incident.reference} />
            <span style={{ overflowWrap: 'anywhere' }}>{incident.title}</span>
          </Group>
        }
        description={
          <Group component="span" gap="sm" wrap="wrap">
            <IncidentStatusBadge status={incident.status} />
            {incident.confidentiality === 'RESTRICTED' && <RestrictedMark />}
            <PrecisionDate date={incident.occurredOn} precision={incident.datePrecision} />
            <span>{countryName(incident.country)}</span>
          </Group>
        }
        actions={
          deleted ? undefined : (
            <>
              {canEdit && (
                <Button
                  component={Link}
                  to={`/incidents/${incident.id}/edit`}
                  variant="default"
                  leftSection={<IconPencil size={16} aria-hidden />}
                >
                  {t('actions.edit', { ns: 'common' })}
                </Button>
              )}
              <WorkflowButtons incident={incident} workflow={workflow} />
              {canDelete && <DeleteIncidentButton incident={incident} />}
              {/* public outputs never hold a restricted incident */}
              {incident.confidentiality === 'STANDARD' && (
                <ExportMenu
                  selection={{ incidentId: incident.id }}
                  drafts={[
                    {
                      label: t('export.unSubmission', { ns: 'common' }),
                      path: `/exports/un-submission/${incident.id}`,
                    },
                  ]}
                />
              )}
            </>
          )
        }
      />
      <Stack gap="md">
        {deleted && (
          <Alert color="gray" icon={<IconTrashX aria-hidden />}>
            {t('detail.deletedNotice', { date: formatDateTime(incident.deletedAt!) })}
          </Alert>
        )}
        {failure && (
          <Alert
            color="red"
            icon={<IconAlertTriangle aria-hidden />}
            role="alert"
            withCloseButton
            closeButtonLabel={t('actions.hide', { ns: 'common' })}
            onClose={workflow.dismiss}
          >
            {failure.message}
          </Alert>
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Stack gap="xs" component="section" aria-labelledby="incident-summary">
                <Title order={2} id="incident-summary">
                  {t('detail.summary')}
                </Title>
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {incident.summary}
                </Text>
              </Stack>
              <ActsByDefender incident={incident} />
              <SourcesSection incident={incident} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <IncidentFacts incident={incident} />
              <TransitionHistory incident={incident} />
              {ability.can('read', 'AuditEvent') && <AuditHistory incident={incident} />}
            </Stack>
          </Grid.Col>
        </Grid>
        <Paper>
          <AttachmentsPanel
            kind="incidents"
            recordId={incident.id}
            canUpdate={canEdit}
            canReadSensitive={ability.can('read', record, 'sources.identity')}
          />
        </Paper>
      </Stack>
      <WorkflowReturnModal workflow={workflow} incidents={[incident]} />
    </section>
  );
}

export function IncidentPage() {
  const { id = '' } = useParams();
  const incident = useIncident(id);
  if (incident.isPending) return <LoadingState />;
  if (incident.error) {
    if (isApiError(incident.error, 'NOT_FOUND') || isApiError(incident.error, 'VALIDATION')) {
      return <NotFound />;
    }
    return <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />;
  }
  return <IncidentView incident={incident.data} />;
}
