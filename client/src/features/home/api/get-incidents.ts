import { queryOptions, useQuery } from '@tanstack/react-query';
import {
  incidentList,
  incidentListQuery,
  type IncidentListQuery,
} from '@vigil/shared/schemas/incidents';
import type { z } from 'zod';
import { api } from '../../../lib/api-client.ts';
import { queryString } from '../../../lib/list-params.ts';
import { homeKeys } from './keys.ts';

export type HomeIncidentQuery = Partial<z.input<typeof incidentListQuery>>;

export function getIncidents(query: IncidentListQuery, signal?: AbortSignal) {
  return api.get(`/incidents${queryString(query)}`, incidentList, signal);
}

// One short list of incidents (a home block shows a handful, not pages).
export const incidentsQueryOptions = (query: HomeIncidentQuery) =>
  queryOptions({
    queryKey: homeKeys.incidents(query),
    queryFn: ({ signal }) => getIncidents(incidentListQuery.parse(query), signal),
  });

export const useHomeIncidents = (query: HomeIncidentQuery, enabled = true) =>
  useQuery({ ...incidentsQueryOptions(query), enabled });
