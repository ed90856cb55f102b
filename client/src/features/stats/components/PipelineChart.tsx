import { BarChart } from '@mantine/charts';
import { incidentStatuses } from '@vigil/shared/enums';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import { useNavigate } from 'react-router';
import { QueryState } from '../../../components/ui/QueryState.tsx';
import { formatNumber } from '../../../lib/format.ts';
import { useIncidentStats } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { useBucketLabel } from '../utils/labels.ts';
import { bucketPath } from '../utils/links.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';
import { openOnClick } from './chart-data.ts';

// the status badges' colours (UI.md): draft grey, submitted blue, verified green, archived dark
const statusColors: Record<string, string> = {
  DRAFT: 'gray.6',
  SUBMITTED: 'blue.6',
  VERIFIED: 'green.7',
  ARCHIVED: 'dark.4',
};

// The workflow's four steps in their order, each a bar, empty ones included.
export function PipelineChart({ filters }: { filters: IncidentFilters }) {
  const { t } = useStatsText();
  const navigate = useNavigate();
  const label = useBucketLabel();
  const stats = useIncidentStats({ groupBy: 'status', ...filters });
  const counts = new Map(stats.data?.buckets.map((bucket) => [bucket.key, bucket.count]));
  const rows: ChartRow[] = incidentStatuses.map((status) => ({
    id: status,
    values: { label: label('status', status), count: counts.get(status) ?? 0 },
    to: bucketPath(filters, 'status', status),
  }));

  return (
    <ChartCard
      title={t('status.title')}
      description={`${t('status.description')} ${t('chart.clickHint')}`}
      columns={[
        { key: 'label', label: t('status.column') },
        { key: 'count', label: t('chart.incidents') },
      ]}
      rows={rows}
      filename="incidents-by-status"
    >
      <QueryState query={stats}>
        {() => (
          <BarChart
            h={220}
            data={rows.map((row) => ({ ...row.values, to: row.to, color: statusColors[row.id] }))}
            dataKey="label"
            series={[{ name: 'count', label: t('chart.incidents'), color: 'gray.6' }]}
            valueFormatter={formatNumber}
            withBarValueLabel
            yAxisProps={{ allowDecimals: false }}
            barProps={openOnClick(navigate)}
          />
        )}
      </QueryState>
    </ChartCard>
  );
}
