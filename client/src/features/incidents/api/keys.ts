import type { IncidentListQuery } from '@vigil/shared/schemas/incidents';

// One key factory for the incidents feature. Everything sits under ['incidents'], so that a
// write can invalidate the whole feature (lists, pages, histories, and the incident searches
// of lib/lookups.ts) with `incidentKeys.all`.
export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (query: Partial<IncidentListQuery> & Record<string, unknown>) =>
    [...incidentKeys.lists(), query] as const,
  details: () => [...incidentKeys.all, 'detail'] as const,
  detail: (id: string, { sensitive = false }: { sensitive?: boolean } = {}) =>
    [...incidentKeys.details(), id, { sensitive }] as const,
  transitions: (id: string) => [...incidentKeys.all, 'transitions', id] as const,
  audit: (id: string) => [...incidentKeys.all, 'audit', id] as const,
  reviewCount: () => [...incidentKeys.all, 'reviewCount'] as const,
  authorNames: (source: string | undefined) =>
    [...incidentKeys.all, 'authorNames', source] as const,
};

// The copy of an incident read with its source identities. Invalidating it would refetch it,
// and every such reading writes a READ_SENSITIVE event, so writes leave it out:
// `invalidateQueries({ queryKey: incidentKeys.all, predicate: (q) => !isSensitiveDetail(q.queryKey) })`.
export function isSensitiveDetail(key: readonly unknown[]): boolean {
  const last = key[key.length - 1];
  return (
    key[1] === 'detail' &&
    typeof last === 'object' &&
    last !== null &&
    (last as { sensitive?: unknown }).sensitive === true
  );
}
