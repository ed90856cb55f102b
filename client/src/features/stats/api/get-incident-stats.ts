import { queryOptions, useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import {
  incidentStatsOutput,
  type IncidentStatsOutput,
  type IncidentStatsQuery,
} from '@vigil/shared/schemas/stats';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { statsKeys } from './keys.ts';

export function getIncidentStats(query: IncidentStatsQuery, signal?: AbortSignal) {
  return api.get(`/stats/incidents${queryString(query)}`, incidentStatsOutput, signal);
}

// Counts change only when someone logs or moves an incident: a minute of freshness lets the
// charts that share a grouping (by violation for its chart, the monthly stacks and the
// comparison) read one answer.
export const incidentStatsQueryOptions = (query: IncidentStatsQuery) =>
  queryOptions({
    queryKey: statsKeys.incidents(query),
    queryFn: ({ signal }) => getIncidentStats(query, signal),
    staleTime: 60_000,
  });

export const useIncidentStats = (query: IncidentStatsQuery, enabled = true) =>
  useQuery({ ...incidentStatsQueryOptions(query), enabled });

// at module level, so that useQueries keeps its combined result while nothing changes
function combineStats(results: UseQueryResult<IncidentStatsOutput>[]) {
  return {
    data: results.map((result) => result.data),
    isPending: results.some((result) => result.isPending),
    error: results.find((result) => result.error)?.error ?? null,
    refetch: () => Promise.all(results.map((result) => result.refetch())),
  };
}

export const useIncidentStatsList = (queries: readonly IncidentStatsQuery[]) =>
  useQueries({ queries: queries.map(incidentStatsQueryOptions), combine: combineStats });
