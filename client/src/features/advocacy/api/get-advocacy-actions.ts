import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { advocacyList, type AdvocacyListQuery } from '@vigil/shared/schemas/advocacy';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { advocacyKeys } from './keys.ts';

export function getAdvocacyActions(query: AdvocacyListQuery, signal?: AbortSignal) {
  return api.get(`/advocacy${queryString(query)}`, advocacyList, signal);
}

// "Load more" appends pages, so the cursor is the page parameter rather than part of the key.
export const advocacyActionsQueryOptions = ({ cursor: _cursor, ...query }: AdvocacyListQuery) =>
  infiniteQueryOptions({
    queryKey: advocacyKeys.list(query),
    queryFn: ({ pageParam, signal }) => getAdvocacyActions({ ...query, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

export const useAdvocacyActions = (query: AdvocacyListQuery) =>
  useInfiniteQuery(advocacyActionsQueryOptions(query));
