import type { CookieOptions } from 'express';
import { UnreadableFieldError, type FieldCipher } from '../../security/field-cipher.ts';

// A browser where someone has signed in completely (password and, when on, second factor) keeps
// a device cookie that names them. It signs no one in; it only exempts that browser from the
// account-wide limit on guesses at the second factor, so that a guesser spread over many
// addresses is stopped without locking the owner out of the browser they use (OWASP's "device
// cookies"). The token is sealed with the data key: unforgeable, and readable by no one else.
const place = 'TrustedDevice';
const lifetimeMs = 180 * 24 * 60 * 60 * 1000;

export function deviceCookie(secure: boolean): { name: string; options: CookieOptions } {
  return {
    name: secure ? '__Host-vigil_device' : 'vigil_device',
    options: { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: lifetimeMs },
  };
}

export function trustedDeviceToken(cipher: FieldCipher, userId: string, now: number): string {
  return cipher.seal(JSON.stringify({ userId, at: now }), place);
}

export function isTrustedDevice(
  cipher: FieldCipher,
  token: unknown,
  userId: string,
  now: number,
): boolean {
  if (typeof token !== 'string' || token.length > 512) return false;
  try {
    const claim = JSON.parse(cipher.open(token, place)) as { userId?: unknown; at?: unknown };
    return claim.userId === userId && typeof claim.at === 'number' && now - claim.at < lifetimeMs;
  } catch (error) {
    if (error instanceof UnreadableFieldError || error instanceof SyntaxError) return false;
    throw error;
  }
}
