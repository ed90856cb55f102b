import { useQuery } from '@tanstack/react-query';
import { advocacyList, advocacyListQuery } from '@vigil/shared/schemas/advocacy';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { homeKeys } from './keys.ts';

export function getAdvocacy(
  query: Partial<z.input<typeof advocacyListQuery>>,
  signal?: AbortSignal,
) {
  return api.get(`/advocacy${queryString(advocacyListQuery.parse(query))}`, advocacyList, signal);
}

export const useHomeAdvocacy = (
  query: Partial<z.input<typeof advocacyListQuery>>,
  enabled = true,
) =>
  useQuery({
    queryKey: homeKeys.advocacy(query),
    queryFn: ({ signal }) => getAdvocacy(query, signal),
    enabled,
  });
