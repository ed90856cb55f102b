import { idParams } from '@vigil/shared/schemas/common';
import {
  createUserInput,
  resetPasswordInput,
  updateUserInput,
  userList,
  userListQuery,
  userOutput,
} from '@vigil/shared/schemas/users';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import {
  createUser,
  deactivateUser,
  getUser,
  listUsers,
  resetPassword,
  updateUser,
} from './users.service.ts';

export const userRoutes = createRoutes('/users');

userRoutes.get(
  '/',
  {
    summary: 'User accounts (admins)',
    query: userListQuery,
    response: userList,
  },
  ({ query }, req) => listUsers(ctxOf(req), query),
);

userRoutes.post(
  '/',
  {
    summary:
      'Create an account (admins); the password needs at least 15 characters and must not be a common one',
    body: createUserInput,
    response: userOutput,
    status: 201,
  },
  ({ body }, req) =>
    // createApp's flag: the demo password is refused in production
    createUser(ctxOf(req), body, { production: req.app.locals.production === true }),
);

userRoutes.get(
  '/:id',
  { summary: 'One user account (admins)', params: idParams, response: userOutput },
  ({ params }, req) => getUser(ctxOf(req), params.id),
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
  ({ params, body }, req) => updateUser(ctxOf(req), params.id, body),
);

userRoutes.delete(
  '/:id',
  {
    summary: 'Deactivate an account and end its sessions (admins); accounts are never removed',
    params: idParams,
    status: 204,
  },
  ({ params }, req) => deactivateUser(ctxOf(req), params.id),
);

userRoutes.post(
  '/:id/password',
  {
    summary:
      "Reset another user's password to a new one-time password (admins); every session of the user ends",
    params: idParams,
    body: resetPasswordInput,
    status: 204,
  },
  ({ params, body }, req) => resetPassword(ctxOf(req), params.id, body),
);
