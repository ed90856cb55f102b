import { createHash, randomBytes } from 'node:crypto';
import type { CookieOptions } from 'express';
import type pg from 'pg';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import type { Db, Tx } from '../../db/prisma.ts';

// Over HTTPS (directly or behind the trusted proxies) the cookie's name carries the __Host-
// prefix, which browsers accept only with Secure, Path=/ and no Domain: no sibling subdomain and
// no plain-http page can then set or shadow it. Plain http (local use, tests) keeps the bare name.
export function sessionCookie(secure: boolean): { name: string; options: CookieOptions } {
  return {
    name: secure ? '__Host-vigil_session' : 'vigil_session',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/' },
  };
}
const idleTimeoutMs = 30 * 60 * 1000;
export const absoluteTimeoutMs = 12 * 60 * 60 * 1000;
// lastSeenAt is written at most this often, not on every request
const touchEveryMs = 60 * 1000;

// what a signed-in request knows of its user (SessionUser)
export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  countries: true,
} as const;

// The cookie carries a random token; the table keeps only its hash.
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface Meta {
  ip: string | undefined;
  userAgent: string | undefined;
}

export async function createSession(db: Db | Tx, userId: string, meta: Meta) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.session.create({
    data: {
      id: hashOf(token),
      userId,
      csrfToken,
      expiresAt: new Date(Date.now() + absoluteTimeoutMs),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    },
  });
  return { token, csrfToken };
}

// Every request reads its session, so this one statement is prepared once per connection and
// sent on the pool as it is: through Prisma it took 1.1 of the 2.8 ms of server CPU of a list
// request (issue 10, `npm run bench -- 100000 --only "incident list"`).
const liveSession = {
  name: 'vigil-live-session',
  text: `SELECT s."csrfToken", s."lastSeenAt", s."expiresAt",
      u.id, u.email, u.name, u.role::text AS role, u.countries, u.active,
      u."totpEnabledAt" IS NOT NULL AS "twoFactorEnabled"
    FROM "Session" AS s JOIN "User" AS u ON u.id = s."userId"
    WHERE s.id = $1`,
};

interface LiveSessionRow extends SessionUser {
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
  active: boolean;
  twoFactorEnabled: boolean;
}

// The live session for a cookie token, with its active user; expired sessions are removed.
export async function findSession(pool: pg.Pool, token: string) {
  const id = hashOf(token);
  const { rows } = await pool.query<LiveSessionRow>({ ...liveSession, values: [id] });
  const session = rows[0];
  if (!session) return undefined;
  const now = Date.now();
  const idle = now - session.lastSeenAt.getTime() > idleTimeoutMs;
  if (idle || session.expiresAt.getTime() <= now || !session.active) {
    await pool.query('DELETE FROM "Session" WHERE id = $1', [id]);
    return undefined;
  }
  if (now - session.lastSeenAt.getTime() > touchEveryMs) {
    await pool.query('UPDATE "Session" SET "lastSeenAt" = $2 WHERE id = $1', [id, new Date(now)]);
  }
  const { csrfToken, twoFactorEnabled, email, name, role, countries } = session;
  const user: SessionUser = { id: session.id, email, name, role, countries };
  return { id, csrfToken, user, twoFactorEnabled };
}

export async function destroySession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

// A password changed or reset, or two-factor sign-in changed: every session of the user ends,
// wherever it was opened (but the one `except`, when given).
export async function endSessionsOf(db: Db | Tx, userId: string, except?: string) {
  await db.session.deleteMany({
    where: { userId, ...(except === undefined ? {} : { id: { not: except } }) },
  });
}
