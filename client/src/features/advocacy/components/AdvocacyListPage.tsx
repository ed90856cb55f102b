import { Alert, Box, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { advocacyListQuery, type AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type SortDirection } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { AdvocacyStatusBadge, PrecisionDate } from '../../../components/ui/RecordBadges.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useAdvocacyActions } from '../api/get-advocacy-actions.ts';
import { useAdvocacyText } from '../i18n/index.ts';
import { AdvocacyFilters } from './AdvocacyFilters.tsx';
import { AdvocacyTitle } from './AdvocacyTitle.tsx';

const sortableColumns = ['date', 'updatedAt'];

function useColumns(): ColumnDef<AdvocacyOutput, unknown>[] {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  return useMemo(
    () => [
      {
        id: 'title',
        header: t('columns.title'),
        enableHiding: false,
        cell: ({ row }) => <AdvocacyTitle id={row.original.id} title={row.original.title} />,
      },
      {
        id: 'kind',
        header: t('columns.kind'),
        cell: ({ row }) => common(`advocacyKind.${row.original.kind}`),
      },
      {
        id: 'date',
        header: t('columns.date'),
        cell: ({ row }) => <PrecisionDate date={row.original.date} />,
      },
      {
        id: 'venue',
        header: t('columns.venue'),
        cell: ({ row }) =>
          row.original.venue ?? (
            <Text span c="dimmed">
              —
            </Text>
          ),
      },
      {
        id: 'status',
        header: t('columns.status'),
        cell: ({ row }) => (
          <Box miw="max-content">
            <AdvocacyStatusBadge status={row.original.status} />
          </Box>
        ),
      },
      {
        id: 'incidents',
        header: t('columns.incidents'),
        cell: ({ row }) => formatNumber(row.original.incidentIds.length),
      },
      {
        id: 'defenders',
        header: t('columns.defenders'),
        cell: ({ row }) => formatNumber(row.original.defenderIds.length),
      },
      {
        id: 'updatedAt',
        header: t('columns.updatedAt'),
        cell: ({ row }) => (
          <time dateTime={row.original.updatedAt} style={{ whiteSpace: 'nowrap' }}>
            {formatDate(row.original.updatedAt)}
          </time>
        ),
      },
    ],
    [t, common],
  );
}

export function AdvocacyListPage() {
  const { t } = useAdvocacyText();
  const common = useCommonText().t;
  const ability = useAppAbility();
  const { raw, query, update, clear } = useListParams(advocacyListQuery);
  const list = useAdvocacyActions(query);
  const columns = useColumns();

  if (!ability.can('read', 'AdvocacyAction')) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title={t('list.title')} />
        <Alert color="red" role="alert">
          {common('state.noAccess', { section: t('list.title') })}
        </Alert>
      </section>
    );
  }

  const canCreate = ability.can('create', 'AdvocacyAction');
  const filtered = ['q', 'kind', 'status', 'from', 'to', 'incidentId', 'defenderId'].some(
    (key) => raw[key] !== undefined,
  );
  const sort = {
    column: query.sort.replace(/^-/, ''),
    direction: (query.sort.startsWith('-') ? 'desc' : 'asc') as SortDirection,
  };
  const onSort = (column: string, direction: SortDirection) => {
    if (sortableColumns.includes(column)) {
      update({ sort: direction === 'desc' ? `-${column}` : column });
    }
  };

  const actions = list.data?.pages.flatMap((page) => page.items) ?? [];
  let body;
  if (list.isPending) body = <LoadingState />;
  else if (list.error) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (actions.length === 0)
    body = filtered ? (
      <EmptyState title={t('list.noneMatch')}>
        <Button variant="light" onClick={clear}>
          {common('actions.clearFilters')}
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title={t('list.none')}>
        {canCreate ? (
          <Button component={Link} to="/advocacy/new" variant="light">
            {t('list.addFirst')}
          </Button>
        ) : (
          <Text c="dimmed">{t('list.noneReadOnly')}</Text>
        )}
      </EmptyState>
    );
  else
    body = (
      <DataTable
        data={actions}
        columns={columns}
        getRowId={(action) => action.id}
        caption={t('list.caption')}
        initiallyHidden={['updatedAt']}
        sort={sort}
        sortable={sortableColumns}
        onSort={onSort}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
        cardTitle={(action) => <AdvocacyTitle id={action.id} title={action.title} />}
        cardHidden={['title']}
      />
    );

  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={t('list.title')}
        description={t('list.description')}
        actions={
          canCreate && (
            <Button
              component={Link}
              to="/advocacy/new"
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t('list.add')}
            </Button>
          )
        }
      />
      <AdvocacyFilters query={query} update={update} clear={clear} />
      {body}
    </section>
  );
}
