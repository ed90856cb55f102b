import type { CookieOptions, Request } from 'express';
import { loginInput, loginOutput, meOutput } from '@vigil/shared/schemas/auth';
import { dbOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { login, me } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { absoluteTimeoutMs, destroySession, sessionCookie } from './sessions.ts';

// set on app.locals by createApp
export interface AuthSettings {
  loginLimiter: LoginLimiter;
  // demo credentials are refused in production
  production: boolean;
}

function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' };
}

export const authRoutes = createRoutes('/auth');

authRoutes.post(
  '/login',
  { summary: 'Sign in', body: loginInput, response: loginOutput, public: true },
  async ({ body }, req, res) => {
    const meta = { ip: req.ip, userAgent: req.get('user-agent') };
    const { loginLimiter, production } = req.app.locals as AuthSettings;
    const { token, user, csrfToken } = await login(dbOf(req), loginLimiter, body, meta, {
      production,
    });
    res.cookie(sessionCookie, token, { ...cookieOptions(req), maxAge: absoluteTimeoutMs });
    return { user, csrfToken };
  },
);

authRoutes.post('/logout', { summary: 'Sign out', status: 204 }, async (_input, req, res) => {
  await destroySession(dbOf(req), req.sessionId!);
  res.clearCookie(sessionCookie, cookieOptions(req));
});

authRoutes.get(
  '/me',
  { summary: 'The signed-in user, CSRF token and packed CASL rules', response: meOutput },
  (_input, req) => me(req.user!, req.csrfToken!),
);
