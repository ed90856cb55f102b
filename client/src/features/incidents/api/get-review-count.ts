import { useQuery } from '@tanstack/react-query';
import { incidentStatsOutput } from '@vigil/shared/schemas/stats';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys } from './keys.ts';

// How many incidents wait for review in the caller's countries (the list only pages).
export function getReviewCount(signal?: AbortSignal) {
  return api.get('/stats/incidents?groupBy=status&status=SUBMITTED', incidentStatsOutput, signal);
}

export const useReviewCount = () =>
  useQuery({
    queryKey: incidentKeys.reviewCount(),
    queryFn: ({ signal }) => getReviewCount(signal),
    select: (stats) => stats.total,
    retry: false,
  });
