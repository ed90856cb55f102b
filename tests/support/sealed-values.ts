import { configuredFieldCipher } from '../../server/src/security/field-cipher.ts';
import { sealPlaintext } from '../../server/src/security/reseal.ts';
import type { TestApp } from './app.ts';

// Fixtures written straight into the tables hold sensitive values in plain text, as databases
// did before values were sealed: this seals them with the app's key, as the server's start-up
// does, so that the app opens them.
export async function sealWrittenValues(app: TestApp): Promise<void> {
  const cipher = configuredFieldCipher({ NODE_ENV: 'test', DATA_DIR: app.dataDir }, () => {});
  await sealPlaintext(app.database.pool, cipher, () => {});
}
