import { BarChart } from '@mantine/charts';
import { Group, Select, SimpleGrid, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import type { IncidentGrouping } from '@vigil/shared/schemas/stats';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatDate, formatNumber, formatPercent } from '../../../lib/format.ts';
import { useIncidentStats } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import {
  compareBuckets,
  compareCounts,
  comparisonPeriods,
  comparisonPresets,
  localToday,
  type ComparedBucket,
  type ComparisonPreset,
  type Period,
} from '../utils/comparison.ts';
import { useBucketLabel } from '../utils/labels.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';
import classes from './dashboard.module.css';

export const comparableGroupings = [
  'violation',
  'country',
  'perpetrator',
  'sector',
  'gender',
  'status',
] as const satisfies readonly IncidentGrouping[];
export type ComparableGrouping = (typeof comparableGroupings)[number];

export interface ComparisonChoice {
  compare: ComparisonPreset;
  compareBy: ComparableGrouping;
  compareFrom?: string | undefined;
  compareTo?: string | undefined;
}

const shownBars = 10;
const dateFormat = 'D MMM YYYY';
const periodText = (period: Period) => `${formatDate(period.from)} – ${formatDate(period.to)}`;
// change in percent with one decimal, as the CSV gives it; "new" where nothing came before
const percentOf = (row: ComparedBucket, newText: string) =>
  row.ratio === null ? (row.current === 0 ? 0 : newText) : Math.round(row.ratio * 1000) / 10;

// Two periods side by side: the totals and each bucket's change, from two requests that differ
// only in `from` and `to`.
export function ComparisonPanel({
  filters,
  choice,
  update,
}: {
  filters: IncidentFilters;
  choice: ComparisonChoice;
  update: (changes: Partial<ComparisonChoice>) => void;
}) {
  const { t } = useStatsText();
  const label = useBucketLabel();
  const periods = comparisonPeriods(choice.compare, localToday(), {
    from: choice.compareFrom,
    to: choice.compareTo,
  });
  const query = (period: Period | undefined) => ({
    groupBy: choice.compareBy,
    ...filters,
    ...period,
  });
  const current = useIncidentStats(query(periods?.current), periods !== undefined);
  const previous = useIncidentStats(query(periods?.previous), periods !== undefined);

  const compared = compareBuckets(current.data?.buckets ?? [], previous.data?.buckets ?? []);
  const totals = compareCounts('total', current.data?.total ?? 0, previous.data?.total ?? 0);
  const toRow = (row: ComparedBucket, name: string): ChartRow => ({
    id: row.key,
    values: {
      label: name,
      current: row.current,
      previous: row.previous,
      change: row.change,
      percent: percentOf(row, t('compare.new')),
    },
  });
  const rows = [
    toRow(totals, t('compare.total')),
    ...compared.map((row) => toRow(row, label(choice.compareBy, row.key))),
  ];
  const signedPercent = (value: number) => formatPercent(value / 100, { signed: true });
  const state = {
    data: current.data,
    isPending: current.isPending || previous.isPending,
    error: current.error ?? previous.error,
    refetch: () => {
      void previous.refetch();
      return current.refetch();
    },
  };

  const controls = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" className={classes.noPrint}>
      <Select
        label={t('compare.preset')}
        data={comparisonPresets.map((preset) => ({
          value: preset,
          label: t(`compare.presets.${preset}`),
        }))}
        value={choice.compare}
        onChange={(value) => update({ compare: (value as ComparisonPreset | null) ?? undefined })}
        allowDeselect={false}
      />
      <Select
        label={t('compare.by')}
        data={comparableGroupings.map((groupBy) => ({
          value: groupBy,
          label: t(`${groupBy}.column`),
        }))}
        value={choice.compareBy}
        onChange={(value) =>
          update({ compareBy: (value as ComparableGrouping | null) ?? undefined })
        }
        allowDeselect={false}
      />
      {choice.compare === 'custom' && (
        <>
          <DatePickerInput
            label={t('compare.from')}
            value={choice.compareFrom ?? null}
            onChange={(value) => update({ compareFrom: value ?? undefined })}
            maxDate={choice.compareTo}
            valueFormat={dateFormat}
            leftSection={<IconCalendar size={16} aria-hidden />}
            clearable
          />
          <DatePickerInput
            label={t('compare.to')}
            value={choice.compareTo ?? null}
            onChange={(value) => update({ compareTo: value ?? undefined })}
            minDate={choice.compareFrom}
            valueFormat={dateFormat}
            leftSection={<IconCalendar size={16} aria-hidden />}
            clearable
          />
        </>
      )}
    </SimpleGrid>
  );

  return (
    <ChartCard
      title={t('compare.title')}
      description={t('compare.description')}
      columns={[
        { key: 'label', label: t(`${choice.compareBy}.column`) },
        {
          key: 'current',
          label: periods ? periodText(periods.current) : t('compare.currentColumn'),
        },
        {
          key: 'previous',
          label: periods ? periodText(periods.previous) : t('compare.previousColumn'),
        },
        {
          key: 'change',
          label: t('compare.change'),
          format: (value) => formatNumber(value, { signed: true }),
        },
        { key: 'percent', label: t('compare.changePercent'), format: signedPercent },
      ]}
      rows={periods ? rows : []}
      filename={`comparison-by-${choice.compareBy}`}
    >
      {controls}
      {periods ? (
        <QueryState query={state}>
          {() => (
            <>
              <Text fw={600} role="status">
                {t(totals.ratio === null ? 'compare.totalsNoPercent' : 'compare.totals', {
                  current: formatNumber(totals.current),
                  previous: formatNumber(totals.previous),
                  currentPeriod: periodText(periods.current),
                  previousPeriod: periodText(periods.previous),
                  change: formatNumber(totals.change, { signed: true }),
                  percent:
                    totals.ratio === null ? '' : formatPercent(totals.ratio, { signed: true }),
                })}
              </Text>
              {compared.length === 0 ? (
                <EmptyState title={t('empty')} />
              ) : (
                <BarChart
                  h={Math.max(160, Math.min(compared.length, shownBars) * 44 + 60)}
                  data={compared.slice(0, shownBars).map((row) => ({
                    label: label(choice.compareBy, row.key),
                    current: row.current,
                    previous: row.previous,
                  }))}
                  dataKey="label"
                  orientation="vertical"
                  series={[
                    { name: 'current', label: periodText(periods.current), color: 'vigil.6' },
                    { name: 'previous', label: periodText(periods.previous), color: 'gray.5' },
                  ]}
                  valueFormatter={formatNumber}
                  yAxisProps={{ width: 150, interval: 0 }}
                  xAxisProps={{ allowDecimals: false }}
                  gridAxis="none"
                  withLegend
                  legendProps={{ verticalAlign: 'bottom' }}
                />
              )}
            </>
          )}
        </QueryState>
      ) : (
        <Group>
          <Text c="dimmed">{t('compare.chooseDates')}</Text>
        </Group>
      )}
    </ChartCard>
  );
}
