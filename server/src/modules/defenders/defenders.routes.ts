import { idParams, includeQuery } from '@vigil/shared/schemas/common';
import {
  createDefenderInput,
  defenderList,
  defenderListQuery,
  defenderOutput,
  similarDefenders,
  similarDefendersQuery,
  updateDefenderInput,
} from '@vigil/shared/schemas/defenders';
import { ctxOf, fieldCipherOf } from '../../http/request-context.ts';
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
  ({ query }, req) => listDefenders(ctxOf(req), query),
);

defenderRoutes.post(
  '/',
  {
    summary: 'Record a defender',
    body: createDefenderInput,
    response: defenderOutput,
    status: 201,
  },
  ({ body }, req) => createDefender(ctxOf(req), body, fieldCipherOf(req)),
);

// before /:id, which would otherwise take `similar` for an id
defenderRoutes.get(
  '/similar',
  {
    summary: 'Likely duplicates of a name, before recording a new defender',
    query: similarDefendersQuery,
    response: similarDefenders,
  },
  ({ query }, req) => findSimilarDefenders(ctxOf(req), query),
);

defenderRoutes.get(
  '/:id',
  {
    summary:
      'One defender; legalName, contact and region only with include=sensitive, where the caller may see them (each such reading is audited)',
    params: idParams,
    query: includeQuery,
    response: defenderOutput,
  },
  ({ params, query }, req) => getDefender(ctxOf(req), params.id, query, fieldCipherOf(req)),
);

defenderRoutes.patch(
  '/:id',
  {
    summary: 'Change a defender (409 CONFLICT when `version` is not the current one)',
    params: idParams,
    body: updateDefenderInput,
    response: defenderOutput,
  },
  ({ params, body }, req) => updateDefender(ctxOf(req), params.id, body, fieldCipherOf(req)),
);

defenderRoutes.delete(
  '/:id',
  { summary: 'Soft-delete a defender', params: idParams, status: 204 },
  ({ params }, req) => deleteDefender(ctxOf(req), params.id),
);

defenderRoutes.post(
  '/:id/restore',
  {
    summary: 'Recover a soft-deleted defender (admins)',
    params: idParams,
    response: defenderOutput,
  },
  ({ params }, req) => restoreDefender(ctxOf(req), params.id),
);
