import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { loadDataKey, type DataKeySettings } from './data-key.ts';

// AES-256-GCM for single values kept in database columns (a defender's legal name, a source's
// identity, a TOTP secret). Each value gets a random 96-bit nonce; the associated data binds it
// to its place (table, column and record id), so that a sealed value copied into another row or
// column fails to open. The sealed text names the key that sealed it, so that values sealed
// under a previous key still open while a rotation re-seals them under the current one.
//   v1.<key id>.<nonce, base64url>.<ciphertext and 16-byte tag, base64url>
const version = 'v1';
const nonceLength = 12;
const tagLength = 16;

export interface FieldCipher {
  seal(plain: string, place: string): string;
  open(sealed: string, place: string): string;
  // sealed under the current key (a rotation leaves these alone)
  isCurrent(sealed: string): boolean;
}

export class UnreadableFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFieldError';
  }
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('vigil field key').update(key).digest('hex').slice(0, 8);
}

// `keys`: the current key first, then previous keys that values may still be sealed under.
export function createFieldCipher(keys: readonly Buffer[]): FieldCipher {
  const [current] = keys;
  if (!current) throw new Error('a field cipher needs at least one key');
  const currentId = keyIdOf(current);
  const byId = new Map(keys.map((key) => [keyIdOf(key), key]));
  return {
    seal(plain, place) {
      const nonce = randomBytes(nonceLength);
      const cipher = createCipheriv('aes-256-gcm', current, nonce);
      cipher.setAAD(Buffer.from(place));
      const sealed = Buffer.concat([
        cipher.update(plain, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return [version, currentId, nonce.toString('base64url'), sealed.toString('base64url')].join(
        '.',
      );
    },
    open(sealed, place) {
      const [tag, keyId, nonce, body, ...rest] = sealed.split('.');
      if (tag !== version || !keyId || !nonce || !body || rest.length > 0) {
        throw new UnreadableFieldError(`not a sealed value (${place})`);
      }
      const key = byId.get(keyId);
      if (!key) throw new UnreadableFieldError(`sealed under an unknown key ${keyId} (${place})`);
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(place));
      decipher.setAuthTag(bytes.subarray(bytes.length - tagLength));
      try {
        return Buffer.concat([
          decipher.update(bytes.subarray(0, bytes.length - tagLength)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new UnreadableFieldError(`fails its integrity check (${place})`);
      }
    },
    isCurrent(sealed) {
      return sealed.startsWith(`${version}.${currentId}.`);
    },
  };
}

export function configuredFieldCipher(
  settings: DataKeySettings,
  log: (message: string) => void,
): FieldCipher {
  return createFieldCipher([loadDataKey(settings, log)]);
}
