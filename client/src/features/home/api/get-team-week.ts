import { useQuery } from '@tanstack/react-query';
import { teamStatsOutput, type TeamWeek } from '@vigil/shared/schemas/stats';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { homeKeys } from './keys.ts';

export type TeamTotals = Omit<TeamWeek, 'week'>;

// Adds up each person's weeks (the period may span two ISO weeks in UTC), busiest first.
export function totalsByPerson(weeks: readonly TeamWeek[]): TeamTotals[] {
  const people = new Map<string, TeamTotals>();
  for (const { week: _week, ...row } of weeks) {
    const sum = people.get(row.userId);
    if (!sum) {
      people.set(row.userId, { ...row });
      continue;
    }
    sum.created += row.created;
    sum.submitted += row.submitted;
    sum.verified += row.verified;
    sum.returned += row.returned;
  }
  const activity = (person: TeamTotals) =>
    person.created + person.submitted + person.verified + person.returned;
  return [...people.values()].sort(
    (a, b) => activity(b) - activity(a) || a.name.localeCompare(b.name),
  );
}

export function getTeamStats(from: string, to: string, signal?: AbortSignal) {
  return api.get(`/stats/team${queryString({ from, to })}`, teamStatsOutput, signal);
}

export const useTeamWeek = (from: string, to: string, enabled: boolean) =>
  useQuery({
    queryKey: homeKeys.team(from, to),
    queryFn: ({ signal }) => getTeamStats(from, to, signal),
    select: (stats) => totalsByPerson(stats.weeks),
    enabled,
  });
