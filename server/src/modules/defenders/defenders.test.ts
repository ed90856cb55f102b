import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type Client } from '../../../../tests/support/http.ts';
import { assertReadableDefenders } from './index.ts';

type Caller = Awaited<ReturnType<typeof clientFor>>;

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const sensitive = ['legalName', 'contact', 'region'] as const;

let app: TestApp;
let admin: Caller;
let manager: Caller;
let researcher: Caller;
let colleague: Caller;
let researcherMm: Caller;
let advocacy: Caller;

beforeAll(async () => {
  app = await startTestApp();
  [admin, manager, researcher, colleague, researcherMm, advocacy] = await Promise.all([
    clientFor(app, 'ADMIN'),
    clientFor(app, 'MANAGER', ['KH', 'TH']),
    clientFor(app, 'RESEARCHER', ['KH', 'TH']),
    clientFor(app, 'RESEARCHER', ['KH']),
    clientFor(app, 'RESEARCHER', ['MM']),
    clientFor(app, 'ADVOCACY', ['KH', 'MM']),
  ]);
});
afterAll(() => app.close());

function defenderInput(overrides: Record<string, unknown> = {}) {
  return {
    displayName: 'Sophal Keo',
    legalName: 'Keo Sophal',
    aliases: ['Bong Phal'],
    gender: 'MALE',
    birthYear: 1984,
    country: 'KH',
    region: 'Koh Kong',
    sectors: ['LAND_ENVIRONMENT', 'COMMUNITY_BASED'],
    organisation: 'Koh Kong Fishers Network',
    consent: 'ANONYMISED',
    pseudonym: 'Fisher K.',
    shareWithAuthorities: 'NO',
    riskLevel: 'HIGH',
    contact: 'Signal +855 12 000 000',
    notes: 'Detained twice in 2023.',
    ...overrides,
  };
}

async function create(client: Client, overrides: Record<string, unknown> = {}) {
  const response = await client.request('POST', '/api/defenders', defenderInput(overrides));
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as DefenderOutput;
}

// `sensitive` asks for the sensitive values (?include=sensitive)
async function read(client: Client, id: string, { sensitive = false } = {}) {
  const response = await client.get(`/api/defenders/${id}${sensitive ? '?include=sensitive' : ''}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function auditOf(entityId: string, action?: string) {
  return app.database.db.auditEvent.findMany({
    where: { entity: 'Defender', entityId, ...(action ? { action: action as 'UPDATE' } : {}) },
    orderBy: { at: 'asc' },
  });
}

const readSensitiveCount = (entityId: string) =>
  app.database.db.auditEvent.count({ where: { entityId, action: 'READ_SENSITIVE' } });

describe('recording and reading a defender', () => {
  it('when a researcher records a defender, then 201 returns every field but the sensitive ones, with version 1', async () => {
    const defender = await create(researcher);
    const { legalName: _legalName, contact: _contact, region: _region, ...open } = defenderInput();
    expect(defender).toMatchObject({ ...open, version: 1, createdById: researcher.userId });
    for (const field of sensitive) expect(defender, field).not.toHaveProperty(field);
    expect(defender.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(defender.createdAt)).not.toBeNaN();
    expect(defender.updatedAt).toBe(defender.createdAt);
    // stored whole: the sensitive values come back when asked for
    const { body } = await read(researcher, defender.id, { sensitive: true });
    expect(body).toMatchObject({ ...defenderInput(), version: 1 });
  });

  it('when optional fields are left out, then the defaults of the contract apply', async () => {
    const response = await researcher.request('POST', '/api/defenders', {
      displayName: 'Dara Som',
      country: 'KH',
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as DefenderOutput;
    expect(created).toMatchObject({
      aliases: [],
      sectors: [],
      gender: 'UNKNOWN',
      consent: 'CONFIDENTIAL',
      shareWithAuthorities: 'UNKNOWN',
      riskLevel: 'MEDIUM',
      birthYear: null,
    });
    const { body } = await read(researcher, created.id, { sensitive: true });
    expect(body).toMatchObject({ legalName: null, contact: null, region: null });
  });

  it('when a defender is recorded, then a CREATE event masks its sensitive values', async () => {
    const defender = await create(researcher);
    const [event, ...others] = await auditOf(defender.id, 'CREATE');
    expect(others).toHaveLength(0);
    expect(event).toMatchObject({ actorId: researcher.userId, country: 'KH' });
    const changes = event!.changes as Record<string, { from: unknown; to: unknown }>;
    expect(changes.displayName).toEqual({ from: null, to: 'Sophal Keo' });
    expect(changes.legalName).toEqual({ from: null, to: '[redacted]' });
    expect(changes.contact).toEqual({ from: null, to: '[redacted]' });
    expect(JSON.stringify(changes)).not.toContain('Signal');
  });

  it('when its creator reads it, then GET answers the same record, and with include=sensitive its sensitive values too', async () => {
    const defender = await create(researcher);
    const { status, body } = await read(researcher, defender.id);
    expect(status).toBe(200);
    expect(body).toEqual(defender);
    const withSensitive = await read(researcher, defender.id, { sensitive: true });
    expect(withSensitive.status).toBe(200);
    expect(withSensitive.body).toEqual({
      ...defender,
      legalName: 'Keo Sophal',
      contact: 'Signal +855 12 000 000',
      region: 'Koh Kong',
    });
  });

  it('when the id is unknown or not a uuid, then 404 and 400', async () => {
    expect((await read(admin, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const { status, body } = await read(admin, 'not-an-id');
    expect(status).toBe(400);
    expect((body as unknown as ErrorBody).error.code).toBe('VALIDATION');
  });
});

describe('validation', () => {
  async function expectInvalid(body: unknown, path: string) {
    const response = await researcher.request('POST', '/api/defenders', body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  }

  it('when the body carries a field the schema does not know, then 400', async () => {
    await expectInvalid(defenderInput({ nickname: 'Phal' }), 'body');
  });

  it('when a sector is not in the sectors vocabulary, then 400 names it', async () => {
    await expectInvalid(
      defenderInput({ sectors: ['PRO_DEMOCRACY', 'ASTROLOGY'] }),
      'body.sectors.1',
    );
  });

  it('when the country is not an ISO code, then 400', async () => {
    await expectInvalid(defenderInput({ country: 'Cambodia' }), 'body.country');
  });

  it('when the display name is blank or an enum value unknown, then 400', async () => {
    await expectInvalid(defenderInput({ displayName: '   ' }), 'body.displayName');
    await expectInvalid(defenderInput({ riskLevel: 'EXTREME' }), 'body.riskLevel');
    await expectInvalid(
      defenderInput({ shareWithAuthorities: 'MAYBE' }),
      'body.shareWithAuthorities',
    );
  });

  it('when a PATCH has no version, then 400', async () => {
    const defender = await create(researcher);
    const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      riskLevel: 'LOW',
    });
    expect(response.status).toBe(400);
  });

  it('when a PATCH names an unknown sector, then 400 and nothing changes', async () => {
    const defender = await create(researcher);
    const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      sectors: ['NOPE'],
    });
    expect(response.status).toBe(400);
    expect((await read(researcher, defender.id)).body.version).toBe(1);
  });

  it.each([
    ['an unknown include', 'include=everything', 'query.include'],
    ['include twice', 'include=sensitive&include=sensitive', 'query.include'],
    ['an unknown parameter', 'fields=legalName', 'query'],
  ])('when reading one defender with %s, then 400 VALIDATION', async (_case, query, path) => {
    const defender = await create(researcher);
    const response = await researcher.get(`/api/defenders/${defender.id}?${query}`);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toEqual([expect.objectContaining({ path })]);
    expect(await readSensitiveCount(defender.id)).toBe(0);
  });

  it('when list parameters are out of range, then 400', async () => {
    for (const query of ['limit=0', 'limit=201', 'sort=displayName', 'riskLevel=SOME', 'x=1']) {
      expect((await researcher.get(`/api/defenders?${query}`)).status, query).toBe(400);
    }
  });
});

describe('changing a defender', () => {
  it('when the version is current, then 200 with version + 1 and an UPDATE event', async () => {
    const defender = await create(researcher);
    const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      riskLevel: 'CRITICAL',
      shareWithAuthorities: 'YES',
      legalName: 'Keo Sophal Ratha',
      organisation: null,
    });
    expect(response.status).toBe(200);
    const updated = (await response.json()) as DefenderOutput;
    expect(updated).toMatchObject({
      riskLevel: 'CRITICAL',
      shareWithAuthorities: 'YES',
      organisation: null,
      displayName: 'Sophal Keo',
      version: 2,
    });
    expect(updated).not.toHaveProperty('legalName');
    expect((await read(researcher, defender.id, { sensitive: true })).body).toMatchObject({
      legalName: 'Keo Sophal Ratha',
      version: 2,
    });
    expect(Date.parse(updated.updatedAt)).toBeGreaterThanOrEqual(Date.parse(defender.updatedAt));
    const [event] = await auditOf(defender.id, 'UPDATE');
    expect(event!.changes).toEqual({
      riskLevel: { from: 'HIGH', to: 'CRITICAL' },
      shareWithAuthorities: { from: 'NO', to: 'YES' },
      legalName: { from: '[redacted]', to: '[redacted]' },
      organisation: { from: 'Koh Kong Fishers Network', to: null },
    });
  });

  it('when the version is stale, then 409 carries the current record', async () => {
    const defender = await create(researcher);
    await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      notes: 'first',
    });
    const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      notes: 'second',
    });
    expect(response.status).toBe(409);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe('CONFLICT');
    expect(error.details).toMatchObject({
      current: { id: defender.id, version: 2, notes: 'first' },
    });
  });

  it('when two saves race with the same version, then one wins, one is 409, one UPDATE event', async () => {
    const defender = await create(researcher);
    const path = `/api/defenders/${defender.id}`;
    const responses = await Promise.all([
      researcher.request('PATCH', path, { version: 1, notes: 'from the field office' }),
      manager.request('PATCH', path, { version: 1, riskLevel: 'LOW' }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(await auditOf(defender.id, 'UPDATE')).toHaveLength(1);
    expect((await read(researcher, defender.id)).body.version).toBe(2);
  });

  it('when the name or aliases change, then search follows them', async () => {
    const defender = await create(researcher, { displayName: 'Vanna Heng', aliases: [] });
    await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      aliases: ['Bopha Rithy'],
    });
    const found = await researcher.get('/api/defenders?q=bopha%20rithy');
    const { items } = (await found.json()) as { items: DefenderOutput[] };
    expect(items.map((item) => item.id)).toEqual([defender.id]);
  });
});

describe('deleting and restoring', () => {
  it('when a manager deletes a defender, then 204 and it disappears from reads and lists', async () => {
    const defender = await create(researcher, { displayName: 'Chanthou Deleted' });
    const response = await manager.request('DELETE', `/api/defenders/${defender.id}`);
    expect(response.status).toBe(204);
    for (const client of [manager, researcher, admin]) {
      expect((await read(client, defender.id)).status).toBe(404);
    }
    const list = await admin.get('/api/defenders?q=chanthou%20deleted');
    expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(0);
    const [event] = await auditOf(defender.id, 'DELETE');
    expect(event).toMatchObject({ actorId: manager.userId, country: 'KH' });
    expect(await app.database.db.defender.count({ where: { id: defender.id } })).toBe(1);
  });

  it('when a researcher deletes, then 403; deleting again is 404', async () => {
    const defender = await create(researcher);
    expect((await researcher.request('DELETE', `/api/defenders/${defender.id}`)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/defenders/${defender.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/defenders/${defender.id}`)).status).toBe(404);
  });

  it('when an admin restores a deleted defender, then it is back and audited as UPDATE', async () => {
    const defender = await create(researcher);
    await manager.request('DELETE', `/api/defenders/${defender.id}`);
    expect((await manager.request('POST', `/api/defenders/${defender.id}/restore`)).status).toBe(
      404,
    );
    const response = await admin.request('POST', `/api/defenders/${defender.id}/restore`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: defender.id, version: 3 });
    expect((await read(researcher, defender.id)).status).toBe(200);
    const [event] = await auditOf(defender.id, 'UPDATE');
    expect(event).toMatchObject({ actorId: admin.userId, changes: { deletedAt: { to: null } } });
  });

  it('when a manager restores a live defender, then 403', async () => {
    const defender = await create(researcher);
    expect((await manager.request('POST', `/api/defenders/${defender.id}/restore`)).status).toBe(
      403,
    );
  });
});

describe('who may do what', () => {
  it('when a KH researcher reads an MM defender, then 404 for every verb', async () => {
    const defender = await create(researcherMm, { country: 'MM' });
    const path = `/api/defenders/${defender.id}`;
    expect((await researcher.get(path)).status).toBe(404);
    expect((await researcher.request('PATCH', path, { version: 1, notes: 'x' })).status).toBe(404);
    expect((await researcher.request('DELETE', path)).status).toBe(404);
    const list = (await (await researcher.get('/api/defenders?country=MM')).json()) as {
      items: unknown[];
    };
    expect(list.items).toHaveLength(0);
  });

  it('when a KH researcher records a defender in MM, then 403', async () => {
    const response = await researcher.request(
      'POST',
      '/api/defenders',
      defenderInput({ country: 'MM' }),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
  });

  it('when a researcher moves their defender out of their countries, then 403', async () => {
    const defender = await create(researcher);
    const response = await researcher.request('PATCH', `/api/defenders/${defender.id}`, {
      version: 1,
      country: 'MM',
    });
    expect(response.status).toBe(403);
    expect((await read(researcher, defender.id)).body.country).toBe('KH');
  });

  it("when a researcher edits a colleague's defender, then 403; a manager may", async () => {
    const defender = await create(colleague);
    const path = `/api/defenders/${defender.id}`;
    expect((await researcher.request('PATCH', path, { version: 1, notes: 'x' })).status).toBe(403);
    expect((await manager.request('PATCH', path, { version: 1, notes: 'x' })).status).toBe(200);
  });

  it('when advocacy records or edits a defender, then 403', async () => {
    const defender = await create(researcher);
    expect((await advocacy.request('POST', '/api/defenders', defenderInput())).status).toBe(403);
    const path = `/api/defenders/${defender.id}`;
    expect((await advocacy.request('PATCH', path, { version: 1, notes: 'x' })).status).toBe(403);
  });

  it('when a write comes without the CSRF token, then 403 CSRF', async () => {
    const response = await researcher.request('POST', '/api/defenders', defenderInput(), {
      'x-csrf-token': 'forged',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorBody).error.code).toBe('CSRF');
  });
});

describe('sensitive fields', () => {
  let defender: DefenderOutput;
  beforeAll(async () => {
    defender = await create(researcher, { displayName: 'Sensitive Srey' });
  });

  function expectHidden(body: Record<string, unknown>) {
    for (const field of sensitive) expect(body, field).not.toHaveProperty(field);
    expect(body.displayName).toBe('Sensitive Srey');
  }

  it('when its creator reads it with include=sensitive, then legalName, contact and region are there', async () => {
    const { body } = await read(researcher, defender.id, { sensitive: true });
    expect(body).toMatchObject({
      legalName: 'Keo Sophal',
      contact: 'Signal +855 12 000 000',
      region: 'Koh Kong',
    });
  });

  it('when anyone reads it without include=sensitive, then the keys are absent, whatever their role', async () => {
    for (const client of [researcher, colleague, advocacy, manager, admin]) {
      expectHidden((await read(client, defender.id)).body);
    }
  });

  it('when another researcher of the country reads it, then the keys are absent, even when asked for', async () => {
    expectHidden((await read(colleague, defender.id, { sensitive: true })).body);
    const list = await colleague.get('/api/defenders?q=sensitive%20srey');
    const { items } = (await list.json()) as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(1);
    expectHidden(items[0]!);
  });

  it('when advocacy reads it, then the keys are absent, even when asked for', async () => {
    expectHidden((await read(advocacy, defender.id, { sensitive: true })).body);
  });

  it('when a manager or an admin reads it with include=sensitive, then they see them', async () => {
    for (const client of [manager, admin]) {
      expect((await read(client, defender.id, { sensitive: true })).body).toMatchObject({
        legalName: 'Keo Sophal',
      });
    }
  });

  it('when sensitive values are shown, then READ_SENSITIVE is written, and only then', async () => {
    const before = await readSensitiveCount(defender.id);
    await read(colleague, defender.id, { sensitive: true });
    await read(advocacy, defender.id, { sensitive: true });
    await read(manager, defender.id);
    await read(admin, defender.id);
    expect(await readSensitiveCount(defender.id)).toBe(before);
    await read(manager, defender.id, { sensitive: true });
    expect(await readSensitiveCount(defender.id)).toBe(before + 1);
    const [event] = await app.database.db.auditEvent.findMany({
      where: { entityId: defender.id, action: 'READ_SENSITIVE', actorId: manager.userId },
    });
    expect(event).toMatchObject({ entity: 'Defender', country: 'KH' });
  });

  it('when a defender has no sensitive values, then reading it writes nothing', async () => {
    const plain = await create(researcher, { legalName: null, contact: null, region: null });
    await read(manager, plain.id, { sensitive: true });
    await read(researcher, plain.id, { sensitive: true });
    expect(await readSensitiveCount(plain.id)).toBe(0);
  });

  it('when a defender is recorded, changed, refused as stale or restored, then no answer carries a sensitive value and no READ_SENSITIVE is written', async () => {
    const written = await create(researcher, { displayName: 'Written Srey' });
    const path = `/api/defenders/${written.id}`;
    const changed = await manager.request('PATCH', path, { version: 1, contact: 'Phone 012' });
    expect(changed.status).toBe(200);
    const stale = await manager.request('PATCH', path, { version: 1, notes: 'late' });
    expect(stale.status).toBe(409);
    await admin.request('DELETE', path);
    const restored = await admin.request('POST', `${path}/restore`);
    expect(restored.status).toBe(200);
    const current = ((await stale.json()) as ErrorBody).error.details as { current: object };
    for (const body of [written, await changed.json(), current.current, await restored.json()]) {
      for (const field of sensitive) expect(body, field).not.toHaveProperty(field);
    }
    expect(await readSensitiveCount(written.id)).toBe(0);
  });

  it('when anyone lists defenders, then no sensitive field comes and nothing is audited as read', async () => {
    const batch = await Promise.all(
      ['Listed Aa', 'Listed Ab', 'Listed Ac'].map((displayName) =>
        create(researcher, { displayName }),
      ),
    );
    const ids = batch.map((item) => item.id);
    const readSensitive = () =>
      app.database.db.auditEvent.count({
        where: { entityId: { in: ids }, action: 'READ_SENSITIVE' },
      });
    // answers to writes show no sensitive value: creating was no reading
    const before = await readSensitive();
    expect(before).toBe(0);
    for (const client of [researcher, manager, admin]) {
      const response = await client.get('/api/defenders?q=listed');
      const { items } = (await response.json()) as { items: Record<string, unknown>[] };
      expect(items).toHaveLength(3);
      for (const item of items) {
        for (const field of sensitive) expect(item, field).not.toHaveProperty(field);
      }
    }
    expect(await readSensitive()).toBe(before);
  });
});

describe('listing defenders by id', () => {
  const idsIn = async (client: Client, query: string) => {
    const response = await client.get(`/api/defenders?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const { items } = (await response.json()) as { items: DefenderOutput[] };
    return items.map((item) => item.id).sort();
  };
  const byId = (...ids: string[]) => ids.map((id) => `id=${id}`).join('&');

  it('when the defenders of an incident are asked for by id, then exactly the readable ones come, without sensitive fields', async () => {
    const [own, colleagues, inMM, other] = await Promise.all([
      create(researcher),
      create(colleague),
      create(researcherMm, { country: 'MM' }),
      create(researcher),
    ]);
    const response = await researcher.get(`/api/defenders?${byId(own.id, colleagues.id, inMM.id)}`);
    const { items } = (await response.json()) as { items: Record<string, unknown>[] };
    expect(items.map((item) => item.id).sort()).toEqual([own.id, colleagues.id].sort());
    for (const item of items) {
      for (const field of sensitive) expect(item, field).not.toHaveProperty(field);
    }
    expect(await idsIn(researcher, byId(other.id))).toEqual([other.id]);
    expect(await idsIn(admin, byId(own.id, colleagues.id, inMM.id))).toEqual(
      [own.id, colleagues.id, inMM.id].sort(),
    );
  });

  it('when a researcher asks for the id of a defender outside their countries, then nothing comes back', async () => {
    const inMM = await create(researcherMm, { country: 'MM' });
    expect(await idsIn(researcher, byId(inMM.id))).toEqual([]);
    expect(await idsIn(researcherMm, byId(inMM.id))).toEqual([inMM.id]);
  });

  it('when an asked-for defender is deleted or unknown, then it is simply absent', async () => {
    const [kept, gone] = await Promise.all([create(researcher), create(researcher)]);
    await admin.request('DELETE', `/api/defenders/${gone.id}`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await idsIn(manager, byId(kept.id, gone.id, unknown))).toEqual([kept.id]);
  });

  it('when ids are combined with other filters, then a defender must match them all', async () => {
    const [high, low] = await Promise.all([
      create(researcher, { riskLevel: 'HIGH' }),
      create(researcher, { riskLevel: 'LOW' }),
    ]);
    expect(await idsIn(manager, `${byId(high.id, low.id)}&riskLevel=LOW`)).toEqual([low.id]);
  });

  it('when an id is not a uuid or more than 50 are asked for, then 400 VALIDATION', async () => {
    for (const query of [
      'id=not-an-id',
      byId(
        ...Array.from(
          { length: 51 },
          (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ),
      ),
    ]) {
      const response = await researcher.get(`/api/defenders?${query}`);
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path: 'query.id' }));
    }
  });
});

describe('assertReadableDefenders', () => {
  it('when every defender is readable, then it passes', async () => {
    const defender = await create(colleague);
    const uses = [{ id: defender.id, path: 'body.acts.0.defenderId' }];
    await expect(
      assertReadableDefenders(app.database.db, defineAbilityFor(researcher.user), uses),
    ).resolves.toBeUndefined();
  });

  it('when ids are unknown, deleted or unreadable, then 400 lists each at its path', async () => {
    const [live, gone, hidden] = await Promise.all([
      create(researcher),
      create(researcher),
      create(researcherMm, { country: 'MM' }),
    ]);
    await admin.request('DELETE', `/api/defenders/${gone.id}`);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const uses = [live, gone, hidden, { id: unknown }].map(({ id }, index) => ({
      id,
      path: `body.defenderIds.${index}`,
    }));
    const failure = assertReadableDefenders(
      app.database.db,
      defineAbilityFor(researcher.user),
      uses,
    );
    await expect(failure).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [1, 2, 3].map((index) =>
        expect.objectContaining({ path: `body.defenderIds.${index}` }),
      ),
    });
  });
});
