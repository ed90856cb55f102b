import type { LoginInput, SessionUser } from '@vigil/shared/schemas/auth';
import { packedRulesFor } from '@vigil/shared/auth/abilities';
import type { Db } from '../../db/prisma.ts';
import { AppError } from '../../http/app-error.ts';
import { recordAudit } from '../audit/index.ts';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { checkPassword } from './passwords.ts';
import { createSession, sessionUserSelect, type Meta } from './sessions.ts';

export async function login(
  db: Db,
  limiter: LoginLimiter,
  input: LoginInput,
  meta: Meta,
  { production }: { production: boolean },
) {
  const email = input.email.toLowerCase();
  await limiter.attempt(email, meta.ip ?? 'unknown');
  const found = await db.user.findUnique({
    where: { email },
    select: { ...sessionUserSelect, passwordHash: true, active: true },
  });
  const passwordOk = await checkPassword(found?.passwordHash, input.password);
  const demoRefused = production && input.password === demoPassword;
  const ok = passwordOk && !demoRefused && found?.active === true;
  if (!ok || !found) {
    await limiter.failed(email, meta.ip ?? 'unknown');
    await recordAudit(db, {
      action: 'LOGIN_FAILED',
      actorId: found?.id ?? null,
      entity: 'User',
      entityId: found?.id ?? null,
      changes: { email },
      ip: meta.ip ?? null,
    });
    throw new AppError('UNAUTHENTICATED', 'Wrong email or password');
  }
  await limiter.succeeded(email);
  const { passwordHash: _hash, active: _active, ...user } = found;
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
