import { createUserInput } from '@vigil/shared/schemas/users';
import type { z } from 'zod';
import { Prisma } from '../../../../prisma/generated/client.ts';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import type { Db } from '../../db/prisma.ts';
import { AppError } from '../../http/app-error.ts';
import { changesOf, recordAudit } from '../audit/index.ts';
import { assertNotCommon, hashPassword } from '../auth/index.ts';

const emailTaken = (email: string) =>
  new AppError('CONFLICT', `A user with the email ${email} already exists`);

export type CreateUserAccountInput = z.input<typeof createUserInput>;

export interface CreateUserAccountOptions {
  // the demo password is refused in production
  production: boolean;
  // who creates the account: nobody for the command line
  actorId?: string | null;
  ip?: string | null;
}

// Creates an account with an argon2id hash and its audit event, in one transaction. Throws a
// ZodError for bad input and an AppError VALIDATION or CONFLICT (email already taken).
export async function createUserAccount(
  db: Db,
  input: CreateUserAccountInput,
  options: CreateUserAccountOptions,
) {
  const { password, ...account } = createUserInput.parse(input);
  if (options.production && password === demoPassword) {
    throw new AppError('VALIDATION', 'The demo password cannot be used in production');
  }
  assertNotCommon(password, 'body.password');
  const data = { ...account, name: account.name ?? account.email.split('@')[0]! };
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
        throw emailTaken(data.email);
      }
      const user = await tx.user.create({
        data: { ...data, passwordHash },
        select: { id: true, email: true, name: true, role: true, countries: true },
      });
      await recordAudit(tx, {
        actorId: options.actorId ?? null,
        action: 'CREATE',
        entity: 'User',
        entityId: user.id,
        changes: changesOf(null, data),
        ip: options.ip ?? null,
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw emailTaken(data.email);
    }
    throw error;
  }
}
