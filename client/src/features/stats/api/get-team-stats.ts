import { queryOptions, useQuery } from '@tanstack/react-query';
import { teamStatsOutput, type TeamStatsQuery } from '@vigil/shared/schemas/stats';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { statsKeys } from './keys.ts';

export function getTeamStats(query: TeamStatsQuery, signal?: AbortSignal) {
  return api.get(`/stats/team${queryString(query)}`, teamStatsOutput, signal);
}

export const teamStatsQueryOptions = (query: TeamStatsQuery) =>
  queryOptions({
    queryKey: statsKeys.team(query),
    queryFn: ({ signal }) => getTeamStats(query, signal),
    staleTime: 60_000,
  });

export const useTeamStats = (query: TeamStatsQuery, enabled: boolean) =>
  useQuery({ ...teamStatsQueryOptions(query), enabled });
