import { Alert, Box, Button, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import { defenderListQuery, type DefenderOutput } from '@vigil/shared/schemas/defenders';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type SortDirection } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { ConsentBadge, RiskLevel, TermLabel } from '../../../components/ui/RecordBadges.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { countryName, formatDate } from '../../../lib/format.ts';
import { useCommonText } from '../../../lib/i18n.ts';
import { useListParams } from '../../../lib/list-params.ts';
import { useDefenders } from '../api/get-defenders.ts';
import { useDefendersText } from '../i18n/index.ts';
import { DefenderFilters } from './DefenderFilters.tsx';
import { DefenderName } from './DefenderName.tsx';

// sortable columns and the list sort each one stands for
const sortOfColumn = { createdAt: 'createdAt', updatedAt: 'updatedAt' } as const;

function PlainDate({ value }: { value: string }) {
  return (
    <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
      {formatDate(value)}
    </time>
  );
}

function useColumns(): ColumnDef<DefenderOutput, unknown>[] {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  return useMemo(
    () => [
      {
        id: 'name',
        header: t('columns.name'),
        enableHiding: false,
        cell: ({ row }) => (
          <DefenderName
            id={row.original.id}
            displayName={row.original.displayName}
            aliases={row.original.aliases}
          />
        ),
      },
      {
        id: 'country',
        header: t('columns.country'),
        cell: ({ row }) => countryName(row.original.country),
      },
      {
        id: 'sectors',
        header: t('columns.sectors'),
        cell: ({ row }) =>
          row.original.sectors.length === 0 ? (
            <Text span c="dimmed">
              —
            </Text>
          ) : (
            row.original.sectors.map((code, index) => (
              <span key={code}>
                {index > 0 && ', '}
                <TermLabel vocabulary="sectors" code={code} />
              </span>
            ))
          ),
      },
      {
        id: 'gender',
        header: t('columns.gender'),
        cell: ({ row }) => common(`gender.${row.original.gender}`),
      },
      {
        id: 'consent',
        header: t('columns.consent'),
        // badges and the risk word never shrink into an ellipsis or a second line
        cell: ({ row }) => (
          <Box miw="max-content">
            <ConsentBadge consent={row.original.consent} />
          </Box>
        ),
      },
      {
        id: 'riskLevel',
        header: t('columns.riskLevel'),
        cell: ({ row }) => (
          <Box miw="max-content">
            <RiskLevel level={row.original.riskLevel} />
          </Box>
        ),
      },
      {
        id: 'organisation',
        header: t('columns.organisation'),
        cell: ({ row }) => row.original.organisation ?? '—',
      },
      {
        id: 'createdAt',
        header: t('columns.createdAt'),
        cell: ({ row }) => <PlainDate value={row.original.createdAt} />,
      },
      {
        id: 'updatedAt',
        header: t('columns.updatedAt'),
        cell: ({ row }) => <PlainDate value={row.original.updatedAt} />,
      },
    ],
    [t, common],
  );
}

export function DefendersPage() {
  const { t } = useDefendersText();
  const common = useCommonText().t;
  const ability = useAppAbility();
  const { raw, query, update, clear } = useListParams(defenderListQuery);
  const canRead = ability.can('read', 'Defender');
  const list = useDefenders(query);
  const columns = useColumns();

  const filtered = ['q', 'country', 'sector', 'riskLevel'].some((key) => raw[key] !== undefined);
  const canCreate = ability.can('create', 'Defender');
  const addButton = canCreate && (
    <Button component={Link} to="/defenders/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('list.add')}
    </Button>
  );
  const sortColumn = query.sort.replace(/^-/, '') as keyof typeof sortOfColumn;
  const sort = {
    column: sortColumn,
    direction: (query.sort.startsWith('-') ? 'desc' : 'asc') as SortDirection,
  };
  const onSort = (column: string, direction: SortDirection) => {
    const field = sortOfColumn[column as keyof typeof sortOfColumn];
    if (field) update({ sort: direction === 'desc' ? `-${field}` : field });
  };

  if (!canRead) {
    return (
      <section aria-labelledby="page-title">
        <PageHeader title={t('list.title')} />
        <Alert color="red" role="alert">
          {common('state.noAccess', { section: t('list.title') })}
        </Alert>
      </section>
    );
  }

  const defenders = list.data?.pages.flatMap((page) => page.items) ?? [];
  let body;
  if (list.isPending) body = <LoadingState />;
  else if (list.error) body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (defenders.length === 0)
    body = filtered ? (
      <EmptyState title={t('list.noneMatch')}>
        <Button variant="light" onClick={clear}>
          {common('actions.clearFilters')}
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title={t('list.none')}>
        {canCreate ? (
          <Button component={Link} to="/defenders/new" variant="light">
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
        data={defenders}
        columns={columns}
        getRowId={(defender) => defender.id}
        cardTitle={(defender) => (
          <DefenderName
            id={defender.id}
            displayName={defender.displayName}
            aliases={defender.aliases}
          />
        )}
        cardHidden={['name']}
        caption={t('list.caption')}
        initiallyHidden={['organisation', 'createdAt']}
        sort={sort}
        sortable={Object.keys(sortOfColumn)}
        onSort={onSort}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    );

  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('list.title')} description={t('list.description')} actions={addButton} />
      <DefenderFilters query={query} update={update} clear={clear} />
      {body}
    </section>
  );
}
