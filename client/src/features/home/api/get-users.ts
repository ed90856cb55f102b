import { useQuery } from '@tanstack/react-query';
import { userList } from '@vigil/shared/schemas/users';
import { api } from '../../../lib/api-client.ts';
import { homeKeys } from './keys.ts';

// Newest accounts first; one page covers the network's few hundred accounts.
export function getUsers(signal?: AbortSignal) {
  return api.get('/users?limit=200', userList, signal);
}

export const useHomeUsers = (enabled: boolean) =>
  useQuery({ queryKey: homeKeys.users(), queryFn: ({ signal }) => getUsers(signal), enabled });
