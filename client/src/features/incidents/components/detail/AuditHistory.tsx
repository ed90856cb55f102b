import { Button, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import type { AuditEventOutput } from '@vigil/shared/schemas/audit';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { incidentStatuses } from '@vigil/shared/enums';
import { ErrorState, LoadingState } from '../../../../components/ui/QueryState.tsx';
import { formatDateTime, joinAnd } from '../../../../lib/format.ts';
import { useSessionUser } from '../../../../lib/session.ts';
import { useIncidentAudit } from '../../api/get-incident-audit.ts';
import { useAuthorNames } from '../../api/get-author-names.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { whoDidIt } from './who.ts';

type T = ReturnType<typeof useIncidentsText>['t'];

const isStatus = (value: unknown): value is (typeof incidentStatuses)[number] =>
  typeof value === 'string' && (incidentStatuses as readonly string[]).includes(value);

function changedFields(changes: unknown): string[] {
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) return [];
  return Object.entries(changes)
    .filter(([, change]) => typeof change === 'object' && change !== null && 'to' in change)
    .map(([field]) => field);
}

function describe(t: T, event: AuditEventOutput): { action: string; detail?: string } {
  if (event.action === 'TRANSITION') {
    const status = (event.changes as { status?: { from?: unknown; to?: unknown } } | undefined)
      ?.status;
    if (status && isStatus(status.from) && isStatus(status.to)) {
      return {
        action: t('detail.audit.action.TRANSITION', {
          from: t(`incidentStatus.${status.from}`, { ns: 'common' }),
          to: t(`incidentStatus.${status.to}`, { ns: 'common' }),
        }),
      };
    }
    return { action: t('detail.audit.action.TRANSITION_plain') };
  }
  const action = t(`detail.audit.action.${event.action}`, {
    defaultValue: event.action.toLowerCase().replaceAll('_', ' '),
  });
  if (event.action !== 'UPDATE') return { action };
  const fields = changedFields(event.changes).map((field) =>
    t(`detail.audit.field.${field}`, { defaultValue: t('detail.audit.otherField') }),
  );
  return fields.length > 0
    ? { action, detail: t('detail.audit.changed', { fields: joinAnd([...new Set(fields)]) }) }
    : { action };
}

// What the audit log holds on this incident, newest first: edits (which fields), workflow
// steps, exports and every viewing of its source identities (managers and admins).
export function AuditHistory({ incident }: { incident: IncidentOutput }) {
  const { t } = useIncidentsText();
  const user = useSessionUser();
  const names = useAuthorNames();
  const audit = useIncidentAudit(incident.id, { enabled: true });
  const events = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Paper component="section" aria-labelledby="incident-audit">
      <Stack gap="sm">
        <div>
          <Title order={2} id="incident-audit">
            {t('detail.audit.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('detail.audit.description')}
          </Text>
        </div>
        {audit.isPending ? (
          <LoadingState />
        ) : audit.error && events.length === 0 ? (
          <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
        ) : events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('detail.audit.none')}
          </Text>
        ) : (
          <Timeline bulletSize={10} lineWidth={1}>
            {events.map((event) => {
              const { action, detail } = describe(t, event);
              const who = whoDidIt(t, event.actorId, {
                me: user.id,
                authorId: incident.createdById,
                names,
                reviewing: event.action === 'TRANSITION',
              });
              return (
                <Timeline.Item
                  key={event.id}
                  title={
                    <Text size="sm" component="span">
                      {t('detail.audit.event', { who, action })}
                    </Text>
                  }
                >
                  <Text size="xs" c="dimmed">
                    <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                  </Text>
                  {detail && <Text size="xs">{detail}</Text>}
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        {audit.hasNextPage && (
          <Button
            variant="default"
            size="xs"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
          >
            {t('actions.loadMore', { ns: 'common' })}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
