import { useMutation, useQueryClient } from '@tanstack/react-query';
import { vocabularyTerm, type CreateTermInput } from '@vigil/shared/schemas/vocabularies';
import type { VocabularyName } from '@vigil/shared/vocabularies';
import { api } from '../../../lib/api-client.ts';
import { vocabularyKeys } from './keys.ts';

export function addTerm({
  vocabulary,
  ...input
}: CreateTermInput & { vocabulary: VocabularyName }) {
  return api.post(`/vocabularies/${vocabulary}`, input, vocabularyTerm);
}

export function useAddTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addTerm,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: vocabularyKeys.all }),
  });
}
