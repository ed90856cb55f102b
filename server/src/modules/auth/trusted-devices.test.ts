import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from '../../security/field-cipher.ts';
import { isTrustedDevice, trustedDeviceToken } from './trusted-devices.ts';

const cipher = createFieldCipher([randomBytes(32)]);
const now = Date.UTC(2026, 11, 3);
const day = 24 * 60 * 60 * 1000;

describe('trusted devices', () => {
  it('when a browser shows the token it got at sign-in, then it is trusted for that account only', () => {
    const token = trustedDeviceToken(cipher, 'user-1', now);
    expect(isTrustedDevice(cipher, token, 'user-1', now + day)).toBe(true);
    expect(isTrustedDevice(cipher, token, 'user-2', now + day)).toBe(false);
  });

  it('when the token is old, forged, sealed with another key or not a string, then the browser is not trusted', () => {
    const token = trustedDeviceToken(cipher, 'user-1', now);
    expect(isTrustedDevice(cipher, token, 'user-1', now + 181 * day)).toBe(false);
    const otherKey = trustedDeviceToken(createFieldCipher([randomBytes(32)]), 'user-1', now);
    expect(isTrustedDevice(cipher, otherKey, 'user-1', now)).toBe(false);
    expect(isTrustedDevice(cipher, '{"userId":"user-1"}', 'user-1', now)).toBe(false);
    expect(isTrustedDevice(cipher, cipher.seal('not json', 'TrustedDevice'), 'user-1', now)).toBe(
      false,
    );
    expect(isTrustedDevice(cipher, undefined, 'user-1', now)).toBe(false);
    expect(isTrustedDevice(cipher, ['a'], 'user-1', now)).toBe(false);
  });
});
