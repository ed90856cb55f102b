import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asOwner, asServingRole, createTestDatabase } from '../../../tests/support/database.ts';
import { connectConfiguredDatabase, type DatabaseSettings } from './connect.ts';

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function connectWith(settings: Partial<DatabaseSettings>, options = {}) {
  const logged: string[] = [];
  const warned: string[] = [];
  const database = await connectConfiguredDatabase(
    { DATA_DIR: os.tmpdir(), NODE_ENV: 'test', ...settings },
    (message) => logged.push(message),
    (message) => warned.push(message),
    options,
  );
  return { database, logged, warned };
}

// what the app does with its connection: plain tables written, audit events only appended
async function expectServingRights(database: Awaited<ReturnType<typeof connectWith>>['database']) {
  const { rows } = await database.pool.query('SELECT current_user AS role');
  expect(rows).toEqual([{ role: 'vigil_app' }]);
  await database.pool.query(`INSERT INTO rate_limits (key, points) VALUES ('k', 1)`);
  await database.pool.query(`UPDATE rate_limits SET points = 2 WHERE key = 'k'`);
  await database.pool.query(`DELETE FROM rate_limits WHERE key = 'k'`);
  await database.pool.query(`INSERT INTO "AuditEvent" (action, entity) VALUES ('EXPORT', 'T')`);
  await expect(database.pool.query('DELETE FROM "AuditEvent"')).rejects.toMatchObject({
    code: '42501',
  });
}

describe('connectConfiguredDatabase', () => {
  it('when DATABASE_URL is unset, then the embedded cluster is migrated by its owner and served as the serving role', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-connect-'));
    fs.chmodSync(dataDir, 0o755);
    scratchDirs.push(dataDir);
    const { database, logged, warned } = await connectWith({ DATA_DIR: dataDir });
    try {
      expect(logged.some((line) => line.startsWith('applied migration'))).toBe(true);
      expect(warned).toEqual([]);
      await expectServingRights(database);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('when a server holds the embedded cluster, then a command-line tool works beside it and leaves it running', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-connect-'));
    fs.chmodSync(dataDir, 0o755);
    scratchDirs.push(dataDir);
    const server = await connectWith({ DATA_DIR: dataDir });
    try {
      await expect(connectWith({ DATA_DIR: dataDir })).rejects.toThrow(/postmaster\.pid/);
      const tool = await connectWith({ DATA_DIR: dataDir }, { shareRunning: true });
      expect(tool.logged.some((line) => line.includes('already running'))).toBe(true);
      await expectServingRights(tool.database);
      await tool.database.close();
      const { rows } = await server.database.pool.query('SELECT 1 AS alive');
      expect(rows).toEqual([{ alive: 1 }]);
    } finally {
      await server.database.close();
    }
  }, 60_000);

  it('when DATABASE_OWNER_URL and DATABASE_URL are given, then the owner migrates and grants, and the serving role serves', async () => {
    const ownerUrl = await createTestDatabase({ empty: true });
    const { database, logged, warned } = await connectWith({
      DATABASE_OWNER_URL: ownerUrl,
      DATABASE_URL: asServingRole(ownerUrl),
      NODE_ENV: 'production',
    });
    try {
      expect(logged.some((line) => line.startsWith('applied migration'))).toBe(true);
      expect(warned).toEqual([]);
      await expectServingRights(database);
    } finally {
      await database.close();
    }
  });

  it('when DATABASE_URL alone names a serving role on a migrated database, then it serves without migrating', async () => {
    const { database, logged, warned } = await connectWith({
      DATABASE_URL: await createTestDatabase(),
      NODE_ENV: 'production',
    });
    try {
      expect(logged).toEqual([]);
      expect(warned).toEqual([]);
      await expectServingRights(database);
    } finally {
      await database.close();
    }
  });

  it('when DATABASE_URL alone names the owner, then outside production it serves with a warning', async () => {
    const { database, warned } = await connectWith({
      DATABASE_URL: asOwner(await createTestDatabase()),
    });
    await database.close();
    expect(warned).toEqual([
      'the database role "vigil" that serves the app is a superuser, owns the audit table, may UPDATE audit events, may DELETE audit events, may TRUNCATE audit events: whoever takes over the app could rewrite its audit log (it migrates and serves as the same role). Not recommended: give the owner as DATABASE_OWNER_URL and a serving role as DATABASE_URL (README)',
    ]);
  });

  it('when DATABASE_URL alone names the owner in production, then it refuses to start', async () => {
    await expect(
      connectWith({ DATABASE_URL: asOwner(await createTestDatabase()), NODE_ENV: 'production' }),
    ).rejects.toThrow(
      /^the database role "vigil" that serves the app is a superuser, .*whoever takes over the app could rewrite its audit log\. Serve as a role that may only read and append audit events \(DATABASE_URL\) and migrate as the owner \(DATABASE_OWNER_URL\); see the README$/,
    );
  });
});
