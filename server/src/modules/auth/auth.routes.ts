import { Router, type CookieOptions, type Request } from 'express';
import { loginInput } from '@vigil/shared/schemas/auth';
import { requireCsrf, requireUser } from '../../http/authenticate.ts';
import { dbOf } from '../../http/request-context.ts';
import { withInput } from '../../http/validate.ts';
import { login, me } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { absoluteTimeoutMs, destroySession, sessionCookie } from './sessions.ts';

function cookieOptions(req: Request): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: absoluteTimeoutMs,
  };
}

export function authRoutes(limiter: LoginLimiter, options: { production: boolean }): Router {
  const router = Router();

  router.post(
    '/login',
    ...withInput({ body: loginInput }, async ({ body }, req, res) => {
      const meta = { ip: req.ip, userAgent: req.get('user-agent') };
      const { token, user, csrfToken } = await login(dbOf(req), limiter, body, meta, options);
      res.cookie(sessionCookie, token, cookieOptions(req));
      res.json({ user, csrfToken });
    }),
  );

  router.post('/logout', requireUser, requireCsrf, async (req, res) => {
    if (req.sessionId) await destroySession(dbOf(req), req.sessionId);
    res.clearCookie(sessionCookie, { ...cookieOptions(req), maxAge: undefined });
    res.status(204).end();
  });

  router.get('/me', requireUser, (req, res) => {
    res.json(me(req.user!, req.csrfToken!));
  });

  return router;
}
