import { queryOptions, useQuery } from '@tanstack/react-query';
import { defenderOutput } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { defenderKeys } from './keys.ts';

export function getDefender(
  id: string,
  { sensitive = false }: { sensitive?: boolean } = {},
  signal?: AbortSignal,
) {
  const include = sensitive ? '?include=sensitive' : '';
  return api.get(`/defenders/${encodeURIComponent(id)}${include}`, defenderOutput, signal);
}

export const defenderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: defenderKeys.detail(id),
    queryFn: ({ signal }) => getDefender(id, {}, signal),
  });

export const useDefender = (id: string) => useQuery(defenderQueryOptions(id));

// Asking for the sensitive values is what writes READ_SENSITIVE, so they are fetched once, when
// the user asks, never again in the background, and dropped from memory as soon as the page
// that showed them is gone.
export const sensitiveDefenderQueryOptions = (id: string) =>
  queryOptions({
    queryKey: defenderKeys.detail(id, { sensitive: true }),
    queryFn: ({ signal }) => getDefender(id, { sensitive: true }, signal),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });

export const useSensitiveDefender = (id: string, { enabled }: { enabled: boolean }) =>
  useQuery({ ...sensitiveDefenderQueryOptions(id), enabled });
