import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

function inDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

// A fresh database of the calling test's own, owned by the cluster's superuser. Migrated (cloned
// from the template that global setup migrated) and reached as the serving role, as the app
// reaches it, unless `empty`: tests of the migrator itself want an empty one, as its owner.
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
  return inDatabase(empty ? serverUrl : inject('servingUrl'), name);
}

// The same test database as the serving role, as the app reaches it.
export function asServingRole(databaseUrl: string): string {
  return inDatabase(inject('servingUrl'), new URL(databaseUrl).pathname.slice(1));
}

// The same test database as its owner (the superuser): what an attacker holding the owner's
// password could do, or a test's setup that the app itself may not do.
export function asOwner(databaseUrl: string): string {
  return inDatabase(inject('postgresUrl'), new URL(databaseUrl).pathname.slice(1));
}
