import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { defenderList, type DefenderListQuery } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { defenderKeys } from './keys.ts';

export function getDefenders(query: DefenderListQuery, signal?: AbortSignal) {
  return api.get(`/defenders${queryString(query)}`, defenderList, signal);
}

// "Load more" appends pages, so the cursor is the page parameter rather than part of the key.
export const defendersQueryOptions = ({ cursor: _cursor, ...query }: DefenderListQuery) =>
  infiniteQueryOptions({
    queryKey: defenderKeys.list(query),
    queryFn: ({ pageParam, signal }) => getDefenders({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useDefenders = (query: DefenderListQuery) =>
  useInfiniteQuery(defendersQueryOptions(query));
