// The audit log as an attacker who has taken over the app would meet it: connected as the
// serving role the app uses, and, for the chain, holding the owner's password too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDefender,
  incidentBody,
  postIncident,
} from '../../server/src/modules/incidents/incidents.factories.ts';
import { verifyAuditChain } from '../../server/src/modules/audit/audit-chain.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { asOwner, createTestDatabase } from '../support/database.ts';
import { clientFor } from '../support/http.ts';

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const insertEvent = (entityId: string, changes: unknown = null) => ({
  text: `INSERT INTO "AuditEvent" ("action", "entity", "entityId", "country", "changes", "ip")
         VALUES ('UPDATE', 'Incident', $1, 'KH', $2, '203.0.113.9')`,
  values: [entityId, changes === null ? null : JSON.stringify(changes)],
});

describe('the serving role and the audit log', () => {
  let serving: pg.Client;
  let owner: pg.Client;
  const eventCount = async () =>
    Number((await owner.query('SELECT count(*) AS n FROM "AuditEvent"')).rows[0].n);

  beforeAll(async () => {
    const url = await createTestDatabase();
    serving = await connect(url);
    owner = await connect(asOwner(url));
    await serving.query(insertEvent('first', { title: { from: 'a', to: 'b' } }));
  });
  afterAll(async () => {
    await serving?.end();
    await owner?.end();
  });

  it('when the app connects, then it is neither a superuser nor the owner of any table', async () => {
    const { rows } = await serving.query(
      `SELECT current_user AS role, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,
              (SELECT count(*)::int FROM pg_class c WHERE pg_has_role(current_user, c.relowner, 'MEMBER')
                 AND c.relnamespace = 'public'::regnamespace) AS owned
       FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      role: 'vigil_app',
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      owned: 0,
    });
  });

  const refused = [
    ['UPDATEs an event', `UPDATE "AuditEvent" SET "entityId" = 'changed'`],
    ['DELETEs an event', 'DELETE FROM "AuditEvent"'],
    ['TRUNCATEs the table', 'TRUNCATE "AuditEvent"'],
    ['disables its triggers', 'ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL'],
    [
      'disables the append-only trigger',
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
    ],
    ['drops the table', 'DROP TABLE "AuditEvent" CASCADE'],
    ['drops the chain trigger', 'DROP TRIGGER "AuditEvent_chain" ON "AuditEvent"'],
    [
      'replaces the hash function',
      `CREATE OR REPLACE FUNCTION audit_event_hash(e "AuditEvent") RETURNS CHAR(64) LANGUAGE sql AS $$ SELECT repeat('0', 64)::char(64) $$`,
    ],
    ['switches triggers off for its session', 'SET session_replication_role = replica'],
    ['becomes the owner', 'SET ROLE vigil'],
    ['takes the table over', 'ALTER TABLE "AuditEvent" OWNER TO vigil_app'],
  ] as const;
  for (const [what, sql] of refused) {
    it(`when the serving role ${what}, then PostgreSQL refuses for want of privilege and the log is unchanged`, async () => {
      const before = await eventCount();
      await expect(serving.query(sql)).rejects.toMatchObject({ code: '42501' });
      expect(await eventCount()).toBe(before);
      expect((await verifyAuditChain(owner)).intact).toBe(true);
    });
  }

  it('when the serving role sends its own seq and hashes, then the database replaces them and the chain holds', async () => {
    const { rows } = await serving.query(
      `INSERT INTO "AuditEvent" ("action", "entity", "seq", "prevHash", "hash")
       VALUES ('EXPORT', 'Forged', 1, repeat('a', 64), repeat('b', 64)) RETURNING "seq", "hash"`,
    );
    expect(rows[0].seq).not.toBe('1');
    expect(rows[0].hash).not.toBe('b'.repeat(64));
    expect((await verifyAuditChain(owner)).intact).toBe(true);
  });
});

describe('npm run audit:verify on a chain', () => {
  const clients: pg.Client[] = [];
  afterAll(() => Promise.all(clients.map((client) => client.end())));

  // a database of its own with 8 events: one statement inserting five (unicode and decimals in
  // their changes), then three one by one
  async function chain() {
    const url = await createTestDatabase();
    const serving = await connect(url);
    const owner = await connect(asOwner(url));
    clients.push(serving, owner);
    await serving.query(
      `INSERT INTO "AuditEvent" ("action", "entity", "entityId", "changes")
       SELECT 'CREATE', 'Defender', 'd-' || n, jsonb_build_object('name', 'ស្រីមុំ ' || n, 'n', n * 1.50)
       FROM generate_series(1, 5) AS n`,
    );
    for (const id of ['a', 'b', 'c']) await serving.query(insertEvent(id, { note: 'ok' }));
    // what an attacker holding the owner's password would do: the guard off, a change, on again
    const tamper = async (sql: string) => {
      await owner.query('BEGIN');
      await owner.query('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"');
      await owner.query(sql);
      await owner.query('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"');
      await owner.query('COMMIT');
    };
    const eventOf = async (entityId: string) =>
      (
        await owner.query(
          `SELECT "id", "seq"::text AS seq, "at" FROM "AuditEvent" WHERE "entityId" = $1`,
          [entityId],
        )
      ).rows[0] as { id: string; seq: string; at: Date };
    return { owner, tamper, eventOf };
  }

  it('when no one has touched it, then it is intact and names its last event', async () => {
    const { owner } = await chain();
    const last = (
      await owner.query(
        'SELECT "seq"::text AS seq, "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1',
      )
    ).rows[0];
    expect(last.seq).toBe('8');
    expect(await verifyAuditChain(owner, 3)).toEqual({
      intact: true,
      events: 8,
      head: { seq: '8', hash: last.hash },
    });
  });

  it('when the owner alters an event with the trigger off, then that event is named as the first broken one', async () => {
    const { owner, tamper, eventOf } = await chain();
    const target = await eventOf('d-3');
    await tamper(
      `UPDATE "AuditEvent" SET "changes" = '{"name": "someone else"}' WHERE "entityId" = 'd-3'`,
    );
    expect(await verifyAuditChain(owner, 2)).toEqual({
      intact: false,
      events: 2,
      firstBroken: target,
      reason: 'its content does not match its hash: it was altered',
    });
  });

  it('when the owner deletes an event, then the one after it is named', async () => {
    const { owner, tamper, eventOf } = await chain();
    const after = await eventOf('c');
    await tamper(`DELETE FROM "AuditEvent" WHERE "entityId" = 'b'`);
    expect(await verifyAuditChain(owner)).toEqual({
      intact: false,
      events: 6,
      firstBroken: after,
      reason: 'seq 7 is missing: an event was removed before this one',
    });
  });

  it("when the owner recomputes an altered event's hash with the database's function, then the next event is named", async () => {
    const { owner, tamper, eventOf } = await chain();
    const next = await eventOf('a');
    await tamper(`UPDATE "AuditEvent" SET "entityId" = 'd-0' WHERE "entityId" = 'd-5';
                  UPDATE "AuditEvent" e SET "hash" = audit_event_hash(e) WHERE "entityId" = 'd-0'`);
    expect(await verifyAuditChain(owner)).toMatchObject({
      intact: false,
      firstBroken: next,
      reason:
        'its link to the previous event does not match: an event before it was removed or replaced',
    });
  });
});

describe('concurrent audited requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('when 50 incidents are created at once, then their audit events form one unbroken chain', async () => {
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const defender = await createDefender(app, { country: 'KH', createdById: researcher.userId });
    const before = await app.database.db.auditEvent.count();

    await Promise.all(
      Array.from({ length: 50 }, () => postIncident(researcher, incidentBody(defender.id))),
    );

    const client = await app.database.pool.connect();
    try {
      const report = await verifyAuditChain(client, 40);
      expect(report, JSON.stringify(report)).toMatchObject({ intact: true });
      expect(report.events).toBeGreaterThanOrEqual(before + 50);
      expect(report.events).toBe(await app.database.db.auditEvent.count());
    } finally {
      client.release();
    }
  });
});
