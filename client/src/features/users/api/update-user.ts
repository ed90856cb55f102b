import { useMutation, useQueryClient } from '@tanstack/react-query';
import { userOutput, type UpdateUserInput } from '@vigil/shared/schemas/users';
import { api } from '../../../lib/api-client.ts';
import { userKeys } from './keys.ts';

// Role, countries, or activity; deactivating (`active: false`) ends the person's sessions.
export function updateUser({ id, ...input }: UpdateUserInput & { id: string }) {
  return api.patch(`/users/${encodeURIComponent(id)}`, input, userOutput);
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    // a 409 means the list shows an old version: refresh it either way
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
