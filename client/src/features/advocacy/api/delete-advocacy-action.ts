import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { invalidateAdvocacy } from './keys.ts';

export function deleteAdvocacyAction(id: string) {
  return api.delete(`/advocacy/${encodeURIComponent(id)}`);
}

export function useDeleteAdvocacyAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAdvocacyAction,
    onSuccess: () => invalidateAdvocacy(queryClient),
  });
}
