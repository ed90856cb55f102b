import { queryOptions, useQuery } from '@tanstack/react-query';
import { incidentTransitionList } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys } from './keys.ts';

// The workflow history, oldest first. An incident moves a handful of times, so one page of 200
// holds all of it.
export function getIncidentTransitions(id: string, signal?: AbortSignal) {
  return api.get(
    `/incidents/${encodeURIComponent(id)}/transitions?limit=200`,
    incidentTransitionList,
    signal,
  );
}

export const incidentTransitionsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.transitions(id),
    queryFn: ({ signal }) => getIncidentTransitions(id, signal),
  });

export const useIncidentTransitions = (id: string) => useQuery(incidentTransitionsQueryOptions(id));
