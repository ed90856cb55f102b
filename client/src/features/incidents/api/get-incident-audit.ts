import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { auditListOutput } from '@vigil/shared/schemas/audit';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { incidentKeys } from './keys.ts';

// The audit log's events for one incident, newest first (managers and admins).
export function getIncidentAudit(id: string, cursor?: string, signal?: AbortSignal) {
  const query = queryString({ entity: 'Incident', entityId: id, limit: 50, cursor });
  return api.get(`/audit${query}`, auditListOutput, signal);
}

export const incidentAuditQueryOptions = (id: string) =>
  infiniteQueryOptions({
    queryKey: incidentKeys.audit(id),
    queryFn: ({ pageParam, signal }) => getIncidentAudit(id, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

export const useIncidentAudit = (id: string, { enabled }: { enabled: boolean }) =>
  useInfiniteQuery({ ...incidentAuditQueryOptions(id), enabled });
