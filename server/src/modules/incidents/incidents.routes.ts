import { idParams, includeQuery } from '@vigil/shared/schemas/common';
import {
  createIncidentInput,
  incidentList,
  incidentListQuery,
  incidentOutput,
  incidentTransitionList,
  incidentTransitionListQuery,
  transitionIncidentInput,
  updateIncidentInput,
} from '@vigil/shared/schemas/incidents';
import { ctxOf, fieldCipherOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import {
  createIncident,
  deleteIncident,
  getIncident,
  listIncidents,
  restoreIncident,
  updateIncident,
} from './incidents.service.ts';
import { listTransitions, transitionIncident } from './incidents.workflow.ts';

export const incidentRoutes = createRoutes('/incidents');

incidentRoutes.get(
  '/',
  {
    summary:
      'Incidents the caller may read, filtered and sorted (default newest first). Each item is a summary: the incident without `summary`, `acts`, `charges` and `sources`, with `defenderIds`, `violations`, `perpetrators` (distinct over its acts) and `sourceCount`; `include=details` adds the four back (never source identities).',
    query: incidentListQuery,
    response: incidentList,
  },
  ({ query }, req) => listIncidents(ctxOf(req), query),
);

incidentRoutes.post(
  '/',
  {
    summary: 'Record an incident with its acts, charges and sources (starts as DRAFT)',
    body: createIncidentInput,
    response: incidentOutput,
    status: 201,
  },
  ({ body }, req) => createIncident(ctxOf(req), body, fieldCipherOf(req)),
);

incidentRoutes.get(
  '/:id',
  {
    summary:
      'One incident; source identities only with include=sensitive, where the caller may see them (each such reading is audited)',
    params: idParams,
    query: includeQuery,
    response: incidentOutput,
  },
  ({ params, query }, req) => getIncident(ctxOf(req), params.id, query, fieldCipherOf(req)),
);

incidentRoutes.patch(
  '/:id',
  {
    summary: 'Change an incident; acts, charges and sources given replace the old ones',
    params: idParams,
    body: updateIncidentInput,
    response: incidentOutput,
  },
  ({ params, body }, req) => updateIncident(ctxOf(req), params.id, body, fieldCipherOf(req)),
);

incidentRoutes.delete(
  '/:id',
  { summary: 'Soft-delete an incident', params: idParams, status: 204 },
  ({ params }, req) => deleteIncident(ctxOf(req), params.id),
);

incidentRoutes.post(
  '/:id/restore',
  {
    summary: 'Undo the deletion of an incident (admins)',
    params: idParams,
    response: incidentOutput,
  },
  ({ params }, req) => restoreIncident(ctxOf(req), params.id),
);

incidentRoutes.post(
  '/:id/transition',
  {
    summary: 'Move an incident along its workflow (DRAFT, SUBMITTED, VERIFIED, ARCHIVED)',
    params: idParams,
    body: transitionIncidentInput,
    response: incidentOutput,
  },
  ({ params, body }, req) => transitionIncident(ctxOf(req), params.id, body),
);

incidentRoutes.get(
  '/:id/transitions',
  {
    summary: 'The workflow history of an incident, oldest first',
    params: idParams,
    query: incidentTransitionListQuery,
    response: incidentTransitionList,
  },
  ({ params, query }, req) => listTransitions(ctxOf(req), params.id, query),
);
