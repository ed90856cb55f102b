import { describe, expect, it } from 'vitest';
import { termCode } from '@vigil/shared/schemas/vocabularies';
import { codeFromLabel, groupName } from './codes.ts';

describe('codeFromLabel', () => {
  it('when a label has spaces, accents and punctuation, then the suggestion is an UPPER_SNAKE code the server accepts', () => {
    for (const [label, code] of [
      ['Denial of bail', 'DENIAL_OF_BAIL'],
      ['Déni de justice', 'DENI_DE_JUSTICE'],
      ['  Threat (online) / doxxing  ', 'THREAT_ONLINE_DOXXING'],
      ['2nd arrest', 'ND_ARREST'],
    ] as const) {
      expect(codeFromLabel(label)).toBe(code);
      expect(termCode.safeParse(code).success).toBe(true);
    }
  });

  it('when a label has no Latin letter, then the suggestion is empty, for the admin to fill', () => {
    expect(codeFromLabel('ការចាប់ខ្លួន')).toBe('');
  });
});

describe('groupName', () => {
  it('when a group code has several words, then it reads as a sentence-case phrase', () => {
    expect(groupName('EXPRESSION_ASSEMBLY')).toBe('Expression assembly');
  });
});
