import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { asOwner, asServingRole, createTestDatabase } from '../../../../tests/support/database.ts';
import { projectRoot } from '../../config.ts';
import { migrate } from '../../db/migrator.ts';
import { verifyAuditChain } from './audit-chain.ts';

const migrationsDir = path.join(projectRoot, 'prisma/migrations');
const chainMigration = '20261203020000_audit_chain';
const clients: pg.Client[] = [];
const scratchDirs: string[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.end()));
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  return client;
}

describe('the chain migration', () => {
  it('when it meets events written before it, then it chains them in the order of their time and new events follow', async () => {
    const before = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-before-chain-'));
    scratchDirs.push(before);
    for (const name of fs.readdirSync(migrationsDir)) {
      if (name < chainMigration && !name.endsWith('.toml')) {
        fs.cpSync(path.join(migrationsDir, name), path.join(before, name), { recursive: true });
      }
    }
    const url = await createTestDatabase({ empty: true });
    await migrate(url, before);
    const owner = await connect(url);
    // written out of time order, as imports or clock changes would
    for (const [entityId, at] of [
      ['second', '2026-02-01T00:00:00.000Z'],
      ['first', '2026-01-01T00:00:00.000Z'],
      ['third', '2026-03-01T00:00:00.000Z'],
    ]) {
      await owner.query(
        `INSERT INTO "AuditEvent" ("at", "action", "entity", "entityId", "changes")
         VALUES ($1, 'UPDATE', 'Incident', $2, '{"title": {"from": "ក", "to": "ខ"}}')`,
        [at, entityId],
      );
    }

    await migrate(url, migrationsDir, () => {}, { servingRole: 'vigil_app' });
    const serving = await connect(asServingRole(url));
    await serving.query(`INSERT INTO "AuditEvent" ("action", "entity", "entityId")
                         VALUES ('EXPORT', 'Incident', 'fourth')`);

    const { rows } = await owner.query(
      'SELECT "entityId", "seq"::int AS seq FROM "AuditEvent" ORDER BY "seq"',
    );
    expect(rows).toEqual([
      { entityId: 'first', seq: 1 },
      { entityId: 'second', seq: 2 },
      { entityId: 'third', seq: 3 },
      { entityId: 'fourth', seq: 4 },
    ]);
    expect(await verifyAuditChain(owner)).toMatchObject({ intact: true, events: 4 });
  });
});

function auditVerify(databaseUrl: string) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'server/src/modules/audit/audit-verify.cli.ts')],
      { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'production' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run audit:verify', () => {
  it('when run as the serving role, then it says an intact chain is intact (exit 0) and names the first altered event (exit 1)', async () => {
    const url = await createTestDatabase();
    const serving = await connect(url);
    for (const entityId of ['a', 'b', 'c']) {
      await serving.query(
        `INSERT INTO "AuditEvent" ("action", "entity", "entityId") VALUES ('EXPORT', 'Incident', $1)`,
        [entityId],
      );
    }
    const intact = await auditVerify(url);
    expect(intact.code, intact.output).toBe(0);
    expect(intact.output).toMatch(
      /^The audit chain is intact: 3 events, the last seq 3 with hash [0-9a-f]{64}$/m,
    );

    const owner = await connect(asOwner(url));
    await owner.query(`BEGIN;
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
      UPDATE "AuditEvent" SET "entity" = 'Defender' WHERE "entityId" = 'b';
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";
      COMMIT`);
    const altered = (
      await owner.query(`SELECT "id", "at" FROM "AuditEvent" WHERE "entityId" = 'b'`)
    ).rows[0] as { id: string; at: Date };
    const broken = await auditVerify(url);
    expect(broken.code, broken.output).toBe(1);
    expect(broken.output).toContain(
      `The audit chain is broken at seq 2 (id ${altered.id}, at ${altered.at.toISOString()}): its content does not match its hash: it was altered. The event before it is intact.`,
    );
  });
});
