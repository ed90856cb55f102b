import { roles } from '@vigil/shared/enums';
import { country } from '@vigil/shared/schemas/common';
import { z } from 'zod';
import { Prisma } from '../../../../prisma/generated/client.ts';
import { demoPassword } from '../../../../prisma/seed/demo-accounts.ts';
import type { Db } from '../../db/prisma.ts';
import { AppError } from '../../http/app-error.ts';
import { changesOf, recordAudit } from '../audit/index.ts';
import { hashPassword } from '../auth/passwords.ts';

export const minimumPasswordLength = 12;

// Codes ISO 3166-1 assigns, not merely two capital letters: those CLDR names, less the
// reserved, withdrawn and grouping codes it also names (EU, UN, UK, XK, ...).
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const notAssigned =
  /^(A[CN]|BU|C[PQS]|D[DGY]|E[AUZ]|FX|HV|IC|NH|QO|RH|SU|T[AP]|U[KN]|VD|X[ABK]|Y[DU]|Z[RZ])$/;
const assignedCountry = country.refine(
  // malformed codes are the pattern's to report (and would make DisplayNames throw)
  (code) =>
    !/^[A-Z]{2}$/.test(code) || (!notAssigned.test(code) && regionNames.of(code) !== undefined),
  { message: 'Not an assigned ISO 3166-1 alpha-2 country code' },
);

export const createUserAccountInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  // the part of the email before @ when not given
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(roles),
  // empty: all countries
  countries: z
    .array(assignedCountry)
    .max(250)
    .default([])
    .transform((codes) => [...new Set(codes)].sort()),
  password: z
    .string()
    .min(minimumPasswordLength, `The password needs at least ${minimumPasswordLength} characters`)
    .max(1024),
});

const emailTaken = (email: string) =>
  new AppError('CONFLICT', `A user with the email ${email} already exists`);

export type CreateUserAccountInput = z.input<typeof createUserAccountInput>;

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
  const { password, ...account } = createUserAccountInput.parse(input);
  if (options.production && password === demoPassword) {
    throw new AppError('VALIDATION', 'The demo password cannot be used in production');
  }
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
