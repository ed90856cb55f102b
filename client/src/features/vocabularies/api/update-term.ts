import { useMutation, useQueryClient } from '@tanstack/react-query';
import { vocabularyTerm, type UpdateTermInput } from '@vigil/shared/schemas/vocabularies';
import type { VocabularyName } from '@vigil/shared/vocabularies';
import { api } from '../../../lib/api-client.ts';
import { vocabularyKeys } from './keys.ts';

// Relabel, describe, regroup, retire or restore; codes never change.
export function updateTerm({
  vocabulary,
  code,
  ...input
}: UpdateTermInput & { vocabulary: VocabularyName; code: string }) {
  return api.patch(
    `/vocabularies/${vocabulary}/${encodeURIComponent(code)}`,
    input,
    vocabularyTerm,
  );
}

export function useUpdateTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTerm,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vocabularyKeys.all }),
  });
}
