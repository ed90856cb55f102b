import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys, isSensitiveDetail } from './keys.ts';

// Soft delete: the incident leaves every list; an admin can restore it.
export function deleteIncident(id: string) {
  return api.delete(`/incidents/${encodeURIComponent(id)}`);
}

export function useDeleteIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteIncident(id),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: [...incidentKeys.details(), id] });
      return queryClient.invalidateQueries({
        queryKey: incidentKeys.all,
        predicate: (query) => !isSensitiveDetail(query.queryKey),
      });
    },
  });
}
