import { idParams } from '@vigil/shared/schemas/common';
import { updateUserInput, userList, userListQuery, userOutput } from '@vigil/shared/schemas/users';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { createUserInput } from '@vigil/shared/schemas/users';
import { createUser, deactivateUser, getUser, listUsers, updateUser } from './users.service.ts';

export const userRoutes = createRoutes('/users');

userRoutes.get(
  '/',
  {
    summary: 'User accounts (admins)',
    query: userListQuery,
    response: userList,
  },
  async ({ query }, req, res) => {
    res.json(await listUsers(ctxOf(req), query));
  },
);

userRoutes.post(
  '/',
  {
    summary: 'Create an account (admins); the password needs at least 12 characters',
    body: createUserInput,
    response: userOutput,
    status: 201,
  },
  async ({ body }, req, res) => {
    // createApp's flag: the demo password is refused in production
    const production = req.app.locals.production === true;
    res.status(201).json(await createUser(ctxOf(req), body, { production }));
  },
);

userRoutes.get(
  '/:id',
  { summary: 'One user account (admins)', params: idParams, response: userOutput },
  async ({ params }, req, res) => {
    res.json(await getUser(ctxOf(req), params.id));
  },
);

userRoutes.patch(
  '/:id',
  {
    summary:
      'Change name, role, countries or activity (admins); deactivating ends every session of the user',
    params: idParams,
    body: updateUserInput,
    response: userOutput,
  },
  async ({ params, body }, req, res) => {
    res.json(await updateUser(ctxOf(req), params.id, body));
  },
);

userRoutes.delete(
  '/:id',
  {
    summary: 'Deactivate an account and end its sessions (admins); accounts are never removed',
    params: idParams,
    status: 204,
  },
  async ({ params }, req, res) => {
    await deactivateUser(ctxOf(req), params.id);
    res.status(204).end();
  },
);
