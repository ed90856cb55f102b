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
  async ({ query }, req, res) => {
    res.json(await listAdvocacy(ctxOf(req), query));
  },
);

advocacyRoutes.post(
  '/',
  {
    summary: 'Record an advocacy action about readable incidents and defenders',
    body: createAdvocacyInput,
    response: advocacyOutput,
    status: 201,
  },
  async ({ body }, req, res) => {
    res.status(201).json(await createAdvocacy(ctxOf(req), body));
  },
);

advocacyRoutes.get(
  '/:id',
  { summary: 'One advocacy action', params: idParams, response: advocacyOutput },
  async ({ params }, req, res) => {
    res.json(await getAdvocacy(ctxOf(req), params.id));
  },
);

advocacyRoutes.patch(
  '/:id',
  {
    summary: 'Change an advocacy action (409 CONFLICT when `version` is not the current one)',
    params: idParams,
    body: updateAdvocacyInput,
    response: advocacyOutput,
  },
  async ({ params, body }, req, res) => {
    res.json(await updateAdvocacy(ctxOf(req), params.id, body));
  },
);

advocacyRoutes.delete(
  '/:id',
  { summary: 'Soft-delete an advocacy action', params: idParams, status: 204 },
  async ({ params }, req, res) => {
    await deleteAdvocacy(ctxOf(req), params.id);
    res.status(204).end();
  },
);

advocacyRoutes.post(
  '/:id/restore',
  {
    summary: 'Recover a soft-deleted advocacy action (admins)',
    params: idParams,
    response: advocacyOutput,
  },
  async ({ params }, req, res) => {
    res.json(await restoreAdvocacy(ctxOf(req), params.id));
  },
);
