import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { incidentOutput, type UpdateIncidentInput } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys, isSensitiveDetail } from './keys.ts';

export function updateIncident(id: string, input: UpdateIncidentInput) {
  return api.patch(`/incidents/${encodeURIComponent(id)}`, input, incidentOutput);
}

// After a write the feature's lists and pages are refreshed. The copy read with source
// identities is dropped rather than refetched: refetching would record a reading nobody asked
// for, and keeping it would show identities as they were before the edit.
export function refreshAfterIncidentWrite(queryClient: QueryClient, id: string) {
  queryClient.removeQueries({ queryKey: incidentKeys.detail(id, { sensitive: true }) });
  return queryClient.invalidateQueries({
    queryKey: incidentKeys.all,
    predicate: (query) => !isSensitiveDetail(query.queryKey),
  });
}

// A 409 CONFLICT (someone else saved first) carries the current incident in its details.
export function useUpdateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateIncidentInput }) =>
      updateIncident(id, input),
    onSuccess: (incident) => refreshAfterIncidentWrite(queryClient, incident.id),
  });
}
