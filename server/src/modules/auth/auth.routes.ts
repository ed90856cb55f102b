import type { CookieOptions, Request } from 'express';
import { loginInput, loginOutput, meOutput } from '@vigil/shared/schemas/auth';
import { dbOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { login, me } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { absoluteTimeoutMs, destroySession, sessionCookie } from './sessions.ts';

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' };
}

export function authRoutes(limiter: LoginLimiter, options: { production: boolean }) {
  const routes = createRoutes('/auth');

  routes.post(
    '/login',
    { summary: 'Sign in', body: loginInput, response: loginOutput, public: true },
    async ({ body }, req, res) => {
      const meta = { ip: req.ip, userAgent: req.get('user-agent') };
      const { token, user, csrfToken } = await login(dbOf(req), limiter, body, meta, options);
      res.cookie(sessionCookie, token, { ...cookieOptions(req), maxAge: absoluteTimeoutMs });
      res.json({ user, csrfToken });
    },
  );

  routes.post('/logout', { summary: 'Sign out', status: 204 }, async (_input, req, res) => {
    await destroySession(dbOf(req), req.sessionId!);
    res.clearCookie(sessionCookie, cookieOptions(req));
    res.status(204).end();
  });

  routes.get(
    '/me',
    { summary: 'The signed-in user, CSRF token and packed CASL rules', response: meOutput },
    (_input, req, res) => {
      res.json(me(req.user!, req.csrfToken!));
    },
  );

  return routes;
}
