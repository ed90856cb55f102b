import { useMutation, useQueryClient } from '@tanstack/react-query';
import { advocacyOutput, type UpdateAdvocacyInput } from '@vigil/shared/schemas/advocacy';
import { api } from '../../../lib/api-client.ts';
import { invalidateAdvocacy } from './keys.ts';

export function updateAdvocacyAction(id: string, input: UpdateAdvocacyInput) {
  return api.patch(`/advocacy/${encodeURIComponent(id)}`, input, advocacyOutput);
}

export function useUpdateAdvocacyAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAdvocacyInput) => updateAdvocacyAction(id, input),
    onSuccess: () => invalidateAdvocacy(queryClient),
  });
}
