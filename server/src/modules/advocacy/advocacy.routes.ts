import {
  advocacyList,
  advocacyListQuery,
  advocacyOutput,
  createAdvocacyInput,
  updateAdvocacyInput,
} from '@vigil/shared/schemas/advocacy';
import { idParams } from '@vigil/shared/schemas/common';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import {
  createAdvocacy,
  deleteAdvocacy,
  getAdvocacy,
  listAdvocacy,
  restoreAdvocacy,
  updateAdvocacy,
} from './advocacy.service.ts';

export const advocacyRoutes = createRoutes('/advocacy');

advocacyRoutes.get(
  '/',
  {
    summary: 'Advocacy actions (statements, letters, UN submissions...), filtered',
    query: advocacyListQuery,
    response: advocacyList,
  },
  ({ query }, req) => listAdvocacy(ctxOf(req), query),
);

advocacyRoutes.post(
  '/',
  {
    summary: 'Record an advocacy action about readable incidents and defenders',
    body: createAdvocacyInput,
    response: advocacyOutput,
    status: 201,
  },
  ({ body }, req) => createAdvocacy(ctxOf(req), body),
);

advocacyRoutes.get(
  '/:id',
  { summary: 'One advocacy action', params: idParams, response: advocacyOutput },
  ({ params }, req) => getAdvocacy(ctxOf(req), params.id),
);

advocacyRoutes.patch(
  '/:id',
  {
    summary: 'Change an advocacy action (409 CONFLICT when `version` is not the current one)',
    params: idParams,
    body: updateAdvocacyInput,
    response: advocacyOutput,
  },
  ({ params, body }, req) => updateAdvocacy(ctxOf(req), params.id, body),
);

advocacyRoutes.delete(
  '/:id',
  { summary: 'Soft-delete an advocacy action', params: idParams, status: 204 },
  ({ params }, req) => deleteAdvocacy(ctxOf(req), params.id),
);

advocacyRoutes.post(
  '/:id/restore',
  {
    summary: 'Recover a soft-deleted advocacy action (admins)',
    params: idParams,
    response: advocacyOutput,
  },
  ({ params }, req) => restoreAdvocacy(ctxOf(req), params.id),
);
