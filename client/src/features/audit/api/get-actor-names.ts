import { useQuery } from '@tanstack/react-query';
import { teamStatsMaxDays, teamStatsOutput } from '@vigil/shared/schemas/stats';
import { userList } from '@vigil/shared/schemas/users';
import { useAppAbility } from '../../../lib/ability.ts';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { auditKeys } from './keys.ts';

const day = 24 * 60 * 60 * 1000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

// Admins read every account; managers may not, but the team figures name everyone who worked
// on their countries' incidents over the longest period those figures cover.
async function getActorNames(source: 'users' | 'team', signal: AbortSignal) {
  if (source === 'users') {
    const { items } = await api.get('/users?limit=200', userList, signal);
    return new Map(items.map((user) => [user.id, user.name]));
  }
  const to = Date.now();
  const from = to - (teamStatsMaxDays - 1) * day;
  const { weeks } = await api.get(
    `/stats/team${queryString({ from: isoDay(from), to: isoDay(to) })}`,
    teamStatsOutput,
    signal,
  );
  return new Map(weeks.map((week) => [week.userId, week.name]));
}

// Who the actors of the log are, as far as the caller may know; others show as "another user".
export function useActorNames() {
  const ability = useAppAbility();
  const source = ability.can('read', 'User')
    ? 'users'
    : ability.can('read', 'TeamStatistics')
      ? 'team'
      : undefined;
  return useQuery({
    queryKey: auditKeys.actors(source ?? 'users'),
    queryFn: ({ signal }) => getActorNames(source!, signal),
    enabled: source !== undefined,
    staleTime: 5 * 60_000,
  });
}
