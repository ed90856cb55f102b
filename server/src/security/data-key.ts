import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DataKeySettings {
  NODE_ENV: 'development' | 'test' | 'production';
  DATA_DIR: string;
  // base64 of 32 bytes
  VIGIL_DATA_KEY?: string | undefined;
  // base64 keys that values and files may still be sealed under (a rotation under way)
  VIGIL_PREVIOUS_DATA_KEYS?: readonly string[] | undefined;
}

const keyLength = 32;

function decode(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== keyLength) {
    throw new Error(`${where} must be ${keyLength} bytes in base64 (openssl rand -base64 32)`);
  }
  return key;
}

export const keyFileOf = (dataDir: string) => path.join(dataDir, 'data-key');
export const previousKeysFileOf = (dataDir: string) => path.join(dataDir, 'data-key.previous');

// Where the keys live when VIGIL_DATA_KEY is unset (outside production): DATA_DIR/data-key
// holds the current key and DATA_DIR/data-key.previous the keys before it, one a line, newest
// first. Undefined when the environment gives the keys.
export function keyFilesOf(settings: DataKeySettings): string | undefined {
  return settings.VIGIL_DATA_KEY ? undefined : keyFileOf(settings.DATA_DIR);
}

// The key that encrypts data at rest (attachments, backups, sensitive fields). Production
// takes it from VIGIL_DATA_KEY and refuses to start without it; elsewhere a key is made once in
// DATA_DIR/data-key, readable by its owner only, so that a demo keeps its files across restarts.
export function loadDataKey(settings: DataKeySettings, log: (message: string) => void): Buffer {
  if (settings.VIGIL_DATA_KEY) return decode(settings.VIGIL_DATA_KEY, 'VIGIL_DATA_KEY');
  if (settings.NODE_ENV === 'production') {
    throw new Error('VIGIL_DATA_KEY is required when NODE_ENV=production');
  }
  const file = keyFileOf(settings.DATA_DIR);
  fs.mkdirSync(settings.DATA_DIR, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(keyLength).toString('base64'), { flag: 'wx', mode: 0o600 });
    log(`VIGIL_DATA_KEY is unset: generated a data key in ${file} (keep it: files need it)`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    log(`VIGIL_DATA_KEY is unset: using the data key in ${file}`);
  }
  return decode(fs.readFileSync(file, 'utf8'), file);
}

function readPreviousKeys(dataDir: string): Buffer[] {
  const file = previousKeysFileOf(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => decode(line, `${file} line ${index + 1}`));
}

// The key ring: the current key first, then the previous ones, which still open what was sealed
// before a rotation. From VIGIL_DATA_KEY and VIGIL_PREVIOUS_DATA_KEYS, or from the key files.
export function loadKeyRing(settings: DataKeySettings, log: (message: string) => void): Buffer[] {
  const current = loadDataKey(settings, log);
  const previous = settings.VIGIL_DATA_KEY
    ? (settings.VIGIL_PREVIOUS_DATA_KEYS ?? []).map((key, index) =>
        decode(key, `VIGIL_PREVIOUS_DATA_KEYS entry ${index + 1}`),
      )
    : readPreviousKeys(settings.DATA_DIR);
  return [current, ...previous.filter((key) => !key.equals(current))];
}

function replaceFile(file: string, text: string) {
  const temporary = `${file}.${randomBytes(6).toString('hex')}.partial`;
  fs.writeFileSync(temporary, text, { flag: 'wx', mode: 0o600 });
  fs.renameSync(temporary, file);
}

// A new current key in the key files; the old one joins the previous keys. The previous keys
// are written first and each file is replaced whole (rename), so that a server reading the
// files meanwhile finds either ring, and every key of it, never half of one.
export function addKeyToFiles(settings: DataKeySettings, log: (message: string) => void): Buffer {
  if (!keyFilesOf(settings))
    throw new Error('VIGIL_DATA_KEY is set: the environment gives the keys');
  const [current, ...previous] = loadKeyRing(settings, log);
  const added = randomBytes(keyLength);
  replaceFile(
    previousKeysFileOf(settings.DATA_DIR),
    [current!, ...previous].map((key) => `${key.toString('base64')}\n`).join(''),
  );
  replaceFile(keyFileOf(settings.DATA_DIR), added.toString('base64'));
  return added;
}
