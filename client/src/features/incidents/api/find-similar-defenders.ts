import { queryOptions, useQuery } from '@tanstack/react-query';
import { similarDefenders } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';

// Likely duplicates of a name about to be recorded as a new defender.
export function findSimilarDefenders(name: string, country: string | null, signal?: AbortSignal) {
  const query = queryString({ name, ...(country ? { country } : {}) });
  return api.get(`/defenders/similar${query}`, similarDefenders, signal);
}

export const similarDefendersQueryOptions = (name: string, country: string | null) =>
  queryOptions({
    queryKey: ['defenders', 'similar', { name: name.trim(), country }] as const,
    queryFn: ({ signal }) => findSimilarDefenders(name.trim(), country, signal),
    enabled: name.trim().length >= 2,
    staleTime: 60_000,
  });

export const useSimilarDefenders = (name: string, country: string | null) =>
  useQuery(similarDefendersQueryOptions(name, country));
