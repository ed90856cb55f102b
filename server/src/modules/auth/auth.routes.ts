import type { Request, Response } from 'express';
import { changePasswordInput, loginInput, loginOutput, meOutput } from '@vigil/shared/schemas/auth';
import { dbOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { changePassword, login, me } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { absoluteTimeoutMs, destroySession, sessionCookie, type Meta } from './sessions.ts';

// set on app.locals by createApp
export interface AuthSettings {
  loginLimiter: LoginLimiter;
  // demo credentials are refused in production
  production: boolean;
}

const metaOf = (req: Request): Meta => ({ ip: req.ip, userAgent: req.get('user-agent') });

function setSessionCookie(req: Request, res: Response, token: string) {
  const { name, options } = sessionCookie(req.secure);
  res.cookie(name, token, { ...options, maxAge: absoluteTimeoutMs });
}

export const authRoutes = createRoutes('/auth');

authRoutes.post(
  '/login',
  { summary: 'Sign in', body: loginInput, response: loginOutput, public: true },
  async ({ body }, req, res) => {
    const { loginLimiter, production } = req.app.locals as AuthSettings;
    const { token, user, csrfToken } = await login(dbOf(req), loginLimiter, body, metaOf(req), {
      production,
    });
    setSessionCookie(req, res, token);
    return { user, csrfToken };
  },
);

authRoutes.post(
  '/password',
  {
    summary:
      'Change your own password (at least 15 characters, not a common one); every session of yours ends and this one is replaced by a new one',
    body: changePasswordInput,
    response: loginOutput,
  },
  async ({ body }, req, res) => {
    const { loginLimiter } = req.app.locals as AuthSettings;
    const { token, user, csrfToken } = await changePassword(
      dbOf(req),
      loginLimiter,
      req.user!,
      body,
      metaOf(req),
    );
    setSessionCookie(req, res, token);
    return { user, csrfToken };
  },
);

authRoutes.post('/logout', { summary: 'Sign out', status: 204 }, async (_input, req, res) => {
  await destroySession(dbOf(req), req.sessionId!);
  const { name, options } = sessionCookie(req.secure);
  res.clearCookie(name, options);
});

authRoutes.get(
  '/me',
  { summary: 'The signed-in user, CSRF token and packed CASL rules', response: meOutput },
  (_input, req) => me(req.user!, req.csrfToken!),
);
