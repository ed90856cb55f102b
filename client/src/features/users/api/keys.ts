import type { UserListQuery } from '@vigil/shared/schemas/users';

// Everything under ['users'], so that a write refreshes every list of accounts (the home
// page's summary too).
export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (query: UserListQuery) => [...userKeys.lists(), query] as const,
};
