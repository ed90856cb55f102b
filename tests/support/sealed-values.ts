import { defenderSensitiveFields } from '@vigil/shared/auth/fields';
import { configuredFieldCipher, openFields } from '../../server/src/security/field-cipher.ts';
import { sealPlaintext } from '../../server/src/security/reseal.ts';
import type { TestApp } from './app.ts';

const cipherOf = (app: TestApp) =>
  configuredFieldCipher({ NODE_ENV: 'test', DATA_DIR: app.dataDir }, () => {});

// Fixtures written straight into the tables hold sensitive values in plain text, as databases
// did before values were sealed: this seals them with the app's key, as the server's start-up
// does, so that the app opens them.
export async function sealWrittenValues(app: TestApp): Promise<void> {
  await sealPlaintext(app.database.pool, cipherOf(app), () => {});
}

// A defender's row as read from the database, its sensitive values opened with the app's key.
export function openedDefender<
  T extends { id: string; legalName: string | null; contact: string | null; region: string | null },
>(app: TestApp, row: T): T {
  return openFields(cipherOf(app), 'Defender', row.id, row, defenderSensitiveFields);
}
