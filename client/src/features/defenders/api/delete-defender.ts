import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invalidateDefenders } from './keys.ts';

export function deleteDefender(id: string) {
  return api.delete(`/defenders/${encodeURIComponent(id)}`);
}

export function useDeleteDefender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDefender,
    onSuccess: () => invalidateDefenders(queryClient),
  });
}
