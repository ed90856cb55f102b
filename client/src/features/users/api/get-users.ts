import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { userList, type UserListQuery } from '@vigil/shared/schemas/users';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { userKeys } from './keys.ts';

export function getUsers(query: UserListQuery, signal?: AbortSignal) {
  return api.get(`/users${queryString(query)}`, userList, signal);
}

// Pages follow the API's cursor, starting where the address says.
export const usersInfiniteQueryOptions = (query: UserListQuery) =>
  infiniteQueryOptions({
    queryKey: userKeys.list(query),
    queryFn: ({ pageParam, signal }) => getUsers({ ...query, cursor: pageParam }, signal),
    initialPageParam: query.cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useUsers = (query: UserListQuery) =>
  useInfiniteQuery(usersInfiniteQueryOptions(query));
