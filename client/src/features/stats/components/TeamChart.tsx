import { BarChart } from '@mantine/charts';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import { teamStatsMaxDays, teamStatsQuery } from '@vigil/shared/schemas/stats';
import { EmptyState, QueryState } from '../../../components/ui/QueryState.tsx';
import { formatDate, formatNumber } from '../../../lib/format.ts';
import { useTeamStats } from '../api/get-team-stats.ts';
import { useStatsText } from '../i18n/index.ts';
import { localToday } from '../utils/comparison.ts';
import { ChartCard, type ChartRow } from './ChartCard.tsx';
import { seriesColors } from './chart-data.ts';

const day = 24 * 60 * 60 * 1000;
const counts = ['created', 'submitted', 'verified', 'returned'] as const;

// The team's weeks within the dashboard's dates: up to today, and no longer than the API
// allows (two years, counted back from the last day); the last twelve weeks without dates.
export function teamPeriod(filters: IncidentFilters, today: string) {
  const to = filters.to && filters.to < today ? filters.to : today;
  const earliest = new Date(Date.parse(to) - (teamStatsMaxDays - 1) * day)
    .toISOString()
    .slice(0, 10);
  const from = filters.from && (filters.from > earliest ? filters.from : earliest);
  const parsed = teamStatsQuery.safeParse({ from, to });
  return parsed.success ? parsed.data : undefined;
}

// Who logged and reviewed how much, week by week: one stack per week, one colour per person.
// Shown to managers and admins, whose ability has TeamStatistics.
export function TeamChart({ filters }: { filters: IncidentFilters }) {
  const { t } = useStatsText();
  const period = teamPeriod(filters, localToday());
  const stats = useTeamStats(period ?? { from: '', to: '' }, period !== undefined);
  const weeks = stats.data?.weeks ?? [];

  const people = new Map<string, { name: string; actions: number }>();
  for (const week of weeks) {
    const person = people.get(week.userId) ?? { name: week.name, actions: 0 };
    person.actions += week.created + week.submitted + week.verified + week.returned;
    people.set(week.userId, person);
  }
  const series = [...people]
    .sort(([, a], [, b]) => b.actions - a.actions || a.name.localeCompare(b.name))
    .map(([userId, person], index) => ({
      name: userId,
      label: person.name,
      color: seriesColors[index % seriesColors.length]!,
    }));
  const byWeek = new Map<string, Record<string, string | number>>();
  for (const week of weeks) {
    const bar = byWeek.get(week.week) ?? { label: formatDate(week.week) };
    bar[week.userId] = week.created + week.submitted + week.verified + week.returned;
    byWeek.set(week.week, bar);
  }
  const rows: ChartRow[] = weeks.map((week) => ({
    id: `${week.week}-${week.userId}`,
    values: {
      week: formatDate(week.week),
      name: week.name,
      ...Object.fromEntries(counts.map((count) => [count, week[count]])),
    },
  }));

  return (
    <ChartCard
      title={t('team.title')}
      description={
        period &&
        t('team.description', { from: formatDate(period.from), to: formatDate(period.to) })
      }
      columns={[
        { key: 'week', label: t('team.week') },
        { key: 'name', label: t('team.person'), text: true },
        ...counts.map((count) => ({ key: count, label: t(`team.${count}`) })),
      ]}
      rows={rows}
      filename="team-activity"
    >
      {period ? (
        <QueryState query={stats}>
          {() =>
            weeks.length === 0 ? (
              <EmptyState title={t('team.empty')} />
            ) : (
              <BarChart
                h={280}
                data={[...byWeek.values()]}
                dataKey="label"
                type="stacked"
                yAxisProps={{ allowDecimals: false }}
                series={series}
                valueFormatter={formatNumber}
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
              />
            )
          }
        </QueryState>
      ) : (
        <EmptyState title={t('team.empty')} />
      )}
    </ChartCard>
  );
}
