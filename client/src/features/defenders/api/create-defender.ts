import { useMutation, useQueryClient } from '@tanstack/react-query';
import { defenderOutput, type CreateDefenderInput } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { invalidateDefenders } from './keys.ts';

export function createDefender(input: CreateDefenderInput) {
  return api.post('/defenders', input, defenderOutput);
}

export function useCreateDefender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDefender,
    onSuccess: () => invalidateDefenders(queryClient),
  });
}
