import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../prisma/seed/demo.ts';
import { asServingRole, createTestDatabase } from '../../../tests/support/database.ts';
import { projectRoot } from '../config.ts';
import { verifyAuditChain } from '../modules/audit/audit-chain.ts';
import { recordAudits } from '../modules/audit/index.ts';
import { TamperedError } from '../security/chunked-cipher.ts';
import { backupDatabase, BackupError, restoreDatabase } from './backup.ts';
import { migrate } from './migrator.ts';
import { openDatabase, type Database } from './prisma.ts';

const key = randomBytes(32);
const clients: pg.Client[] = [];
let source: Database;
let archive: Buffer;

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

// a database as `npm run restore` finds it: migrated by its owner, granted, empty
async function emptyTarget() {
  const url = await createTestDatabase({ empty: true });
  await migrate(url, path.join(projectRoot, 'prisma/migrations'), () => {}, {
    servingRole: 'vigil_app',
  });
  return { target: await connect(url), url };
}

// every table's rows, as a digest of their text sorted, and their count
async function contents(client: pg.ClientBase) {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace
     AND relkind = 'r' AND relname <> '_prisma_migrations' ORDER BY relname`,
  );
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest
       FROM "${name}" AS t`,
    );
    result[name] = rows[0]!;
  }
  return result;
}

beforeAll(async () => {
  source = openDatabase(await createTestDatabase());
  await seedDemo(source.db, pino({ level: 'silent' }));
  await recordAudits(
    source.db,
    ['ស្រីមុំ', 'O\'Brien "quoted"', 'tab\tand\nnewline\\'].map((name, index) => ({
      action: 'UPDATE' as const,
      entity: 'Defender',
      entityId: `d-${index}`,
      changes: { displayName: { from: name, to: `${name} 2` } },
    })),
  );
  const client = await source.pool.connect();
  try {
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    await backupDatabase(client, key, output);
    archive = Buffer.concat(chunks);
  } finally {
    client.release();
  }
}, 120_000);
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()));
  await source?.close();
});

describe('backup and restore', () => {
  it('when the demo data is backed up by the serving role and restored into an empty database, then every table is the same and the audit chain verifies and goes on', async () => {
    expect(archive.includes(Buffer.from('researcher@vigil.test'))).toBe(false);
    const { target, url } = await emptyTarget();
    const sourceClient = await source.pool.connect();
    try {
      const before = await contents(sourceClient);
      expect(before.Incident!.rows).toBeGreaterThan(100);
      expect(before.AuditEvent!.rows).toBe(3);

      const restored = await restoreDatabase(target, key, Readable.from([archive]));
      expect(restored.rows).toBe(Object.values(before).reduce((sum, t) => sum + t.rows, 0));
      expect(await contents(target)).toEqual(before);
      const chain = await verifyAuditChain(target);
      expect(chain).toEqual(await verifyAuditChain(sourceClient));
      expect(chain).toMatchObject({ intact: true, events: 3 });
    } finally {
      sourceClient.release();
    }
    // the triggers are back: the serving role appends to the same chain, and may not rewrite it
    const serving = await connect(asServingRole(url));
    const { rows } = await serving.query(
      `INSERT INTO "AuditEvent" ("action", "entity") VALUES ('EXPORT', 'Incident') RETURNING "seq"::int AS seq`,
    );
    expect(rows).toEqual([{ seq: 4 }]);
    await expect(serving.query('DELETE FROM "AuditEvent"')).rejects.toMatchObject({
      code: '42501',
    });
    expect(await verifyAuditChain(target)).toMatchObject({ intact: true, events: 4 });
  });

  it('when the archive is opened with another key, then nothing is restored', async () => {
    const { target } = await emptyTarget();
    await expect(
      restoreDatabase(target, randomBytes(32), Readable.from([archive])),
    ).rejects.toBeInstanceOf(TamperedError);
    expect((await target.query('SELECT count(*)::int AS n FROM "User"')).rows).toEqual([{ n: 0 }]);
  });

  it('when the archive is cut short, then the restore fails and leaves the database empty', async () => {
    const { target } = await emptyTarget();
    const cut = archive.subarray(0, archive.length - 100);
    await expect(restoreDatabase(target, key, Readable.from([cut]))).rejects.toBeInstanceOf(
      TamperedError,
    );
    expect((await target.query('SELECT count(*)::int AS n FROM "Incident"')).rows).toEqual([
      { n: 0 },
    ]);
  });

  it('when the database already has rows, then it refuses before writing anything', async () => {
    const { target } = await emptyTarget();
    await target.query(`INSERT INTO rate_limits (key) VALUES ('kept')`);
    await expect(restoreDatabase(target, key, Readable.from([archive]))).rejects.toThrow(
      new BackupError('the database is not empty (rate_limits has rows)'),
    );
  });
});
