import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

// A fresh database of the calling test's own: migrated (cloned from the template that global
// setup migrated) unless `empty`, which tests of the migrator itself want.
export async function createTestDatabase({ empty = false } = {}): Promise<string> {
  const serverUrl = inject('postgresUrl');
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${empty ? '' : ' TEMPLATE vigil_template'}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
