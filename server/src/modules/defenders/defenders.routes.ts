import { idParams } from '@vigil/shared/schemas/common';
import {
  createDefenderInput,
  defenderList,
  defenderListQuery,
  defenderOutput,
  similarDefenders,
  similarDefendersQuery,
  updateDefenderInput,
} from '@vigil/shared/schemas/defenders';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import {
  createDefender,
  deleteDefender,
  findSimilarDefenders,
  getDefender,
  listDefenders,
  restoreDefender,
  updateDefender,
} from './defenders.service.ts';

export const defenderRoutes = createRoutes('/defenders');

defenderRoutes.get(
  '/',
  {
    summary: 'Defenders the caller may read, filtered and searched by name or alias',
    query: defenderListQuery,
    response: defenderList,
  },
  async ({ query }, req, res) => {
    res.json(await listDefenders(ctxOf(req), query));
  },
);

defenderRoutes.post(
  '/',
  {
    summary: 'Record a defender',
    body: createDefenderInput,
    response: defenderOutput,
    status: 201,
  },
  async ({ body }, req, res) => {
    res.status(201).json(await createDefender(ctxOf(req), body));
  },
);

// before /:id, which would otherwise take `similar` for an id
defenderRoutes.get(
  '/similar',
  {
    summary: 'Likely duplicates of a name, before recording a new defender',
    query: similarDefendersQuery,
    response: similarDefenders,
  },
  async ({ query }, req, res) => {
    res.json(await findSimilarDefenders(ctxOf(req), query));
  },
);

defenderRoutes.get(
  '/:id',
  { summary: 'One defender', params: idParams, response: defenderOutput },
  async ({ params }, req, res) => {
    res.json(await getDefender(ctxOf(req), params.id));
  },
);

defenderRoutes.patch(
  '/:id',
  {
    summary: 'Change a defender (409 CONFLICT when `version` is not the current one)',
    params: idParams,
    body: updateDefenderInput,
    response: defenderOutput,
  },
  async ({ params, body }, req, res) => {
    res.json(await updateDefender(ctxOf(req), params.id, body));
  },
);

defenderRoutes.delete(
  '/:id',
  { summary: 'Soft-delete a defender', params: idParams, status: 204 },
  async ({ params }, req, res) => {
    await deleteDefender(ctxOf(req), params.id);
    res.status(204).end();
  },
);

defenderRoutes.post(
  '/:id/restore',
  {
    summary: 'Recover a soft-deleted defender (admins)',
    params: idParams,
    response: defenderOutput,
  },
  async ({ params }, req, res) => {
    res.json(await restoreDefender(ctxOf(req), params.id));
  },
);
