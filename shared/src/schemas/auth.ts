import { z } from 'zod';
import { roles } from '../enums.ts';
import { country, id, plainText } from './common.ts';

export const minimumPasswordLength = 15;
export const maximumPasswordLength = 256;

// A new password, wherever one is chosen (account creation, change, reset): judged by its
// length alone, without composition rules (NIST SP 800-63B, OWASP ASVS 2.1), refusing only what
// any guesser tries first. The server also refuses those in its list of common and breached
// passwords, which the browser does not download.
export const newPassword = z
  .string()
  .min(minimumPasswordLength, `The password needs at least ${minimumPasswordLength} characters`)
  .max(maximumPasswordLength, `The password can have at most ${maximumPasswordLength} characters`)
  .refine((value) => value.trim().length > 0, { message: 'The password cannot be only spaces' })
  .refine((value) => !/^(.{1,4})\1+$/su.test(value), {
    message: 'The password cannot be one character or a short group repeated',
  });

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

// The signed-in user's own change: the current password proves it is them at the keyboard.
export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(1024),
  newPassword,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
