import { defenderSensitiveFields } from '@vigil/shared/auth/fields';
import {
  configuredFieldCipher,
  openFields,
  placeOf,
  type FieldCipher,
} from '../../server/src/security/field-cipher.ts';
import type { TestApp } from './app.ts';

const ciphers = new WeakMap<TestApp, FieldCipher>();
function cipherOf(app: TestApp): FieldCipher {
  let cipher = ciphers.get(app);
  if (!cipher) {
    cipher = configuredFieldCipher({ NODE_ENV: 'test', DATA_DIR: app.dataDir }, () => {});
    ciphers.set(app, cipher);
  }
  return cipher;
}

// Fixtures written straight into the tables seal their sensitive values with the app's key, as
// the app does, so that the app opens them: the value sealed at its place (placeOf).
export function sealedValue(
  app: TestApp,
  value: string,
  model: string,
  column: string,
  id: string,
) {
  return cipherOf(app).seal(value, placeOf(model, column, id));
}

// A defender's row as read from the database, its sensitive values opened with the app's key.
export function openedDefender<
  T extends { id: string; legalName: string | null; contact: string | null; region: string | null },
>(app: TestApp, row: T): T {
  return openFields(cipherOf(app), 'Defender', row.id, row, defenderSensitiveFields);
}
