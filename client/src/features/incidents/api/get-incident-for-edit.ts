import { queryOptions } from '@tanstack/react-query';
import { getIncident } from './get-incident.ts';

// The incident as it is when its edit form opens, fetched afresh each time. Its keys sit
// outside incidentKeys on purpose: the form's own saves refresh the feature's cached copies,
// and that must not pull the form from under the user (after a submit the incident is no
// longer editable). `sensitive` also loads the source identities (READ_SENSITIVE), once per
// opening: the form saves the sources whole and would otherwise erase them.
export const incidentForEditQueryOptions = (id: string, { sensitive = false } = {}) =>
  queryOptions({
    queryKey: ['incident-edit-form', id, { sensitive }] as const,
    queryFn: ({ signal }) => getIncident(id, { sensitive }, signal),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    retry: sensitive ? false : undefined,
  });
