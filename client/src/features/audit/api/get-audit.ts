import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { auditListOutput, type AuditListQuery } from '@vigil/shared/schemas/audit';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { auditKeys } from './keys.ts';

export function getAudit(query: AuditListQuery, signal?: AbortSignal) {
  return api.get(`/audit${queryString(query)}`, auditListOutput, signal);
}

// Pages follow the API's cursor, starting where the address says.
export const auditInfiniteQueryOptions = (query: AuditListQuery) =>
  infiniteQueryOptions({
    queryKey: auditKeys.list(query),
    queryFn: ({ pageParam, signal }) => getAudit({ ...query, cursor: pageParam }, signal),
    initialPageParam: query.cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useAudit = (query: AuditListQuery) =>
  useInfiniteQuery(auditInfiniteQueryOptions(query));
