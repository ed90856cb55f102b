import { Alert, Anchor, Stack, Text } from '@mantine/core';
import type { ColumnDef } from '@tanstack/react-table';
import { auditListQuery, type AuditEventOutput } from '@vigil/shared/schemas/audit';
import { vocabularyNames, type VocabularyName } from '@vigil/shared/vocabularies';
import { useCallback, useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { countryName, formatDateTime } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useTerm } from '../../../lib/lookups.ts';
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

function RecordCell({
  event,
  names,
}: {
  event: AuditEventOutput;
  names: ReadonlyMap<string, string> | undefined;
}) {
  const { t } = useAuditText();
  const common = useCommonText();
  const me = useSessionUser();
  const term = useTerm();
  const kind = t(`entity.${event.entity}`, { defaultValue: event.entity });
  const { entityId } = event;
  const path = recordPaths[event.entity];
  if (entityId && path) {
    return (
      <Anchor
        component={Link}
        to={`${path}/${encodeURIComponent(entityId)}`}
        size="sm"
        aria-label={t('record.open', { kind: kind.toLowerCase() })}
      >
        {kind}
      </Anchor>
    );
  }
  if (entityId && event.entity === 'User') {
    if (entityId === me.id) return <Text size="sm">{t('record.ownAccount')}</Text>;
    const name = names?.get(entityId);
    return <Text size="sm">{name ? t('record.account', { name }) : kind}</Text>;
  }
  if (entityId && event.entity === 'VocabularyTerm') {
    const [vocabulary, code] = entityId.split(':');
    const known = vocabularyNames.find((name) => name === vocabulary) as VocabularyName | undefined;
    if (known && code) {
      return (
        <Anchor component={Link} to={`/vocabularies?vocabulary=${known}`} size="sm">
          {t('record.term', {
            label: term(known, code).label,
            vocabulary: common.t(`vocabulary.names.${known}`),
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
        cell: ({ row }) => <RecordCell event={row.original} names={names} />,
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
    [t, common.t, names, actorName],
  );

  return (
    <>
      <PageHeader title={t('page.title')} description={t('page.description')} />
      <Stack gap="md">
        <AuditFilters raw={raw} update={update} clear={clear} actors={actors} />
        <QueryState query={audit}>
          {(data) => {
            const rows = data.pages.flatMap((page) => page.items);
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
