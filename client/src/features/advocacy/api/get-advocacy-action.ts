import { queryOptions, useQuery } from '@tanstack/react-query';
import { advocacyOutput } from '@vigil/shared/schemas/advocacy';
import { api } from '../../../lib/api-client.ts';
import { advocacyKeys } from './keys.ts';

export function getAdvocacyAction(id: string, signal?: AbortSignal) {
  return api.get(`/advocacy/${encodeURIComponent(id)}`, advocacyOutput, signal);
}

export const advocacyActionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: advocacyKeys.detail(id),
    queryFn: ({ signal }) => getAdvocacyAction(id, signal),
  });

export const useAdvocacyAction = (id: string) => useQuery(advocacyActionQueryOptions(id));
