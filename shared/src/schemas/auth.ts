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

// A code from an authenticator app (TOTP, RFC 6238): six digits, a new one every 30 seconds.
export const totpCode = z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your app');

// A recovery code as handed out (XXXX-XXXX-XXXX-XXXX); case, spaces and dashes do not matter.
export const recoveryCode = z
  .string()
  .trim()
  .min(16, 'Enter a recovery code, like ABCD-EFGH-JKMN-PQRS')
  .max(40, 'Enter a recovery code, like ABCD-EFGH-JKMN-PQRS');

export const loginInput = z
  .strictObject({
    email: plainText.trim().min(1).max(320),
    password: z.string().min(1).max(1024),
    // the second factor of an account with two-factor sign-in: one or the other
    totp: totpCode.optional(),
    recoveryCode: recoveryCode.optional(),
  })
  .refine((input) => input.totp === undefined || input.recoveryCode === undefined, {
    path: ['recoveryCode'],
    message: 'Give a code from your app or a recovery code, not both',
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
  twoFactor: z.object({
    enabled: z.boolean(),
    // the policy requires it for the user's role: until it is on, the session may only set it
    // up (everything else answers 403 with details.twoFactorRequired)
    required: z.boolean(),
  }),
});
export type MeOutput = z.infer<typeof meOutput>;

// The signed-in user's own change: the current password proves it is them at the keyboard.
export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password').max(1024),
  newPassword,
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

export const recoveryCodeCount = 10;

// Set-up starts with the password: a session left open on a shared computer is not enough.
export const twoFactorSetupInput = z.strictObject({
  password: z.string().min(1, 'Enter your password').max(1024),
});
export type TwoFactorSetupInput = z.infer<typeof twoFactorSetupInput>;

export const twoFactorSetupOutput = z.object({
  // base32, for typing into the app by hand
  secret: z.string(),
  // otpauth://totp/... for the QR code
  otpauthUri: z.string(),
});
export type TwoFactorSetupOutput = z.infer<typeof twoFactorSetupOutput>;

// The first code from the app proves that it holds the secret; only then is two-factor on.
export const twoFactorEnableInput = z.strictObject({ code: totpCode });
export type TwoFactorEnableInput = z.infer<typeof twoFactorEnableInput>;

// Turning it off or replacing the recovery codes: the password and a second factor (a code from
// the app or a recovery code).
export const twoFactorConfirmInput = z.strictObject({
  password: z.string().min(1, 'Enter your password').max(1024),
  code: z
    .string()
    .trim()
    .min(6, 'Enter a code from your app or a recovery code')
    .max(40, 'Enter a code from your app or a recovery code'),
});
export type TwoFactorConfirmInput = z.infer<typeof twoFactorConfirmInput>;

// shown once: only their hashes are kept
export const recoveryCodesOutput = z.object({
  recoveryCodes: z.array(z.string()).length(recoveryCodeCount),
});
export type RecoveryCodesOutput = z.infer<typeof recoveryCodesOutput>;
