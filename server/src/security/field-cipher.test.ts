import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, UnreadableFieldError } from './field-cipher.ts';

const place = 'Defender.legalName:7f1c';

describe('field cipher', () => {
  it('when a value is sealed, then it opens to the same text and shows none of it', () => {
    const cipher = createFieldCipher([randomBytes(32)]);
    const sealed = cipher.seal('Sok Dara ស៊ុក ដារ៉ា', place);
    expect(sealed).not.toContain('Sok');
    expect(cipher.open(sealed, place)).toBe('Sok Dara ស៊ុក ដារ៉ា');
    expect(cipher.isCurrent(sealed)).toBe(true);
  });

  it('when the same value is sealed twice, then the two sealed texts differ (a nonce each)', () => {
    const cipher = createFieldCipher([randomBytes(32)]);
    expect(cipher.seal('same', place)).not.toBe(cipher.seal('same', place));
  });

  it('when a sealed value is opened for another record or altered, then it is refused', () => {
    const cipher = createFieldCipher([randomBytes(32)]);
    const sealed = cipher.seal('Sok Dara', place);
    expect(() => cipher.open(sealed, 'Defender.legalName:other')).toThrow(UnreadableFieldError);
    const body = sealed.split('.')[3] ?? '';
    const flipped = `${body.startsWith('A') ? 'B' : 'A'}${body.slice(1)}`;
    expect(() => cipher.open(sealed.replace(body, flipped), place)).toThrow(UnreadableFieldError);
    expect(() => cipher.open('Sok Dara', place)).toThrow(UnreadableFieldError);
  });

  it('when the key changes, then values sealed under a previous key still open but are not current', () => {
    const [previous, current] = [randomBytes(32), randomBytes(32)];
    const sealedBefore = createFieldCipher([previous]).seal('Sok Dara', place);
    const rotated = createFieldCipher([current, previous]);
    expect(rotated.open(sealedBefore, place)).toBe('Sok Dara');
    expect(rotated.isCurrent(sealedBefore)).toBe(false);
    expect(() => createFieldCipher([current]).open(sealedBefore, place)).toThrow(/unknown key/);
  });
});
