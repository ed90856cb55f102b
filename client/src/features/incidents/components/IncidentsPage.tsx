import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { incidentListQuery, incidentSorts } from '@vigil/shared/schemas/incidents';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type SortDirection } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { ExportMenu } from '../../../components/ui/ExportMenu.tsx';
import { IncidentFilters } from '../../../components/ui/IncidentFilters.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { formatNumber } from '../../../lib/format.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useIncidents } from '../api/get-incidents.ts';
import { useIncidentsText } from '../i18n/index.ts';
import {
  hiddenIncidentColumns,
  IncidentName,
  incidentColumns,
  sortableIncidentColumns,
} from './list/incident-columns.tsx';

type Sort = (typeof incidentSorts)[number];

function sortState(sort: Sort): { column: string; direction: SortDirection } {
  return sort.startsWith('-')
    ? { column: sort.slice(1), direction: 'desc' }
    : { column: sort, direction: 'asc' };
}

export function IncidentsPage() {
  const { t } = useIncidentsText();
  const ability = useAppAbility();
  const { raw, query, update, clear } = useListParams(incidentListQuery);
  const incidents = useIncidents(query);
  const columns = useMemo(() => incidentColumns(t), [t]);
  const items = useMemo(
    () => incidents.data?.pages.flatMap((page) => page.items) ?? [],
    [incidents.data],
  );
  const filtered = Object.keys(raw).some((key) => !['sort', 'cursor', 'limit'].includes(key));
  const canCreate = ability.can('create', 'Incident');
  // the case summary covers what the list shows, in any order
  const { sort: _sort, cursor: _cursor, limit: _limit, ...filters } = query;

  const logButton = (label: string) => (
    <Button component={Link} to="/incidents/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {label}
    </Button>
  );

  let body;
  if (incidents.isPending) body = <LoadingState />;
  else if (incidents.error && items.length === 0)
    body = <ErrorState error={incidents.error} onRetry={() => void incidents.refetch()} />;
  else if (items.length === 0)
    body = filtered ? (
      <EmptyState title={t('list.empty.noMatch')}>
        <Button variant="light" onClick={clear}>
          {t('actions.clearFilters', { ns: 'common' })}
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title={t('list.empty.noneYet')}>
        {canCreate ? (
          logButton(t('list.empty.logFirst'))
        ) : (
          <Text c="dimmed">{t('list.empty.noneYetText')}</Text>
        )}
      </EmptyState>
    );
  else
    body = (
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text size="sm" c="dimmed" role="status">
            {incidents.hasNextPage
              ? t('list.shownMore', { count: items.length, formatted: formatNumber(items.length) })
              : t('list.shown', { count: items.length })}
          </Text>
          <Select
            hiddenFrom="sm"
            size="xs"
            label={t('list.filters.sort')}
            data={incidentSorts.map((sort) => ({ value: sort, label: t(`list.sort.${sort}`) }))}
            value={query.sort}
            onChange={(sort) => update({ sort: sort ?? undefined })}
            allowDeselect={false}
          />
        </Group>
        <DataTable
          data={items}
          columns={columns}
          getRowId={(incident) => incident.id}
          caption={t('list.caption')}
          initiallyHidden={hiddenIncidentColumns}
          sortable={sortableIncidentColumns}
          sort={sortState(query.sort)}
          onSort={(column, direction) =>
            update({ sort: direction === 'desc' ? `-${column}` : column })
          }
          hasMore={incidents.hasNextPage}
          loadingMore={incidents.isFetchingNextPage}
          onLoadMore={() => void incidents.fetchNextPage()}
          cardTitle={(incident) => <IncidentName incident={incident} />}
          cardHidden={['incident']}
        />
        {incidents.error && (
          <ErrorState error={incidents.error} onRetry={() => void incidents.fetchNextPage()} />
        )}
      </Stack>
    );

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          <>
            {canCreate && logButton(t('list.logIncident'))}
            <ExportMenu selection={filters} />
          </>
        }
      />
      <Stack gap="md">
        <IncidentFilters query={query} update={update} clear={clear} />
        {body}
      </Stack>
    </section>
  );
}
