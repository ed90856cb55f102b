import { useQuery } from '@tanstack/react-query';
import { incidentStatsOutput } from '@vigil/shared/schemas/stats';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { homeKeys } from './keys.ts';

// How many incidents wait for review in the caller's countries.
export function getReviewCount(signal?: AbortSignal) {
  return api.get(
    `/stats/incidents${queryString({ groupBy: 'status', status: 'SUBMITTED' })}`,
    incidentStatsOutput,
    signal,
  );
}

export const useReviewTotal = (enabled: boolean) =>
  useQuery({
    queryKey: homeKeys.reviewCount(),
    queryFn: ({ signal }) => getReviewCount(signal),
    select: (stats) => stats.total,
    enabled,
  });
