import { z } from 'zod';
import { roles } from '../enums.ts';
import { country, id, plainText } from './common.ts';

export const loginInput = z.strictObject({
  email: plainText.trim().min(1).max(320),
  password: z.string().min(1).max(1024),
  totp: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});
export type LoginInput = z.infer<typeof loginInput>;

export const sessionUser = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  countries: z.array(country),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const loginOutput = z.object({ user: sessionUser, csrfToken: z.string() });

export const meOutput = z.object({
  user: sessionUser,
  csrfToken: z.string(),
  // packed CASL rules (@casl/ability/extra packRules)
  rules: z.array(z.array(z.unknown())),
});
export type MeOutput = z.infer<typeof meOutput>;
