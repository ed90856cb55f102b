import { useQuery } from '@tanstack/react-query';
import { teamStatsOutput } from '@vigil/shared/schemas/stats';
import { userList } from '@vigil/shared/schemas/users';
import { api } from '../../../lib/api-client.ts';
import { useAppAbility } from '../../../lib/ability.ts';
import { queryString } from '../../../lib/list-params.ts';
import { incidentKeys } from './keys.ts';

const day = 24 * 60 * 60 * 1000;
const dayOf = (time: number) => new Date(time).toISOString().slice(0, 10);

// Names of the people behind incidents and their steps, where the caller may read them:
// administrators read every account; managers read their team's names through its weekly
// figures (the last two years, the longest period those cover). Others get none, and steps
// are told without names ("a reviewer").
async function getAuthorNames(source: 'users' | 'team', signal?: AbortSignal) {
  if (source === 'users') {
    const { items } = await api.get('/users?limit=200', userList, signal);
    return new Map(items.map((user) => [user.id, user.name]));
  }
  const now = Date.now();
  const period = queryString({ from: dayOf(now - 730 * day), to: dayOf(now) });
  const { weeks } = await api.get(`/stats/team${period}`, teamStatsOutput, signal);
  return new Map(weeks.map((week) => [week.userId, week.name]));
}

export function useAuthorNames(): Map<string, string> | undefined {
  const ability = useAppAbility();
  const source = ability.can('read', 'User')
    ? 'users'
    : ability.can('read', 'TeamStatistics')
      ? 'team'
      : undefined;
  const names = useQuery({
    queryKey: incidentKeys.authorNames(source),
    queryFn: ({ signal }) => getAuthorNames(source!, signal),
    enabled: source !== undefined,
    staleTime: 5 * 60_000,
    // a name is a nicety: without it the page still reads well
    retry: false,
  });
  return names.data;
}
