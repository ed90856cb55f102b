import type { RequestHandler } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import type { Role } from '@vigil/shared/enums';
import { findSession, sessionCookie } from '../modules/auth/sessions.ts';
import { AppError } from './app-error.ts';
import { poolOf } from './request-context.ts';

// Sets req.user, req.ability and the session's ids when the cookie names a live session.
export const loadSession: RequestHandler = async (req, _res, next) => {
  const token: unknown = req.cookies?.[sessionCookie(req.secure).name];
  if (typeof token !== 'string' || token.length === 0 || token.length > 200) return next();
  const session = await findSession(poolOf(req), token);
  if (session) {
    req.user = session.user;
    req.ability = defineAbilityFor(session.user);
    req.sessionId = session.id;
    req.csrfToken = session.csrfToken;
    req.twoFactorEnabled = session.twoFactorEnabled;
  }
  next();
};

// A caller whose role must sign in with two factors and who has not set it up yet may only do
// what the routes marked `duringTwoFactorSetUp` do (set it up, see who they are, sign out).
export const requireTwoFactorWhenRequired: RequestHandler = (req, _res, next) => {
  const { twoFactorRequiredRoles } = req.app.locals as { twoFactorRequiredRoles: readonly Role[] };
  if (req.user && !req.twoFactorEnabled && twoFactorRequiredRoles.includes(req.user.role)) {
    return next(
      new AppError('FORBIDDEN', 'Set up two-factor sign-in to continue', {
        twoFactorRequired: true,
      }),
    );
  }
  next();
};

export const requireUser: RequestHandler = (req, _res, next) => {
  if (!req.user) return next(new AppError('UNAUTHENTICATED', 'Please sign in'));
  next();
};

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Double submit: the token is handed out by login and /auth/me and must come back in a header.
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (!stateChanging.has(req.method)) return next();
  const header = req.get('x-csrf-token');
  if (!header || !req.csrfToken || !sameToken(header, req.csrfToken)) {
    return next(new AppError('CSRF', 'Missing or invalid x-csrf-token header'));
  }
  next();
};
