import { BarChart } from '@mantine/charts';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useIncidentStats, useIncidentStatsList } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { useBucketLabel } from '../utils/labels.ts';
import { periodPath } from '../utils/links.ts';
import { countsByPeriod, periodKeys } from '../utils/periods.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';
import { openOnClick, seriesColors } from './chart-data.ts';

const stackedViolations = 5;

// Incidents per month, stacked by the most frequent violations. The API counts one grouping at
// a time, so each stack is one `groupBy=month` request narrowed to its violation: the counts by
// violation (which its own chart reads anyway, one shared request), the months of all incidents,
// and one request per stacked violation, seven in all whatever the number of months. Asking
// per month instead would take one request per month, a hundred for eight years.
export function MonthlyChart({ filters }: { filters: IncidentFilters }) {
  const { t } = useStatsText();
  const navigate = useNavigate();
  const label = useBucketLabel();
  const months = useIncidentStats({ groupBy: 'month', ...filters });
  const violations = useIncidentStats({ groupBy: 'violation', ...filters });
  // with violations among the filters, only those: another violation of the same incidents
  // counted alone would reach incidents outside the filter
  const stacked = useMemo(
    () =>
      (violations.data?.buckets ?? [])
        .filter((bucket) => !filters.violation || filters.violation.includes(bucket.key))
        .slice(0, stackedViolations)
        .map((bucket) => bucket.key),
    [violations.data, filters.violation],
  );
  const stacks = useIncidentStatsList(
    stacked.map((violation) => ({ groupBy: 'month' as const, ...filters, violation: [violation] })),
  );

  const { unit, keys } = periodKeys(months.data?.buckets ?? []);
  const totals = countsByPeriod(months.data?.buckets, unit);
  const perViolation = stacks.data.map((data) => countsByPeriod(data?.buckets, unit));
  const rows: ChartRow[] = keys.map((key) => ({
    id: key,
    values: {
      label: label('month', key),
      total: totals.get(key) ?? 0,
      ...Object.fromEntries(
        stacked.map((violation, index) => [violation, perViolation[index]?.get(key) ?? 0]),
      ),
    },
    to: periodPath(filters, key),
  }));
  const series = stacked.map((violation, index) => ({
    name: violation,
    label: label('violation', violation),
    color: seriesColors[index % seriesColors.length]!,
  }));
  const state = {
    data: months.data,
    isPending: months.isPending || violations.isPending || stacks.isPending,
    error: months.error ?? violations.error ?? stacks.error,
    refetch: () => {
      void violations.refetch();
      void stacks.refetch();
      return months.refetch();
    },
  };

  return (
    <ChartCard
      title={unit === 'year' ? t('monthly.titleYear') : t('monthly.titleMonth')}
      description={`${t('monthly.description')} ${t('chart.clickHint')}`}
      columns={[
        { key: 'label', label: t('monthly.period') },
        { key: 'total', label: t('monthly.all') },
        ...series.map((item) => ({ key: item.name, label: item.label })),
      ]}
      rows={rows}
      filename={`incidents-by-${unit}-and-violation`}
    >
      <QueryState query={state}>
        {() =>
          rows.length === 0 ? (
            <EmptyState title={t('empty')} />
          ) : (
            <BarChart
              h={300}
              data={rows.map((row) => ({ ...row.values, to: row.to }))}
              dataKey="label"
              type="stacked"
              yAxisProps={{ allowDecimals: false }}
              series={series}
              valueFormatter={formatNumber}
              withLegend
              legendProps={{ verticalAlign: 'bottom' }}
              barProps={openOnClick(navigate)}
            />
          )
        }
      </QueryState>
    </ChartCard>
  );
}
