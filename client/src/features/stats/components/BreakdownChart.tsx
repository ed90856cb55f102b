import { BarChart } from '@mantine/charts';
import { Text } from '@mantine/core';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import type { IncidentGrouping } from '@vigil/shared/schemas/stats';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useIncidentStats } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { useBucketLabel } from '../utils/labels.ts';
import { bucketPath } from '../utils/links.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';
import { labelWidth, openOnClick } from './chart-data.ts';

type Breakdown = Extract<IncidentGrouping, 'country' | 'violation' | 'perpetrator' | 'sector'>;

// past this many bars a phone can no longer read them; the table has them all
const shownBars = 12;

// Incidents by one grouping, largest first, as horizontal bars that open the incident list.
export function BreakdownChart({
  groupBy,
  filters,
}: {
  groupBy: Breakdown;
  filters: IncidentFilters;
}) {
  const { t } = useStatsText();
  const navigate = useNavigate();
  const label = useBucketLabel();
  const stats = useIncidentStats({ groupBy, ...filters });
  const rows: ChartRow[] = useMemo(
    () =>
      (stats.data?.buckets ?? []).map((bucket) => ({
        id: bucket.key,
        values: { label: label(groupBy, bucket.key), count: bucket.count },
        to: bucketPath(filters, groupBy, bucket.key),
      })),
    [stats.data, label, groupBy, filters],
  );
  const bars = rows
    .slice(0, shownBars)
    .map((row) => ({ label: row.values.label, count: row.values.count, to: row.to }));
  const linked = rows.some((row) => row.to);

  return (
    <ChartCard
      title={t(`${groupBy}.title`)}
      description={
        linked
          ? `${t(`${groupBy}.description`)} ${t('chart.clickHint')}`
          : t(`${groupBy}.description`)
      }
      columns={[
        { key: 'label', label: t(`${groupBy}.column`) },
        { key: 'count', label: t('chart.incidents') },
      ]}
      rows={rows}
      filename={`incidents-by-${groupBy}`}
    >
      <QueryState query={stats}>
        {() =>
          rows.length === 0 ? (
            <EmptyState title={t('empty')} />
          ) : (
            <>
              <BarChart
                h={Math.max(120, bars.length * 30 + 40)}
                data={bars}
                dataKey="label"
                orientation="vertical"
                series={[{ name: 'count', label: t('chart.incidents'), color: 'vigil.6' }]}
                valueFormatter={formatNumber}
                yAxisProps={{
                  width: labelWidth(bars.map((bar) => String(bar.label))),
                  interval: 0,
                }}
                xAxisProps={{ allowDecimals: false }}
                gridAxis="none"
                barProps={linked ? openOnClick(navigate) : undefined}
              />
              {rows.length > shownBars && (
                <Text size="xs" c="dimmed">
                  {t('chart.more', { shown: shownBars, count: rows.length })}
                </Text>
              )}
            </>
          )
        }
      </QueryState>
    </ChartCard>
  );
}
