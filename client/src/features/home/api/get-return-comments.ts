import { useQueries } from '@tanstack/react-query';
import {
  incidentTransitionList,
  type IncidentTransitionOutput,
} from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { homeKeys } from './keys.ts';

// The transition that sent an incident back to its author: the latest one to DRAFT (the
// history comes oldest first).
export async function getReturnTransition(
  incidentId: string,
  signal?: AbortSignal,
): Promise<IncidentTransitionOutput | null> {
  const history = await api.get(
    `/incidents/${encodeURIComponent(incidentId)}/transitions?limit=200`,
    incidentTransitionList,
    signal,
  );
  return history.items.findLast((transition) => transition.to === 'DRAFT') ?? null;
}

// One query per returned incident: the home page lists a few at most.
export function useReturnTransitions(incidentIds: readonly string[]) {
  return useQueries({
    queries: incidentIds.map((incidentId) => ({
      queryKey: homeKeys.returnComment(incidentId),
      queryFn: ({ signal }: { signal: AbortSignal }) => getReturnTransition(incidentId, signal),
    })),
  });
}
