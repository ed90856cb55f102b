import { useMutation, useQueryClient } from '@tanstack/react-query';
import { incidentOutput, type CreateIncidentInput } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { refreshAfterIncidentWrite } from './update-incident.ts';

export function createIncident(input: CreateIncidentInput) {
  return api.post('/incidents', input, incidentOutput);
}

export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createIncident,
    onSuccess: (incident) => refreshAfterIncidentWrite(queryClient, incident.id),
  });
}
