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

const addressOf = (meta: Meta) => meta.ip ?? 'unknown';

function rateLimited(refusal: LoginRefusal) {
  return new AppError('RATE_LIMITED', 'Too many sign-in attempts; try again later', {
    retryAfterSeconds: refusal.retryAfterSeconds,
  });
}

// Spends an attempt of the limiter for this account from this address; a refusal is recorded
// once per burst (its first), naming the account by id when it exists.
async function attemptFor(db: Db, limiter: LoginLimiter, email: string, meta: Meta) {
  const attempt = await limiter.attempt(email, addressOf(meta));
  if (!attempt.refused) return attempt;
  if (attempt.refused.firstOfBurst) {
    const account =
      attempt.refused.limit === 'address'
        ? null
        : await db.user.findUnique({ where: { email }, select: { id: true } });
    await recordAudit(db, {
      action: 'LOGIN_FAILED',
      actorId: account?.id ?? null,
      entity: 'User',
      entityId: account?.id ?? null,
      changes: { reason: 'RATE_LIMITED', limit: attempt.refused.limit },
      ip: meta.ip ?? null,
    });
  }
  throw rateLimited(attempt.refused);
}

export async function login(
  db: Db,
  limiter: LoginLimiter,
  input: LoginInput,
  meta: Meta,
  { production }: { production: boolean },
) {
  const email = input.email.toLowerCase();
  // counted before the password is checked, so that parallel guesses cannot outrun the count
  const attempt = await attemptFor(db, limiter, email, meta);
  const found = await db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true, active: true },
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
  // A second factor, once accounts can have one, is checked here: within the same counted
  // attempt, so that it is rate-limited like the password.
  await attempt.succeeded();
  const { passwordHash, active: _active, ...user } = found;
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
  return { token, user, csrfToken };
}

export function me(user: SessionUser, csrfToken: string) {
  return { user, csrfToken, rules: packedRulesFor(user) };
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
  const attempt = await attemptFor(db, limiter, user.email, meta);
  const { passwordHash } = await db.user.findUniqueOrThrow({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!(await checkPassword(passwordHash, input.currentPassword))) {
    throw validationError([
      {
        path: 'body.currentPassword',
        code: 'wrong_password',
        message: 'This is not your current password',
      },
    ]);
  }
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
