import { useMutation, useQueryClient } from '@tanstack/react-query';
import { defenderOutput, type CreateDefenderInput } from '@vigil/shared/schemas/defenders';
import { api } from '../../../lib/api-client.ts';

// A defender recorded from the incident form, without leaving it.
export function createDefender(input: CreateDefenderInput) {
  return api.post('/defenders', input, defenderOutput);
}

export function useCreateDefenderInline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createDefender,
    // the defenders feature's reads (lists, searches, lib/lookups.ts) all sit under 'defenders'
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['defenders'] }),
  });
}
