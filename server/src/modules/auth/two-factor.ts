import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import { recoveryCodeCount } from '@vigil/shared/schemas/auth';
import type { Role } from '@vigil/shared/enums';
import type { Config } from '../../config.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { placeOf, type FieldCipher } from '../../security/field-cipher.ts';
import { recordAudit } from '../audit/index.ts';
import type { Meta } from './sessions.ts';

// Roles that must sign in with a second factor. Unset, production requires it of those who can
// change the most (admins, managers), and other environments of no one, so that the demo
// accounts stay usable without an authenticator app.
export function twoFactorPolicy(
  config: Pick<Config, 'NODE_ENV' | 'TWO_FACTOR_REQUIRED_ROLES'>,
): readonly Role[] {
  return (
    config.TWO_FACTOR_REQUIRED_ROLES ??
    (config.NODE_ENV === 'production' ? ['ADMIN', 'MANAGER'] : [])
  );
}

// What checks a second factor: the cipher that seals the secret, and the time codes are checked
// against (milliseconds; tests move it instead of waiting).
export interface SecondFactorKit {
  cipher: FieldCipher;
  clock: () => number;
}

// The associated data of the sealed secret ("User.totpSecret:<id>"): the key rotation re-seals
// it under the same place.
export const totpSecretPlace = (userId: string) => placeOf('User', 'totpSecret', userId);

// RFC 6238 as every authenticator app knows it: SHA-1, 6 digits, 30 s; 20 random bytes.
const period = 30;
const issuer = 'Vigil';

export function newTotpSecret() {
  const secret = generateSecret();
  return { secret, uriFor: (email: string) => generateURI({ issuer, label: email, secret }) };
}

// The time step of `code` when it is the current step's, the previous or the next one (at most
// 30 s of drift either way) and later than `after`, the last step accepted (a replay is refused).
export async function acceptedStep(
  secret: string,
  code: string,
  now: number,
  after: number | null,
): Promise<number | undefined> {
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(now / 1000),
    epochTolerance: period,
    ...(after === null ? {} : { afterTimeStep: after }),
  });
  // (the result's type covers HOTP too, which has no time step)
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

// Recovery codes: 16 characters of Crockford's base32 (80 random bits), shown as XXXX-XXXX-XXXX-
// XXXX. Unguessable, so a plain sha256 of each is enough to keep (no slow hash needed).
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newRecoveryCode() {
  const characters = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]!);
  return [0, 4, 8, 12].map((start) => characters.slice(start, start + 4).join('')).join('-');
}

// Read back as typed: any case, spaces and dashes, and the letters Crockford's alphabet reads as
// digits (O as 0, I and L as 1).
export function recoveryCodeHash(code: string) {
  const normalised = code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return createHash('sha256').update(normalised).digest('hex');
}

// A new set of codes for the user, every earlier one void; the codes themselves go to the caller
// once and are never stored.
export async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date) {
  await voidRecoveryCodes(tx, userId, now);
  const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
  await tx.recoveryCode.createMany({
    data: codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })),
  });
  return codes;
}

export async function voidRecoveryCodes(tx: Tx, userId: string, now: Date) {
  await tx.recoveryCode.updateMany({
    where: { userId, usedAt: null, voidedAt: null },
    data: { voidedAt: now },
  });
}

export interface SecondFactor {
  totp?: string | undefined;
  recoveryCode?: string | undefined;
}

// A code typed into one field: six digits are from the app, anything else a recovery code.
export const secondFactorOf = (code: string): SecondFactor =>
  /^\d{6}$/.test(code) ? { totp: code } : { recoveryCode: code };

export interface TwoFactorAccount {
  id: string;
  totpSecret: string | null;
  totpLastStep: number | null;
}

// Checks and spends the second factor of an account with two-factor sign-in on. A code from the
// app is accepted once: its time step becomes the last accepted, in one conditional update, so
// that two requests with the same code cannot both pass. A recovery code is marked used the same
// way, and its use is recorded. A wrong code is recorded as a failed sign-in.
export async function passesSecondFactor(
  db: Db,
  kit: SecondFactorKit,
  account: TwoFactorAccount,
  factor: SecondFactor,
  meta: Meta,
): Promise<boolean> {
  const passed = await spendSecondFactor(db, kit, account, factor);
  if (passed === 'recovery-code') {
    await recordAudit(db, {
      action: 'UPDATE',
      actorId: account.id,
      entity: 'User',
      entityId: account.id,
      changes: { recoveryCode: 'used' },
      ip: meta.ip ?? null,
    });
  }
  if (!passed) {
    await recordAudit(db, {
      action: 'LOGIN_FAILED',
      actorId: account.id,
      entity: 'User',
      entityId: account.id,
      changes: { reason: 'WRONG_SECOND_FACTOR' },
      ip: meta.ip ?? null,
    });
  }
  return passed !== false;
}

async function spendSecondFactor(
  db: Db,
  { cipher, clock }: SecondFactorKit,
  account: TwoFactorAccount,
  factor: SecondFactor,
): Promise<'totp' | 'recovery-code' | false> {
  if (factor.totp !== undefined && account.totpSecret) {
    const secret = cipher.open(account.totpSecret, totpSecretPlace(account.id));
    const step = await acceptedStep(secret, factor.totp, clock(), account.totpLastStep);
    if (step === undefined) return false;
    const { count } = await db.user.updateMany({
      where: { id: account.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 && 'totp';
  }
  if (factor.recoveryCode !== undefined) {
    const { count } = await db.recoveryCode.updateMany({
      where: {
        userId: account.id,
        codeHash: recoveryCodeHash(factor.recoveryCode),
        usedAt: null,
        voidedAt: null,
      },
      data: { usedAt: new Date(clock()) },
    });
    return count === 1 && 'recovery-code';
  }
  return false;
}
