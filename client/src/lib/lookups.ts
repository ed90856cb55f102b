import { queryOptions, useQuery } from '@tanstack/react-query';
import { defenderList } from '@vigil/shared/schemas/defenders';
import { incidentList } from '@vigil/shared/schemas/incidents';
import { vocabulariesOutput, type VocabulariesOutput } from '@vigil/shared/schemas/vocabularies';
import { useCallback } from 'react';
import { api } from './api-client.ts';
import { queryString } from './list-params.ts';

// Reads that several features need (labels of codes, names of linked records, search for
// pickers and the command palette). Their keys sit under each feature's root key, so that a
// feature's invalidation refreshes them too.

export type VocabularyName = keyof VocabulariesOutput;

export const vocabulariesQueryOptions = () =>
  queryOptions({
    queryKey: ['vocabularies', 'all'] as const,
    queryFn: ({ signal }) => api.get('/vocabularies', vocabulariesOutput, signal),
    staleTime: 10 * 60_000,
  });

export const useVocabularies = () => useQuery(vocabulariesQueryOptions());

export interface Term {
  label: string;
  description?: string | undefined;
  retired: boolean;
}

// Codes never reach the screen: `term('violations', 'ARBITRARY_ARREST')` gives its label and
// description (the code itself only while the vocabularies load).
export function useTerm() {
  const { data } = useVocabularies();
  return useCallback(
    (vocabulary: VocabularyName, code: string): Term => {
      const term = data?.[vocabulary].find((candidate) => candidate.code === code);
      return term
        ? { label: term.label, description: term.description, retired: term.retired }
        : { label: code, retired: false };
    },
    [data],
  );
}

// The defenders among `ids` that the caller may read; the others are simply absent, and are
// shown as "a defender outside your access".
export const defendersByIdsQueryOptions = (ids: readonly string[]) =>
  queryOptions({
    queryKey: ['defenders', 'byIds', [...ids].sort()] as const,
    queryFn: ({ signal }) =>
      api.get(`/defenders${queryString({ id: ids, limit: 200 })}`, defenderList, signal),
    enabled: ids.length > 0,
    select: (list) => new Map(list.items.map((defender) => [defender.id, defender])),
  });

export const useDefendersByIds = (ids: readonly string[]) =>
  useQuery(defendersByIdsQueryOptions(ids));

export function searchDefenders(q: string, signal?: AbortSignal, limit = 10) {
  return api.get(`/defenders${queryString({ q, limit })}`, defenderList, signal);
}

export function searchIncidents(q: string, signal?: AbortSignal, limit = 10) {
  return api.get(`/incidents${queryString({ q, limit })}`, incidentList, signal);
}
