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

// The lists' `id` filter takes 50 ids at a time; an advocacy action may link up to 200.
const idsPerRequest = 50;

async function inChunks<T>(
  ids: readonly string[],
  read: (chunk: string[]) => Promise<{ items: T[] }>,
): Promise<T[]> {
  const chunks: string[][] = [];
  for (let start = 0; start < ids.length; start += idsPerRequest) {
    chunks.push(ids.slice(start, start + idsPerRequest));
  }
  const pages = await Promise.all(chunks.map(read));
  return pages.flatMap((page) => page.items);
}

// The defenders among `ids` that the caller may read; the others are simply absent, and are
// shown as "a defender outside your access".
export const defendersByIdsQueryOptions = (ids: readonly string[]) =>
  queryOptions({
    queryKey: ['defenders', 'byIds', [...ids].sort()] as const,
    queryFn: ({ signal }) =>
      inChunks(ids, (chunk) =>
        api.get(
          `/defenders${queryString({ id: chunk, limit: idsPerRequest })}`,
          defenderList,
          signal,
        ),
      ),
    enabled: ids.length > 0,
    select: (items) => new Map(items.map((defender) => [defender.id, defender])),
  });

export const useDefendersByIds = (ids: readonly string[]) =>
  useQuery(defendersByIdsQueryOptions(ids));

// The incidents among `ids` that the caller may read (an advocacy action's cases); the others
// are simply absent.
export const incidentsByIdsQueryOptions = (ids: readonly string[]) =>
  queryOptions({
    queryKey: ['incidents', 'byIds', [...ids].sort()] as const,
    queryFn: ({ signal }) =>
      inChunks(ids, (chunk) =>
        api.get(
          `/incidents${queryString({ id: chunk, limit: idsPerRequest })}`,
          incidentList,
          signal,
        ),
      ),
    enabled: ids.length > 0,
    select: (items) => new Map(items.map((incident) => [incident.id, incident])),
  });

export const useIncidentsByIds = (ids: readonly string[]) =>
  useQuery(incidentsByIdsQueryOptions(ids));

export function searchDefenders(q: string, signal?: AbortSignal, limit = 10) {
  return api.get(`/defenders${queryString({ q, limit })}`, defenderList, signal);
}

export function searchIncidents(q: string, signal?: AbortSignal, limit = 10) {
  return api.get(`/incidents${queryString({ q, limit })}`, incidentList, signal);
}
