import type { Request, Response } from 'express';
import type { Role } from '@vigil/shared/enums';
import {
  changePasswordInput,
  loginInput,
  loginOutput,
  meOutput,
  recoveryCodesOutput,
  twoFactorConfirmInput,
  twoFactorEnableInput,
  twoFactorSetupInput,
  twoFactorSetupOutput,
} from '@vigil/shared/schemas/auth';
import { dbOf, fieldCipherOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { changePassword, login, me } from './auth.service.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { absoluteTimeoutMs, destroySession, sessionCookie, type Meta } from './sessions.ts';
import { deviceCookie } from './trusted-devices.ts';
import type { SecondFactorKit } from './two-factor.ts';
import {
  disableTwoFactor,
  enableTwoFactor,
  replaceRecoveryCodesOf,
  setUpTwoFactor,
  type TwoFactorCaller,
} from './two-factor.service.ts';

// set on app.locals by createApp
export interface AuthSettings {
  loginLimiter: LoginLimiter;
  // demo credentials are refused in production
  production: boolean;
  // roles that must sign in with a second factor
  twoFactorRequiredRoles: readonly Role[];
  // the time TOTP codes are checked against (milliseconds)
  clock: () => number;
}

const settingsOf = (req: Request) => req.app.locals as AuthSettings;
const metaOf = (req: Request): Meta => ({ ip: req.ip, userAgent: req.get('user-agent') });
const secondFactorKitOf = (req: Request): SecondFactorKit => ({
  cipher: fieldCipherOf(req),
  clock: settingsOf(req).clock,
});
const callerOf = (req: Request): TwoFactorCaller => ({
  user: req.user!,
  sessionId: req.sessionId!,
  meta: metaOf(req),
});

function setSessionCookie(req: Request, res: Response, token: string) {
  const { name, options } = sessionCookie(req.secure);
  res.cookie(name, token, { ...options, maxAge: absoluteTimeoutMs });
}

export const authRoutes = createRoutes('/auth');

authRoutes.post(
  '/login',
  { summary: 'Sign in', body: loginInput, response: loginOutput, public: true },
  async ({ body }, req, res) => {
    const { loginLimiter, production } = settingsOf(req);
    const device = deviceCookie(req.secure);
    const { token, user, csrfToken, deviceToken } = await login(
      dbOf(req),
      loginLimiter,
      body,
      metaOf(req),
      {
        production,
        secondFactor: secondFactorKitOf(req),
        deviceToken: req.cookies?.[device.name],
      },
    );
    setSessionCookie(req, res, token);
    res.cookie(device.name, deviceToken, device.options);
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
    duringTwoFactorSetUp: true,
  },
  async ({ body }, req, res) => {
    const { loginLimiter } = settingsOf(req);
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

authRoutes.post(
  '/logout',
  { summary: 'Sign out', status: 204, duringTwoFactorSetUp: true },
  async (_input, req, res) => {
    await destroySession(dbOf(req), req.sessionId!);
    const { name, options } = sessionCookie(req.secure);
    res.clearCookie(name, options);
  },
);

authRoutes.get(
  '/me',
  {
    summary:
      'The signed-in user, CSRF token, packed CASL rules, and whether two-factor sign-in is on and required of them',
    response: meOutput,
    duringTwoFactorSetUp: true,
  },
  (_input, req) =>
    me(req.user!, req.csrfToken!, {
      enabled: req.twoFactorEnabled === true,
      required: settingsOf(req).twoFactorRequiredRoles.includes(req.user!.role),
    }),
);

authRoutes.post(
  '/two-factor/setup',
  {
    summary:
      'Start setting up two-factor sign-in (TOTP) with your password: a new secret for your authenticator app, pending until a code from it is confirmed (replaces an unfinished set-up)',
    body: twoFactorSetupInput,
    response: twoFactorSetupOutput,
    duringTwoFactorSetUp: true,
  },
  ({ body }, req) =>
    setUpTwoFactor(
      dbOf(req),
      settingsOf(req).loginLimiter,
      secondFactorKitOf(req),
      callerOf(req),
      body,
    ),
);

authRoutes.post(
  '/two-factor/enable',
  {
    summary:
      'Turn two-factor sign-in on with a first code from the app; answers ten single-use recovery codes, shown this once. Every other session of yours ends',
    body: twoFactorEnableInput,
    response: recoveryCodesOutput,
    duringTwoFactorSetUp: true,
  },
  ({ body }, req) => enableTwoFactor(dbOf(req), secondFactorKitOf(req), callerOf(req), body),
);

authRoutes.post(
  '/two-factor/disable',
  {
    summary:
      'Turn two-factor sign-in off with your password and a code (from the app or a recovery code); refused when your role must use it. Every other session of yours ends',
    body: twoFactorConfirmInput,
    status: 204,
  },
  async ({ body }, req) => {
    const { loginLimiter, twoFactorRequiredRoles } = settingsOf(req);
    await disableTwoFactor(
      dbOf(req),
      loginLimiter,
      secondFactorKitOf(req),
      callerOf(req),
      body,
      twoFactorRequiredRoles,
    );
  },
);

authRoutes.post(
  '/two-factor/recovery-codes',
  {
    summary:
      'Replace your recovery codes with ten new ones (every earlier one void), with your password and a code; every other session of yours ends',
    body: twoFactorConfirmInput,
    response: recoveryCodesOutput,
  },
  ({ body }, req) =>
    replaceRecoveryCodesOf(
      dbOf(req),
      settingsOf(req).loginLimiter,
      secondFactorKitOf(req),
      callerOf(req),
      body,
    ),
);
