import { useMutation, useQueryClient } from '@tanstack/react-query';
import { incidentOutput, type TransitionIncidentInput } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { incidentKeys, isSensitiveDetail } from './keys.ts';

export function transitionIncident(id: string, input: TransitionIncidentInput) {
  return api.post(`/incidents/${encodeURIComponent(id)}/transition`, input, incidentOutput);
}

// A step moves the incident between lists (the review queue, the researcher's drafts) and
// adds to its history, so the whole feature is refreshed; the sensitive copy is left alone, as
// refetching it would record another reading.
export function useTransitionIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: TransitionIncidentInput & { id: string }) =>
      transitionIncident(id, input),
    onSettled: () =>
      queryClient.invalidateQueries({
        queryKey: incidentKeys.all,
        predicate: (query) => !isSensitiveDetail(query.queryKey),
      }),
  });
}
