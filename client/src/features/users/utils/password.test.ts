import { describe, expect, it } from 'vitest';
import { minimumPasswordLength } from '@vigil/shared/schemas/auth';
import { generatePassword, passwordAlphabet } from './password.ts';

describe('generatePassword', () => {
  it('when a password is generated, then it has four groups of five unambiguous characters and passes the server’s length rule', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9]{5}(-[A-Za-z0-9]{5}){3}$/);
    for (const char of password.replaceAll('-', '')) expect(passwordAlphabet).toContain(char);
    expect(password).not.toMatch(/[0O1lI]/);
    expect(password.length).toBeGreaterThanOrEqual(minimumPasswordLength);
  });

  it('when many passwords are generated, then none repeats', () => {
    const passwords = new Set(Array.from({ length: 500 }, () => generatePassword()));
    expect(passwords.size).toBe(500);
  });

  it('when the random bytes fall above the last whole multiple of the alphabet, then they are skipped rather than bent onto its first letters', () => {
    let call = 0;
    const password = generatePassword((bytes) => {
      call += 1;
      // first a buffer of rejected bytes only, then bytes that map to the third letter
      bytes.fill(call === 1 ? 255 : 2);
    });
    expect(call).toBe(2);
    expect(password).toBe('CCCCC-CCCCC-CCCCC-CCCCC');
  });
});
