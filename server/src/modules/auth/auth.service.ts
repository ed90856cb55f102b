import type { ChangePasswordInput, LoginInput, SessionUser } from '@vigil/shared/schemas/auth';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { Db } from '../../db/prisma.ts';
import { AppError, validationError } from '../../http/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import { assertNotCommon } from './common-passwords.ts';
import type { LoginLimiter, LoginRefusal } from './login-limiter.ts';
import { checkPassword, hashNeedsUpgrade, hashPassword } from './passwords.ts';
import { createSession, endSessionsOf, sessionUserSelect, type Meta } from './sessions.ts';
import { isTrustedDevice, trustedDeviceToken } from './trusted-devices.ts';
import { passesSecondFactor, type SecondFactorKit } from './two-factor.ts';

const addressOf = (meta: Meta) => meta.ip ?? 'unknown';

function rateLimited(refusal: LoginRefusal) {
  return new AppError('RATE_LIMITED', 'Too many sign-in attempts; try again later', {
    retryAfterSeconds: refusal.retryAfterSeconds,
  });
}

// A refusal is recorded once per burst (its first), naming the account by id when it exists.
async function refuse(db: Db, refusal: LoginRefusal, email: string, meta: Meta): Promise<never> {
  if (refusal.firstOfBurst) {
    const account =
      refusal.limit === 'address'
        ? null
        : await db.user.findUnique({ where: { email }, select: { id: true } });
    await recordAudit(db, {
      action: 'LOGIN_FAILED',
      actorId: account?.id ?? null,
      entity: 'User',
      entityId: account?.id ?? null,
      changes: { reason: 'RATE_LIMITED', limit: refusal.limit },
      ip: meta.ip ?? null,
    });
  }
  throw rateLimited(refusal);
}

// Spends an attempt of the limiter for this account from this address.
export async function attemptFor(db: Db, limiter: LoginLimiter, email: string, meta: Meta) {
  const attempt = await limiter.attempt(email, addressOf(meta));
  return attempt.refused ? refuse(db, attempt.refused, email, meta) : attempt;
}

export async function login(
  db: Db,
  limiter: LoginLimiter,
  input: LoginInput,
  meta: Meta,
  {
    production,
    secondFactor,
    deviceToken,
  }: {
    production: boolean;
    secondFactor: SecondFactorKit;
    // the browser's device cookie (trusted-devices.ts), if it sent one
    deviceToken: unknown;
  },
) {
  const email = input.email.toLowerCase();
  // counted before the password is checked, so that parallel guesses cannot outrun the count
  const attempt = await attemptFor(db, limiter, email, meta);
  const found = await db.user.findUnique({
    where: { email },
    select: {
      ...sessionUserSelect,
      passwordHash: true,
      active: true,
      totpSecret: true,
      totpEnabledAt: true,
      totpLastStep: true,
    },
  });
  const passwordOk = await checkPassword(found?.passwordHash, input.password);
  const demoRefused = production && input.password === demoPassword;
  const ok = passwordOk && !demoRefused && found?.active === true;
  if (!ok || !found) {
    // The account by its id when it exists. An unknown email is not recorded at all, not even
    // as a keyed hash: it is often a real person's address mistyped or tried by someone else,
    // and a hash can be confirmed by anyone holding the key and a guess. The address is kept.
    await recordAudit(db, {
      action: 'LOGIN_FAILED',
      actorId: found?.id ?? null,
      entity: 'User',
      entityId: found?.id ?? null,
      ip: meta.ip ?? null,
    });
    throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
  }
  // The second factor is checked within the same counted attempt, so that guesses at it are
  // limited like guesses at the password; the attempt is given back only once both were right.
  if (found.totpEnabledAt) {
    if (input.totp === undefined && input.recoveryCode === undefined) {
      // so that signing in in two steps costs no more of the limits than in one
      await attempt.refunded();
      throw new AppError('UNAUTHENTICATED', 'Enter the code from your authenticator app', {
        totpRequired: true,
      });
    }
    const trusted = isTrustedDevice(
      secondFactor.cipher,
      deviceToken,
      found.id,
      secondFactor.clock(),
    );
    const refusal = await attempt.checkingSecondFactor(trusted);
    if (refusal) await refuse(db, refusal, email, meta);
    if (!(await passesSecondFactor(db, secondFactor, found, input, meta))) {
      throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
    }
  }
  await attempt.succeeded();
  const {
    passwordHash,
    active: _active,
    totpSecret: _secret,
    totpEnabledAt: _enabledAt,
    totpLastStep: _lastStep,
    ...user
  } = found;
  if (hashNeedsUpgrade(passwordHash)) {
    await db.user.update({
      where: { id: user.id },
      data: { passwordHash: await hashPassword(input.password) },
      select: { id: true },
    });
  }
  const { token, csrfToken } = await createSession(db, user.id, meta);
  await recordAudit(db, {
    action: 'LOGIN',
    actorId: user.id,
    entity: 'User',
    entityId: user.id,
    ip: meta.ip ?? null,
  });
  return {
    token,
    user,
    csrfToken,
    deviceToken: trustedDeviceToken(secondFactor.cipher, user.id, secondFactor.clock()),
  };
}

export function me(
  user: SessionUser,
  csrfToken: string,
  twoFactor: { enabled: boolean; required: boolean },
) {
  return { user, csrfToken, rules: packedRulesFor(user), twoFactor };
}

// The signed-in user proves that it is them at the keyboard with their password; guesses at it
// are limited like sign-in's. The counted attempt is returned: the caller gives it back once
// everything it asked for was right.
export async function confirmPassword(
  db: Db,
  limiter: LoginLimiter,
  user: SessionUser,
  password: string,
  field: string,
  meta: Meta,
) {
  const attempt = await attemptFor(db, limiter, user.email, meta);
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!(await checkPassword(passwordHash, password))) {
    throw validationError([
      {
        path: `body.${field}`,
        code: 'wrong_password',
        message: 'This is not your current password',
      },
    ]);
  }
  return attempt;
}

// The signed-in user's own change, proven by their current password (guesses at it are limited
// like sign-in's). Every session of theirs ends, this one too; the caller gets a fresh one.
export async function changePassword(
  db: Db,
  limiter: LoginLimiter,
  user: SessionUser,
  input: ChangePasswordInput,
  meta: Meta,
) {
  const attempt = await confirmPassword(
    db,
    limiter,
    user,
    input.currentPassword,
    'currentPassword',
    meta,
  );
  await attempt.succeeded();
  if (input.newPassword === input.currentPassword) {
    throw validationError([
      {
        path: 'body.newPassword',
        code: 'same_password',
        message: 'The new password must differ from the current one',
      },
    ]);
  }
  assertNotCommon(input.newPassword, 'body.newPassword');
  const newHash = await hashPassword(input.newPassword);
  const { token, csrfToken } = await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: newHash },
      select: { id: true },
    });
    await endSessionsOf(tx, user.id);
    await recordAudit(tx, {
      action: 'UPDATE',
      actorId: user.id,
      entity: 'User',
      entityId: user.id,
      changes: { password: 'changed' },
      ip: meta.ip ?? null,
    });
    return createSession(tx, user.id, meta);
  });
  return { token, user, csrfToken };
}
