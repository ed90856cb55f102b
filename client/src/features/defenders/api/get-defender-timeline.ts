import { queryOptions, useQuery } from '@tanstack/react-query';
import { advocacyList } from '@vigil/shared/schemas/advocacy';
import { listOf } from '@vigil/shared/schemas/common';
import { incidentOutput } from '@vigil/shared/schemas/incidents';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { defenderKeys } from './keys.ts';

// A defender's page shows everything that names them; 200 (the list maximum) covers any
// defender's history in practice.
const timelineLimit = 200;

// each incident with its acts and charges, to show what befell this defender
const incidentsWithDetails = listOf(incidentOutput);

export function getDefenderIncidents(defenderId: string, signal?: AbortSignal) {
  return api.get(
    `/incidents${queryString({ defenderId, sort: '-occurredOn', limit: timelineLimit, include: 'details' })}`,
    incidentsWithDetails,
    signal,
  );
}

export function getDefenderAdvocacy(defenderId: string, signal?: AbortSignal) {
  return api.get(
    `/advocacy${queryString({ defenderId, sort: '-date', limit: timelineLimit })}`,
    advocacyList,
    signal,
  );
}

export const defenderIncidentsQueryOptions = (defenderId: string) =>
  queryOptions({
    queryKey: defenderKeys.incidentsOf(defenderId),
    queryFn: ({ signal }) => getDefenderIncidents(defenderId, signal),
  });

export const defenderAdvocacyQueryOptions = (defenderId: string) =>
  queryOptions({
    queryKey: defenderKeys.advocacyOf(defenderId),
    queryFn: ({ signal }) => getDefenderAdvocacy(defenderId, signal),
  });

export const useDefenderIncidents = (defenderId: string, { enabled }: { enabled: boolean }) =>
  useQuery({ ...defenderIncidentsQueryOptions(defenderId), enabled });

export const useDefenderAdvocacy = (defenderId: string, { enabled }: { enabled: boolean }) =>
  useQuery({ ...defenderAdvocacyQueryOptions(defenderId), enabled });
