import { z } from 'zod';
import { roles } from '../enums.ts';
import { newPassword } from './auth.ts';
import { country, id, listOf, listQuery, oneOrMany, plainText, timestamp } from './common.ts';

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

export const createUserInput = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  // the part of the email before @ when not given
  name: plainText.trim().min(1).max(200).optional(),
  role: z.enum(roles),
  // empty: all countries
  countries: z
    .array(assignedCountry)
    .max(250)
    .default([])
    .transform((codes) => [...new Set(codes)].sort()),
  password: newPassword,
});

// An admin's reset: a new one-time password, made in the admin's browser and shown once there.
export const resetPasswordInput = z.strictObject({ password: newPassword });
export type ResetPasswordInput = z.infer<typeof resetPasswordInput>;

export const userOutput = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  // empty: every country
  countries: z.array(country),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type UserOutput = z.infer<typeof userOutput>;

export const userList = listOf(userOutput);
export type UserList = z.infer<typeof userList>;

export const userListQuery = z.strictObject({
  role: oneOrMany(z.enum(roles)).optional(),
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional(),
  // every word must occur in the name or the email, whatever the case
  q: plainText.trim().max(200).optional(),
  ...listQuery,
});
export type UserListQuery = z.infer<typeof userListQuery>;

// Deactivating (`active: false`) ends every session of the user at once.
export const updateUserInput = z.strictObject({
  // the version the caller last read: a stale one is 409 CONFLICT
  version: z.number().int().min(1),
  name: plainText.trim().min(1).max(200).optional(),
  role: z.enum(roles).optional(),
  // empty: every country
  countries: z
    .array(assignedCountry)
    .max(250)
    .transform((codes) => [...new Set(codes)].sort())
    .optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;
