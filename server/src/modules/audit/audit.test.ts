import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventOutput, AuditListOutput } from '@vigil/shared/schemas/audit';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { asOwner, createTestDatabase } from '../../../../tests/support/database.ts';
import { anonymous, clientFor, type Client } from '../../../../tests/support/http.ts';
import { recordAudit } from './index.ts';

const entity = 'AuditTest';

describe('GET /api/audit', () => {
  let app: TestApp;
  let admin: Client;
  let actorA: string;
  let actorB: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
    actorA = admin.userId;
    actorB = (await clientFor(app, 'MANAGER')).userId;
    const events = [
      { at: '2026-03-01T10:00:00.000Z', country: 'KH', action: 'CREATE', actorId: actorA },
      { at: '2026-03-01T23:30:00.000Z', country: 'KH', action: 'UPDATE', actorId: actorB },
      { at: '2026-03-02T08:00:00.000Z', country: 'MM', action: 'CREATE', actorId: actorA },
      { at: '2026-03-03T08:00:00.000Z', country: 'TH', action: 'DELETE', actorId: actorB },
      { at: '2026-03-04T08:00:00.000Z', country: null, action: 'EXPORT', actorId: actorA },
    ] as const;
    for (const [index, event] of events.entries()) {
      await recordAudit(app.database.db, {
        ...event,
        at: new Date(event.at),
        entity,
        entityId: `record-${index + 1}`,
        ...(event.action === 'EXPORT' ? {} : { changes: { title: { from: 'a', to: 'b' } } }),
      });
    }
  });
  afterAll(() => app.close());

  const list = async (client: Client, query = '') => {
    const response = await client.get(`/api/audit?entity=${entity}${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as AuditListOutput;
  };
  const idsOf = (page: AuditListOutput) => page.items.map((event) => event.entityId);

  it('when an admin reads the log, then every event comes newest first in the contract shape', async () => {
    const page = await list(admin);
    expect(idsOf(page)).toEqual(['record-5', 'record-4', 'record-3', 'record-2', 'record-1']);
    expect(page.nextCursor).toBeNull();
    const [exported, , , , created] = page.items as AuditEventOutput[];
    expect(created).toEqual({
      id: expect.any(String),
      at: '2026-03-01T10:00:00.000Z',
      actorId: actorA,
      action: 'CREATE',
      entity,
      entityId: 'record-1',
      country: 'KH',
      changes: { title: { from: 'a', to: 'b' } },
    });
    expect(exported).not.toHaveProperty('changes');
    expect(exported).not.toHaveProperty('ip');
  });

  it('when a manager of KH and TH reads the log, then only events of their countries come back', async () => {
    const manager = await clientFor(app, 'MANAGER', ['KH', 'TH']);
    expect(idsOf(await list(manager))).toEqual(['record-4', 'record-2', 'record-1']);
  });

  it('when a manager of every country reads the log, then every event comes back', async () => {
    const manager = await clientFor(app, 'MANAGER');
    expect(idsOf(await list(manager))).toHaveLength(5);
  });

  it.each(['RESEARCHER', 'ADVOCACY'] as const)(
    'when a %s reads the log, then it is 403',
    async (role) => {
      const client = await clientFor(app, role);
      const response = await client.get('/api/audit');
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    },
  );

  it('when nobody is signed in, then it is 401', async () => {
    expect((await anonymous(app)('GET', '/api/audit')).status).toBe(401);
  });

  it.each([
    ['entityId', '&entityId=record-2&entityId=record-3', ['record-3', 'record-2']],
    ['actorId', () => `&actorId=${actorB}`, ['record-4', 'record-2']],
    ['action', '&action=CREATE&action=DELETE', ['record-4', 'record-3', 'record-1']],
    ['from (a day)', '&from=2026-03-02', ['record-5', 'record-4', 'record-3']],
    ['to (a whole day)', '&to=2026-03-01', ['record-2', 'record-1']],
    ['to (a moment)', '&to=2026-03-01T12:00:00Z', ['record-1']],
    ['from and to', '&from=2026-03-02&to=2026-03-03', ['record-4', 'record-3']],
  ])('when filtered by %s, then only matching events come back', async (_name, query, ids) => {
    const suffix = typeof query === 'function' ? query() : query;
    expect(idsOf(await list(admin, suffix))).toEqual(ids);
  });

  it('when the log is longer than a page, then the cursor walks it without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    do {
      const page: AuditListOutput = await list(
        admin,
        `&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(page).map(String));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['record-5', 'record-4', 'record-3', 'record-2', 'record-1']);
  });

  it.each([
    ['an unknown action', 'action=DESTROY', 'query.action'],
    ['an unknown parameter', 'colour=red', 'query'],
    ['a bad date', 'from=yesterday', 'query.from'],
    ['a forged cursor', 'cursor=abc', 'query.cursor'],
    ['a limit over 200', 'limit=500', 'query.limit'],
  ])('when the query has %s, then it is 400 VALIDATION', async (_case, query, path) => {
    const response = await admin.get(`/api/audit?${query}`);
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { code: string; details: unknown[] } })
      .error;
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toContainEqual(expect.objectContaining({ path }));
  });

  it('when signing in, then the LOGIN event is in the log for admins', async () => {
    const page = (await (
      await admin.get(`/api/audit?action=LOGIN&actorId=${admin.userId}`)
    ).json()) as AuditListOutput;
    expect(page.items).toContainEqual(
      expect.objectContaining({ action: 'LOGIN', entity: 'User', entityId: admin.userId }),
    );
  });
});

describe('READ_SENSITIVE in the log', () => {
  let app: TestApp;
  let manager: Client;
  let admin: Client;
  beforeAll(async () => {
    app = await startTestApp();
    [manager, admin] = await Promise.all([
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'ADMIN'),
    ]);
  });
  afterAll(() => app.close());

  const readingsOf = async (entityId: string) => {
    const response = await admin.get(`/api/audit?action=READ_SENSITIVE&entityId=${entityId}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as AuditListOutput).items;
  };

  it('when a defender is recorded and read, then only the reading with include=sensitive is logged as READ_SENSITIVE', async () => {
    const created = await manager.request('POST', '/api/defenders', {
      displayName: 'Audited Dara',
      legalName: 'Dara Audited (fictional)',
      country: 'KH',
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await manager.get(`/api/defenders/${id}`)).status).toBe(200);
    expect(await readingsOf(id)).toEqual([]);

    expect((await manager.get(`/api/defenders/${id}?include=sensitive`)).status).toBe(200);
    expect(await readingsOf(id)).toEqual([
      expect.objectContaining({
        actorId: manager.userId,
        action: 'READ_SENSITIVE',
        entity: 'Defender',
        entityId: id,
        country: 'KH',
      }),
    ]);
  });

  it('when an incident is recorded and read, then only the reading with include=sensitive is logged as READ_SENSITIVE', async () => {
    const defender = (await (
      await manager.request('POST', '/api/defenders', { displayName: 'Audited Sok', country: 'KH' })
    ).json()) as { id: string };
    const created = await manager.request('POST', '/api/incidents', {
      title: 'Audited arrest',
      summary: 'Fictional',
      occurredOn: '2024-05-01',
      country: 'KH',
      acts: [{ defenderId: defender.id, violation: 'ARBITRARY_ARREST' }],
      sources: [
        {
          kind: 'WITNESS_TESTIMONY',
          reliability: 'RELIABLE',
          description: 'Interview',
          identity: 'A witness (fictional)',
        },
      ],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await manager.get(`/api/incidents/${id}`)).status).toBe(200);
    expect(await readingsOf(id)).toEqual([]);

    expect((await manager.get(`/api/incidents/${id}?include=sensitive`)).status).toBe(200);
    expect(await readingsOf(id)).toEqual([
      expect.objectContaining({
        actorId: manager.userId,
        action: 'READ_SENSITIVE',
        entity: 'Incident',
        entityId: id,
        country: 'KH',
      }),
    ]);
  });
});

// The serving role may not even try (tests/attacks/audit-log.test.ts); the trigger holds for
// the owner too, unless the owner switches it off.
describe('the AuditEvent table, as its owner', () => {
  let owner: pg.Client;
  beforeAll(async () => {
    owner = new pg.Client({ connectionString: asOwner(await createTestDatabase()) });
    await owner.connect();
    await owner.query(
      `INSERT INTO "AuditEvent" ("action", "entity", "entityId") VALUES ('EXPORT', $1, 'kept')`,
      [entity],
    );
  });
  afterAll(() => owner?.end());

  const kept = async () =>
    (await owner.query(`SELECT 1 FROM "AuditEvent" WHERE "entityId" = 'kept'`)).rowCount;

  it('when the owner UPDATEs a row, then the database refuses', async () => {
    await expect(owner.query(`UPDATE "AuditEvent" SET "entityId" = 'changed'`)).rejects.toThrow(
      /append-only/,
    );
    expect(await kept()).toBe(1);
  });

  it('when the owner DELETEs a row, then the database refuses', async () => {
    await expect(owner.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await kept()).toBe(1);
  });

  it('when the owner TRUNCATEs the table, then the database refuses', async () => {
    await expect(owner.query(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await kept()).toBe(1);
  });
});
