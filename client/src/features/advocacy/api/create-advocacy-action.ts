import { useMutation, useQueryClient } from '@tanstack/react-query';
import { advocacyOutput, type CreateAdvocacyInput } from '@vigil/shared/schemas/advocacy';
import { api } from '../../../lib/api-client.ts';
import { invalidateAdvocacy } from './keys.ts';

export function createAdvocacyAction(input: CreateAdvocacyInput) {
  return api.post('/advocacy', input, advocacyOutput);
}

export function useCreateAdvocacyAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAdvocacyAction,
    onSuccess: () => invalidateAdvocacy(queryClient),
  });
}
