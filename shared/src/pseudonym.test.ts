import { describe, expect, it } from 'vitest';
import { generatedPseudonym, publicNameOf } from './pseudonym.ts';

const id = '6f1c2b1e-8d4a-4c3e-9a57-0d2f4b6e8a10';

describe('public names of defenders', () => {
  it('when an id is given twice, then the generated pseudonym is the same, in letters no one misreads', () => {
    expect(generatedPseudonym(id)).toBe(generatedPseudonym(id));
    expect(generatedPseudonym(id)).toMatch(/^Defender [A-HJKMNP-TV-Z2-9]{4}$/);
  });

  it('when ids differ, then their pseudonyms almost always do', () => {
    const ids = Array.from(
      { length: 1000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(new Set(ids.map(generatedPseudonym)).size).toBeGreaterThan(995);
  });

  it('when consent differs, then the name, the pseudonym (entered or generated) or nothing is shown', () => {
    const defender = { id, displayName: 'Dara Sok', pseudonym: null };
    expect(publicNameOf({ ...defender, consent: 'PUBLIC' })).toBe('Dara Sok');
    expect(publicNameOf({ ...defender, consent: 'ANONYMISED', pseudonym: 'River' })).toBe('River');
    expect(publicNameOf({ ...defender, consent: 'ANONYMISED', pseudonym: '  ' })).toBe(
      generatedPseudonym(id),
    );
    expect(publicNameOf({ ...defender, consent: 'ANONYMISED' })).toBe(generatedPseudonym(id));
    expect(publicNameOf({ ...defender, consent: 'CONFIDENTIAL' })).toBeNull();
  });

  it('when two defenders share a name, then their generated pseudonyms still differ, as they come from the id', () => {
    const other = '0b9e7d6c-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    expect(
      publicNameOf({ id, displayName: 'Same Name', pseudonym: null, consent: 'ANONYMISED' }),
    ).not.toBe(
      publicNameOf({ id: other, displayName: 'Same Name', pseudonym: null, consent: 'ANONYMISED' }),
    );
  });
});
