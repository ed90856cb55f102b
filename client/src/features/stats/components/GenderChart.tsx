import { DonutChart } from '@mantine/charts';
import { ColorSwatch, Group, Stack, Text } from '@mantine/core';
import { genders } from '@vigil/shared/enums';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatNumber, formatPercent } from '../../../lib/format.ts';
import { useIncidentStats } from '../api/get-incident-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { useBucketLabel } from '../utils/labels.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';

const genderColors: Record<string, string> = {
  FEMALE: 'grape.6',
  MALE: 'blue.6',
  NON_BINARY: 'teal.6',
  UNKNOWN: 'gray.6',
};

// Women human rights defenders counted across every sector, first and in words above the ring.
// The list has no gender filter, so the ring opens nothing.
export function GenderChart({ filters }: { filters: IncidentFilters }) {
  const { t } = useStatsText();
  const label = useBucketLabel();
  const stats = useIncidentStats({ groupBy: 'gender', ...filters });
  const total = stats.data?.total ?? 0;
  const counts = new Map(stats.data?.buckets.map((bucket) => [bucket.key, bucket.count]));
  const rows: ChartRow[] = genders
    .filter((gender) => counts.has(gender))
    .map((gender) => {
      const count = counts.get(gender) ?? 0;
      return {
        id: gender,
        values: {
          label: label('gender', gender),
          count,
          share: total === 0 ? 0 : Math.round((count / total) * 1000) / 10,
        },
      };
    });
  const women = counts.get('FEMALE') ?? 0;

  return (
    <ChartCard
      title={t('gender.title')}
      description={t('gender.description')}
      columns={[
        { key: 'label', label: t('gender.column') },
        { key: 'count', label: t('chart.incidents') },
        { key: 'share', label: t('gender.share'), format: (value) => formatPercent(value / 100) },
      ]}
      rows={rows}
      filename="incidents-by-gender"
    >
      <QueryState query={stats}>
        {() =>
          rows.length === 0 ? (
            <EmptyState title={t('empty')} />
          ) : (
            <Group gap="lg" align="center" wrap="wrap">
              <DonutChart
                size={150}
                thickness={26}
                data={rows.map((row) => ({
                  name: String(row.values.label),
                  value: Number(row.values.count),
                  color: genderColors[row.id] ?? 'gray.6',
                }))}
                valueFormatter={formatNumber}
                chartLabel={formatPercent(total === 0 ? 0 : women / total)}
              />
              <Stack gap="xs" maw="18rem">
                <Text fw={600} size="lg">
                  {t('gender.women', {
                    count: women,
                    formatted: formatNumber(women),
                    percent: formatPercent(total === 0 ? 0 : women / total),
                  })}
                </Text>
                {/* the ring's legend */}
                {rows.map((row) => (
                  <Group key={row.id} gap="xs" wrap="nowrap">
                    <ColorSwatch
                      size={12}
                      color={`var(--mantine-color-${(genderColors[row.id] ?? 'gray.6').replace('.', '-')})`}
                      withShadow={false}
                      aria-hidden
                    />
                    <Text size="sm">
                      {row.values.label}: {formatNumber(Number(row.values.count))}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Group>
          )
        }
      </QueryState>
    </ChartCard>
  );
}
