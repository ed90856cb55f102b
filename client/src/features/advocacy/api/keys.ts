import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { AdvocacyListQuery } from '@vigil/shared/schemas/advocacy';

// One key factory for the advocacy feature. Everything sits under ['advocacy'], so that a write
// can invalidate the whole feature (lists, pages, and the defender timelines' advocacy, which
// the defenders feature keys under ['advocacy'] too) with `advocacyKeys.all`.
export const advocacyKeys = {
  all: ['advocacy'] as const,
  lists: () => [...advocacyKeys.all, 'list'] as const,
  list: (query: Omit<AdvocacyListQuery, 'cursor'>) => [...advocacyKeys.lists(), query] as const,
  details: () => [...advocacyKeys.all, 'detail'] as const,
  detail: (id: string) => [...advocacyKeys.details(), id] as const,
};

function asksForSensitive(key: QueryKey): boolean {
  const last = key.at(-1);
  return (
    typeof last === 'object' && last !== null && 'sensitive' in last && last.sensitive === true
  );
}

// After a write: the feature's reads, and the incident lists too, since some of them depend on
// advocacy links (the advocacy home page's "not covered yet"). A copy of an incident read with
// its sensitive values is left alone: refetching it would record another viewing.
export function invalidateAdvocacy(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: advocacyKeys.all }),
    queryClient.invalidateQueries({
      queryKey: ['incidents'],
      predicate: (query) => !asksForSensitive(query.queryKey),
    }),
  ]);
}
