import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { keyFilesOf, loadKeyRing, type DataKeySettings } from './data-key.ts';

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
  // the id that values sealed under the current key carry
  currentKeyId(): string;
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
    currentKeyId: () => currentId,
  };
}

// The values' place: which column of which record, bound to the sealed value.
export const placeOf = (model: string, column: string, id: string) => `${model}.${column}:${id}`;

// A value sealed by this cipher, as opposed to plain text written before values were sealed.
export const sealedPattern = new RegExp(`^${version}\\.[0-9a-f]{8}\\.`);

type Sealable<F extends string> = { [K in F]?: string | null };

// The record with the named fields sealed (or opened) for its place; absent and null ones as
// they are.
function mapFields<T extends Sealable<F>, F extends string>(
  record: T,
  fields: readonly F[],
  map: (value: string, field: F) => string,
): T {
  const mapped = { ...record };
  for (const field of fields) {
    const value = record[field];
    if (typeof value === 'string') (mapped as Sealable<F>)[field] = map(value, field);
  }
  return mapped;
}

export function sealFields<T extends Sealable<F>, F extends string>(
  cipher: FieldCipher,
  model: string,
  id: string,
  record: T,
  fields: readonly F[],
): T {
  return mapFields(record, fields, (value, field) => cipher.seal(value, placeOf(model, field, id)));
}

export function openFields<T extends Sealable<F>, F extends string>(
  cipher: FieldCipher,
  model: string,
  id: string,
  record: T,
  fields: readonly F[],
): T {
  return mapFields(record, fields, (value, field) => cipher.open(value, placeOf(model, field, id)));
}

// The configured key ring. With the key files (VIGIL_DATA_KEY unset), a rotation run beside the
// server replaces them: every use first compares the current key file's identity (a stat) and
// re-reads the ring when it changed, so that the server seals under the newest key at once and
// opens what the rotation has re-sealed. With VIGIL_DATA_KEY, a new ring needs a restart.
export function configuredFieldCipher(
  settings: DataKeySettings,
  log: (message: string) => void,
): FieldCipher {
  const file = keyFilesOf(settings);
  if (!file) return createFieldCipher(loadKeyRing(settings, log));
  const stampOf = () => {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : 'absent';
  };
  // the stamp before the keys: a change in between is seen again on the next use
  let stamp = stampOf();
  let cipher = createFieldCipher(loadKeyRing(settings, log));
  const fresh = () => {
    const now = stampOf();
    if (now !== stamp) {
      stamp = now;
      cipher = createFieldCipher(loadKeyRing(settings, () => {}));
      log(`the data key in ${file} changed: sealing under the new key`);
    }
    return cipher;
  };
  return {
    seal: (plain, place) => fresh().seal(plain, place),
    open: (sealed, place) => fresh().open(sealed, place),
    isCurrent: (sealed) => fresh().isCurrent(sealed),
    currentKeyId: () => fresh().currentKeyId(),
  };
}
