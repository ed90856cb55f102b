import { Alert, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ColumnDef } from '@tanstack/react-table';
import {
  sourcesToVerify,
  incidentListQuery,
  type IncidentListItem,
} from '@vigil/shared/schemas/incidents';
import { useMemo } from 'react';
import { DataTable } from '../../../components/ui/DataTable.tsx';
import { PageHeader } from '../../../components/ui/PageHeader.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState.tsx';
import { PrecisionDate } from '../../../components/ui/RecordBadges.tsx';
import { useAppAbility } from '../../../lib/ability.ts';
import { countryName, formatNumber, formatRelative } from '../../../lib/format.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useAuthorNames } from '../api/get-author-names.ts';
import { useIncidents } from '../api/get-incidents.ts';
import { useReviewCount } from '../api/get-review-count.ts';
import { useIncidentsText } from '../i18n/index.ts';
import { IncidentName } from './list/incident-columns.tsx';
import { useWorkflow } from './workflow/use-workflow.ts';
import { WorkflowButtons, WorkflowReturnModal } from './workflow/WorkflowButtons.tsx';

// Oldest first by last change: a submitted incident's last change is, as a rule, its
// submission (its author can no longer edit it), so this is the order in which they were
// submitted; an incident created long ago but submitted yesterday waits behind older
// submissions, which creation order would get wrong.
const queueQuery = incidentListQuery.parse({ status: 'SUBMITTED', sort: 'updatedAt' });

function SourceCount({ count }: { count: number }) {
  const { t } = useIncidentsText();
  if (count >= sourcesToVerify) return <Text size="sm">{t('review.sources', { count })}</Text>;
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <ThemeIcon color="orange" variant="light" size="sm" aria-hidden>
        <IconAlertTriangle size={14} />
      </ThemeIcon>
      <div>
        <Text size="sm" fw={700}>
          {t('review.sources', { count })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('review.fewSources')}
        </Text>
      </div>
    </Group>
  );
}

function ReviewQueue() {
  const { t } = useIncidentsText();
  const user = useSessionUser();
  const names = useAuthorNames();
  const workflow = useWorkflow();
  const queue = useIncidents(queueQuery);
  const total = useReviewCount();
  const items = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);

  const columns = useMemo<ColumnDef<IncidentListItem, unknown>[]>(
    () => [
      {
        id: 'incident',
        header: t('review.columns.incident'),
        enableHiding: false,
        cell: ({ row }) => <IncidentName incident={row.original} />,
      },
      {
        id: 'country',
        header: t('review.columns.country'),
        cell: ({ row }) => <Text size="sm">{countryName(row.original.country)}</Text>,
      },
      {
        id: 'date',
        header: t('review.columns.date'),
        cell: ({ row }) => (
          <Text size="sm">
            <PrecisionDate date={row.original.occurredOn} precision={row.original.datePrecision} />
          </Text>
        ),
      },
      {
        id: 'sources',
        header: t('review.columns.sources'),
        cell: ({ row }) => <SourceCount count={row.original.sourceCount} />,
      },
      {
        id: 'author',
        header: t('review.columns.author'),
        cell: ({ row }) => {
          const { createdById } = row.original;
          const name =
            createdById === user.id
              ? t('review.authorYou')
              : (names?.get(createdById) ?? t('review.authorOther'));
          return <Text size="sm">{name}</Text>;
        },
      },
      {
        id: 'waiting',
        header: t('review.columns.waiting'),
        cell: ({ row }) => (
          <Text size="sm">
            <time dateTime={row.original.updatedAt}>{formatRelative(row.original.updatedAt)}</time>
          </Text>
        ),
      },
      {
        id: 'actions',
        header: t('review.columns.actions'),
        enableHiding: false,
        cell: ({ row }) => (
          <Stack gap={6} align="flex-start">
            <Group gap="xs" wrap="wrap">
              <WorkflowButtons
                incident={row.original}
                workflow={workflow}
                size="xs"
                withReference
              />
            </Group>
            {/* next to the button that was pressed, wherever the row sits on the page */}
            {workflow.failure?.incidentId === row.original.id && (
              <Text size="sm" c="var(--mantine-color-error)" role="alert" maw={280}>
                {workflow.failure.message}
              </Text>
            )}
          </Stack>
        ),
      },
    ],
    [t, user.id, names, workflow],
  );

  if (queue.isPending) return <LoadingState />;
  if (queue.error && items.length === 0) {
    return <ErrorState error={queue.error} onRetry={() => void queue.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <EmptyState title={t('review.empty')}>
        <Text c="dimmed" size="sm">
          {t('review.emptyText')}
        </Text>
      </EmptyState>
    );
  }

  const count = total.data;
  const countText =
    count !== undefined
      ? t('review.count', { count, formatted: formatNumber(count) })
      : queue.hasNextPage
        ? t('review.countMore', { count: items.length })
        : t('review.count', { count: items.length });

  return (
    <Stack gap="sm">
      <Text fw={600} role="status">
        {countText}
      </Text>
      <DataTable
        data={items}
        columns={columns}
        getRowId={(incident) => incident.id}
        caption={t('review.caption')}
        hasMore={queue.hasNextPage}
        loadingMore={queue.isFetchingNextPage}
        onLoadMore={() => void queue.fetchNextPage()}
        cardTitle={(incident) => <IncidentName incident={incident} />}
        cardHidden={['incident']}
      />
      <WorkflowReturnModal workflow={workflow} incidents={items} />
    </Stack>
  );
}

// The queue of incidents submitted for review (managers and admins).
export function ReviewPage() {
  const { t } = useIncidentsText();
  const ability = useAppAbility();
  const allowed = ability.can('transition', 'Incident', 'VERIFIED');
  return (
    <section aria-labelledby="page-title">
      <PageHeader title={t('review.title')} description={t('review.description')} />
      {allowed ? (
        <ReviewQueue />
      ) : (
        <Alert color="gray" role="alert">
          {t('state.noAccess', { ns: 'common', section: t('review.title') })}
        </Alert>
      )}
    </section>
  );
}
