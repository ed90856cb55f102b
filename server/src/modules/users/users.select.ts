import type { UserOutput } from '@vigil/shared/schemas/users';
import type { Prisma } from '../../../../prisma/generated/client.ts';

// Never the password hash: every read of a user goes through this select.
export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  countries: true,
  active: true,
  version: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserSelect;

export type UserRow = Prisma.UserGetPayload<{ select: typeof userSelect }>;

export function toUserOutput(row: UserRow): UserOutput {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

// What the audit log compares: the fields an admin edits, not the bookkeeping around them.
export function auditedFieldsOf(row: UserRow) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = row;
  return fields;
}
