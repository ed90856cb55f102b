import type { Request } from 'express';
import type pg from 'pg';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import type { Db } from '../db/prisma.ts';
import type { FieldCipher } from '../security/field-cipher.ts';
import { AppError } from './app-error.ts';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      ability?: AppAbility;
      sessionId?: string;
      csrfToken?: string;
      // the session's user has two-factor sign-in on
      twoFactorEnabled?: boolean;
    }
  }
}

// What a service needs to know about the caller; services never see req or res.
export interface Ctx {
  db: Db;
  // the same connections, for the statements sent as SQL on hot paths (list pages)
  pool: pg.Pool;
  user: SessionUser;
  ability: AppAbility;
  ip: string | undefined;
}

export function dbOf(req: Request): Db {
  return req.app.locals.db as Db;
}

// the same connections as dbOf's, for the statements the app sends as SQL on hot paths
export function poolOf(req: Request): pg.Pool {
  return req.app.locals.pool as pg.Pool;
}

export function fieldCipherOf(req: Request): FieldCipher {
  return req.app.locals.fieldCipher as FieldCipher;
}

export function ctxOf(req: Request): Ctx {
  if (!req.user || !req.ability) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return { db: dbOf(req), pool: poolOf(req), user: req.user, ability: req.ability, ip: req.ip };
}
