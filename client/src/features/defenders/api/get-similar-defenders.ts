import { queryOptions, useQuery } from '@tanstack/react-query';
import { similarDefenders } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { defenderKeys } from './keys.ts';

export function getSimilarDefenders(name: string, country?: string, signal?: AbortSignal) {
  return api.get(`/defenders/similar${queryString({ name, country })}`, similarDefenders, signal);
}

export const similarDefendersQueryOptions = (name: string, country?: string) =>
  queryOptions({
    queryKey: defenderKeys.similar(name, country),
    queryFn: ({ signal }) => getSimilarDefenders(name, country, signal),
    enabled: name.length >= 2,
  });

export const useSimilarDefenders = (name: string, country?: string) =>
  useQuery(similarDefendersQueryOptions(name, country));
