import { Alert, Anchor, Stack, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { auditListQuery, type AuditEventOutput } from '@vigil/shared/schemas/audit';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import type { IncidentListItem } from '@vigil/shared/schemas/incidents';
import { vocabularyNames, type VocabularyName } from '@vigil/shared/vocabularies';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { ReferenceBadge } from '../../../components/ui/RecordBadges.tsx';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { countryName, formatDateTime } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useDefendersByIds, useIncidentsByIds, useTerm } from '../../../lib/lookups.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useActorNames } from '../api/get-actor-names.ts';
import { useAudit } from '../api/get-audit.ts';
import { useAuditText } from '../i18n/index.ts';
import { describeChanges } from '../utils/describe-event.ts';
import { AuditFilters } from './AuditFilters.tsx';

// the records that have a page of their own
const recordPaths: Record<string, string> = {
  Incident: '/incidents',
  Defender: '/defenders',
  AdvocacyAction: '/advocacy',
};

// the events worth a second look stand out (in words as well: the colour only repeats them)
const actionColors: Partial<Record<AuditEventOutput['action'], string>> = {
  DELETE: 'red.8',
  LOGIN_FAILED: 'orange.9',
  READ_SENSITIVE: 'orange.9',
};

interface KnownRecords {
  // account names (see useActorNames)
  names: ReadonlyMap<string, string> | undefined;
  // the incidents and defenders of the listed events that the caller may read
  incidents: ReadonlyMap<string, IncidentListItem> | undefined;
  defenders: ReadonlyMap<string, DefenderOutput> | undefined;
}

function RecordCell({ event, known }: { event: AuditEventOutput; known: KnownRecords }) {
  const { t } = useAuditText();
  const common = useCommonText();
  const me = useSessionUser();
  const term = useTerm();
  const kind = t(`entity.${event.entity}`, { defaultValue: event.entity });
  const { entityId } = event;
  const path = recordPaths[event.entity];
  if (entityId && event.entity === 'Incident') {
    const incident = known.incidents?.get(entityId);
    return (
      <Anchor
        component={Link}
        to={`${path}/${encodeURIComponent(entityId)}`}
        size="sm"
        style={{ overflowWrap: 'anywhere' }}
      >
        {incident ? (
          <>
            <ReferenceBadge reference={incident.reference} /> {incident.title}
          </>
        ) : (
          kind
        )}
      </Anchor>
    );
  }
  if (entityId && event.entity === 'Defender') {
    const defender = known.defenders?.get(entityId);
    // never a bare id: a defender the caller may not read (any more) says so
    if (!defender) {
      return (
        <Text size="sm" c="dimmed">
          {known.defenders ? common.t('sensitive.outsideAccess') : kind}
        </Text>
      );
    }
    return (
      <Anchor
        component={Link}
        to={`${path}/${encodeURIComponent(entityId)}`}
        size="sm"
        style={{ overflowWrap: 'anywhere' }}
      >
        {defender.displayName}
      </Anchor>
    );
  }
  if (entityId && path) {
    return (
      <Anchor component={Link} to={`${path}/${encodeURIComponent(entityId)}`} size="sm">
        {kind}
      </Anchor>
    );
  }
  if (entityId && event.entity === 'User') {
    if (entityId === me.id) return <Text size="sm">{t('record.ownAccount')}</Text>;
    const name = known.names?.get(entityId);
    return <Text size="sm">{name ? t('record.account', { name }) : kind}</Text>;
  }
  if (entityId && event.entity === 'VocabularyTerm') {
    const [vocabulary, code] = entityId.split(':');
    const named = vocabularyNames.find((name) => name === vocabulary) as VocabularyName | undefined;
    if (named && code) {
      return (
        <Anchor component={Link} to={`/vocabularies?vocabulary=${named}`} size="sm">
          {t('record.term', {
            label: term(named, code).label,
            vocabulary: common.t(`vocabulary.names.${named}`),
          })}
        </Anchor>
      );
    }
  }
  return <Text size="sm">{kind}</Text>;
}

function AuditLog() {
  const { t } = useAuditText();
  const common = useCommonText();
  const me = useSessionUser();
  const { raw, query, update, clear } = useListParams(auditListQuery);
  const audit = useAudit(query);
  const actorNames = useActorNames();
  const names = actorNames.data;
  const rows = useMemo(() => audit.data?.pages.flatMap((page) => page.items) ?? [], [audit.data]);
  const idsOf = (entity: string) => [
    ...new Set(
      rows.flatMap((event) => (event.entity === entity && event.entityId ? [event.entityId] : [])),
    ),
  ];
  const incidents = useIncidentsByIds(idsOf('Incident'));
  const defenders = useDefendersByIds(idsOf('Defender'));
  const known = useMemo<KnownRecords>(
    () => ({ names, incidents: incidents.data, defenders: defenders.data }),
    [names, incidents.data, defenders.data],
  );
  const filtered = Object.keys(raw).some((key) => key !== 'cursor' && key !== 'limit');

  const actorName = useCallback(
    (actorId: string | null) => {
      if (actorId === null) return t('actor.nobody');
      if (actorId === me.id) return t('actor.you');
      return names?.get(actorId) ?? t('actor.unknown');
    },
    [t, me.id, names],
  );

  const actors = useMemo(
    () =>
      [...(names ?? new Map<string, string>()).entries()]
        .map(([value, label]) => ({
          value,
          label: value === me.id ? `${label} (${t('actor.you')})` : label,
        }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [names, me.id, t],
  );

  const columns = useMemo<ColumnDef<AuditEventOutput, unknown>[]>(
    () => [
      {
        id: 'when',
        header: t('columns.when'),
        cell: ({ row }) => (
          <Text
            size="sm"
            component="time"
            dateTime={row.original.at}
            style={{ whiteSpace: 'nowrap' }}
          >
            {formatDateTime(row.original.at)}
          </Text>
        ),
      },
      {
        id: 'who',
        header: t('columns.who'),
        cell: ({ row }) => <Text size="sm">{actorName(row.original.actorId)}</Text>,
      },
      {
        id: 'action',
        header: t('columns.action'),
        cell: ({ row }) => (
          <Text size="sm" fw={600} c={actionColors[row.original.action]}>
            {t(`action.${row.original.action}`)}
          </Text>
        ),
      },
      {
        id: 'record',
        header: t('columns.record'),
        cell: ({ row }) => <RecordCell event={row.original} known={known} />,
      },
      {
        id: 'country',
        header: t('columns.country'),
        cell: ({ row }) => (
          <Text size="sm">{row.original.country ? countryName(row.original.country) : '—'}</Text>
        ),
      },
      {
        id: 'changes',
        header: t('columns.changes'),
        cell: ({ row }) => (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }} maw={420}>
            {describeChanges(row.original, t, common.t)}
          </Text>
        ),
      },
    ],
    [t, common.t, known, actorName],
  );

  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <Stack gap="md">
        <AuditFilters raw={raw} update={update} clear={clear} actors={actors} />
        <QueryState query={audit}>
          {() => {
            if (rows.length === 0) {
              return <EmptyState title={filtered ? t('empty.filtered') : t('empty.none')} />;
            }
            return (
              <DataTable
                data={rows}
                columns={columns}
                getRowId={(event) => event.id}
                caption={t('page.caption')}
                cardTitle={(event) => (
                  <Text fw={600} size="sm">
                    {t(`action.${event.action}`)} · {formatDateTime(event.at)}
                  </Text>
                )}
                cardHidden={['action', 'when']}
                hasMore={audit.hasNextPage}
                loadingMore={audit.isFetchingNextPage}
                onLoadMore={() => void audit.fetchNextPage()}
              />
            );
          }}
        </QueryState>
      </Stack>
    </>
  );
}

export function AuditPage() {
  const { t } = useAuditText();
  const common = useCommonText();
  const ability = useAppAbility();
  return (
    <section aria-labelledby="page-title">
      {ability.can('read', 'AuditEvent') ? (
        <AuditLog />
      ) : (
        <>
          <PageHeader title={t('page.title')} />
          <Alert color="red" role="alert">
            {common.t('state.noAccess', { section: t('page.title') })}
          </Alert>
        </>
      )}
    </section>
  );
}
