import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { incidentList, type IncidentListQuery } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { incidentKeys } from './keys.ts';

export function getIncidents(query: IncidentListQuery, signal?: AbortSignal) {
  return api.get(`/incidents${queryString(query)}`, incidentList, signal);
}

// Pages follow the API's cursor. The list starts where the address says (`cursor` in the URL,
// if any), so that a shared link opens the same page of results.
export const incidentsInfiniteQueryOptions = (query: IncidentListQuery) =>
  infiniteQueryOptions({
    queryKey: incidentKeys.list(query),
    queryFn: ({ pageParam, signal }) => getIncidents({ ...query, cursor: pageParam }, signal),
    initialPageParam: query.cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useIncidents = (query: IncidentListQuery) =>
  useInfiniteQuery(incidentsInfiniteQueryOptions(query));
