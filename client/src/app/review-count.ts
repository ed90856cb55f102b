import { useQuery } from '@tanstack/react-query';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { incidentStatsOutput } from '@vigil/shared/schemas/stats';
import { api } from '../lib/api-client.ts';
import { queryString } from '../lib/list-params.ts';

// Under ['incidents'], so that a transition, which invalidates the incidents feature,
// refreshes the badge at once.
export const reviewCountKey = ['incidents', 'reviewCount'] as const;

export function getReviewCount(signal?: AbortSignal) {
  return api.get(
    `/stats/incidents${queryString({ groupBy: 'status', status: 'SUBMITTED' })}`,
    incidentStatsOutput,
    signal,
  );
}

// How many incidents wait for review, for those who review (the navigation's badge); kept
// fresh every minute and whenever the window regains focus.
export function useReviewCount(ability: AppAbility | undefined): number | undefined {
  const reviews = ability?.can('transition', 'Incident', 'VERIFIED') ?? false;
  const { data } = useQuery({
    queryKey: reviewCountKey,
    queryFn: ({ signal }) => getReviewCount(signal),
    select: (stats) => stats.total,
    enabled: reviews,
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });
  return reviews ? data : undefined;
}
