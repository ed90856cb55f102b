import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface DataKeySettings {
  NODE_ENV: 'development' | 'test' | 'production';
  DATA_DIR: string;
  // base64 of 32 bytes
  VIGIL_DATA_KEY?: string | undefined;
}

const keyLength = 32;

function decode(base64: string, where: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== keyLength) {
    throw new Error(`${where} must be ${keyLength} bytes in base64 (openssl rand -base64 32)`);
  }
  return key;
}

// The key that encrypts data at rest (attachments, and later sensitive fields). Production
// takes it from VIGIL_DATA_KEY and refuses to start without it; elsewhere a key is made once in
// DATA_DIR/data-key, readable by its owner only, so that a demo keeps its files across restarts.
export function loadDataKey(settings: DataKeySettings, log: (message: string) => void): Buffer {
  if (settings.VIGIL_DATA_KEY) return decode(settings.VIGIL_DATA_KEY, 'VIGIL_DATA_KEY');
  if (settings.NODE_ENV === 'production') {
    throw new Error('VIGIL_DATA_KEY is required when NODE_ENV=production');
  }
  const file = path.join(settings.DATA_DIR, 'data-key');
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
