import { useMutation, useQueryClient } from '@tanstack/react-query';
import { defenderOutput, type UpdateDefenderInput } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';
import { invalidateDefenders } from './keys.ts';

export function updateDefender(id: string, input: UpdateDefenderInput) {
  return api.patch(`/defenders/${encodeURIComponent(id)}`, input, defenderOutput);
}

export function useUpdateDefender(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDefenderInput) => updateDefender(id, input),
    onSuccess: () => invalidateDefenders(queryClient),
  });
}
