import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { requireCsrf, requireTwoFactorWhenRequired, requireUser } from './authenticate.ts';
import { JsonText } from './json-text.ts';
import { validate, type Input } from './validate.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface EndpointSpec {
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  // the success body; absent for 204
  response?: z.ZodType;
  // the success status: 200 by default, 204 when the handler returns nothing
  status?: number;
  // answered without a session (sign-in, health); every other route needs a signed-in
  // caller, and the CSRF token for writes
  public?: boolean;
  // open to a caller whose role must use two-factor sign-in before they have set it up (their
  // own account, sign-out, the set-up itself); every other route refuses them with 403
  duringTwoFactorSetUp?: boolean;
}

export interface Endpoint extends EndpointSpec {
  method: Method;
  // OpenAPI style: /api/defenders/{id}
  path: string;
}

// Every endpoint of the API, as declared: the OpenAPI document, the role matrix and the fuzz
// suite read it, so none of them can forget a route.
const catalogue = new Map<string, Endpoint>();
export const listEndpoints = (): Endpoint[] => [...catalogue.values()];

type Handler<S extends EndpointSpec> = (
  input: Input<Pick<S, 'params' | 'query' | 'body'>>,
  req: Request,
  res: Response,
) => unknown;

// A feature's router, mounted under /api + `path`: each route checks the session, validates its
// input with its zod schemas, then calls one handler with the parsed input and answers what it
// returns with the spec's status (unless the handler answered itself).
export function createRoutes(path: string) {
  const router = Router();
  const add =
    (method: Method) =>
    <S extends EndpointSpec>(routePath: string, spec: S, handler: Handler<S>) => {
      const fullPath = `/api${path}${routePath === '/' ? '' : routePath}`;
      const endpoint = { ...spec, method, path: fullPath.replace(/:(\w+)/g, '{$1}') };
      catalogue.set(`${method} ${endpoint.path}`, endpoint);
      const guards = spec.public
        ? []
        : [
            requireUser,
            requireCsrf,
            ...(spec.duringTwoFactorSetUp ? [] : [requireTwoFactorWhenRequired]),
          ];
      router[method](routePath, ...guards, validate(spec), async (req, res) => {
        const body = await handler(
          res.locals.input as Input<Pick<S, 'params' | 'query' | 'body'>>,
          req,
          res,
        );
        if (res.headersSent) return;
        if (body === undefined) res.status(spec.status ?? 204).end();
        else if (body instanceof JsonText)
          res
            .status(spec.status ?? 200)
            .type('json')
            .send(body.text);
        else res.status(spec.status ?? 200).json(body);
      });
    };
  return {
    path,
    router,
    get: add('get'),
    post: add('post'),
    put: add('put'),
    patch: add('patch'),
    delete: add('delete'),
  };
}
