import { queryOptions, useQuery } from '@tanstack/react-query';
import { incidentOutput } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys } from './keys.ts';

// `sensitive` asks for source identities (include=sensitive): the server sends them only where
// the caller may read them, and records the reading (READ_SENSITIVE). Only a deliberate "Show",
// or an edit form that must not erase them, asks.
export function getIncident(id: string, { sensitive = false } = {}, signal?: AbortSignal) {
  const include = sensitive ? '?include=sensitive' : '';
  return api.get(`/incidents/${encodeURIComponent(id)}${include}`, incidentOutput, signal);
}

export const incidentQueryOptions = (id: string, { sensitive = false } = {}) =>
  queryOptions({
    queryKey: incidentKeys.detail(id, { sensitive }),
    queryFn: ({ signal }) => getIncident(id, { sensitive }, signal),
    // a refetch of the sensitive copy would write another READ_SENSITIVE event: it is read
    // once per "Show", never again behind the user's back
    ...(sensitive
      ? { staleTime: Infinity, gcTime: 0, refetchOnWindowFocus: false, retry: false }
      : {}),
  });

export const useIncident = (id: string) => useQuery(incidentQueryOptions(id));
