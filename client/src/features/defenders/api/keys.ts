import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { DefenderListQuery } from '@vigil/shared/schemas/defenders';

// One key factory for the defenders feature. Everything of the feature's own sits under
// ['defenders'], so that a write can invalidate it all with `defenderKeys.all`. A defender's
// incidents and advocacy actions are other features' records: their keys sit under those
// features' roots, so that a change there refreshes the defender's timeline too.
export const defenderKeys = {
  all: ['defenders'] as const,
  lists: () => [...defenderKeys.all, 'list'] as const,
  list: (query: Omit<DefenderListQuery, 'cursor'>) => [...defenderKeys.lists(), query] as const,
  details: () => [...defenderKeys.all, 'detail'] as const,
  detail: (id: string, { sensitive = false }: { sensitive?: boolean } = {}) =>
    [...defenderKeys.details(), id, { sensitive }] as const,
  similar: (name: string, country: string | undefined) =>
    [...defenderKeys.all, 'similar', { name, country }] as const,
  incidentsOf: (id: string) => ['incidents', 'ofDefender', id] as const,
  advocacyOf: (id: string) => ['advocacy', 'ofDefender', id] as const,
};

function asksForSensitive(key: QueryKey): boolean {
  const last = key.at(-1);
  return (
    typeof last === 'object' && last !== null && 'sensitive' in last && last.sensitive === true
  );
}

// After a write: everything of the feature is refetched except the sensitive reads, since each
// of those is an audited viewing that only the user's own "Show" may cause.
export function invalidateDefenders(queryClient: QueryClient) {
  return queryClient.invalidateQueries({
    queryKey: defenderKeys.all,
    predicate: (query) => !asksForSensitive(query.queryKey),
  });
}
