import type { consents } from './enums.ts';

// Letters and digits that cannot be misread for one another (no I, L, O, U, 0, 1).
const alphabet = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';

// FNV-1a over the id: the same id always gives the same pseudonym, on the server and in the
// browser, without reading anything but the id (never the name, so it gives nothing away).
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

// "Defender K7Q2": the public name of an ANONYMISED defender who has no pseudonym entered.
export function generatedPseudonym(defenderId: string): string {
  let rest = hashOf(defenderId);
  let code = '';
  for (let i = 0; i < 4; i += 1) {
    code += alphabet[rest % alphabet.length];
    rest = Math.floor(rest / alphabet.length);
  }
  return `Defender ${code}`;
}

export interface NamedDefender {
  id: string;
  displayName: string;
  pseudonym: string | null;
  consent: (typeof consents)[number];
}

// How a defender is named in public outputs: PUBLIC by name, ANONYMISED by pseudonym (the one
// entered, else one generated from the id), CONFIDENTIAL not at all (null).
export function publicNameOf(defender: NamedDefender): string | null {
  switch (defender.consent) {
    case 'PUBLIC':
      return defender.displayName;
    case 'ANONYMISED':
      return defender.pseudonym?.trim() || generatedPseudonym(defender.id);
    case 'CONFIDENTIAL':
      return null;
  }
}
