import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { searchDefenders } from '../../../lib/lookups.ts';

// Search-as-you-type for the defender picker of the incident form.
export const defenderSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['defenders', 'search', q.trim()] as const,
    queryFn: ({ signal }) => searchDefenders(q.trim(), signal, 8),
    enabled: q.trim().length >= 1,
    staleTime: 30_000,
  });

export const useDefenderSearch = (q: string) =>
  useQuery({ ...defenderSearchQueryOptions(q), placeholderData: keepPreviousData });
