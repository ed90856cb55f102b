import { useMutation, useQueryClient } from '@tanstack/react-query';
import { userOutput, type createUserInput } from '@vigil/shared/schemas/users';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { userKeys } from './keys.ts';

export function createUser(input: z.output<typeof createUserInput>) {
  return api.post('/users', input, userOutput);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
