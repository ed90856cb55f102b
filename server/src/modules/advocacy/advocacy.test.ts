import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvocacyList, AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import { searchTextOf } from '@vigil/shared/search';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, clientFor, type Client } from '../../../../tests/support/http.ts';

type Body = Record<string, unknown>;

const json = async <T = Body>(response: Response) => (await response.json()) as T;
const errorOf = async (response: Response) =>
  (await json<{ error: { code: string; details?: unknown } }>(response)).error;

describe('/api/advocacy', () => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let officer: Client;
  let officerKh: Client;
  let researcherKh: Client;
  let counter = 0;
  // incidents and defenders straight in the database, in the states the rules look at
  const cases = {} as Record<
    'verifiedKh' | 'verifiedMm' | 'draftKh' | 'restrictedKh' | 'defenderKh' | 'defenderMm',
    string
  >;

  async function incident(
    country: string,
    status: 'DRAFT' | 'VERIFIED',
    confidentiality: 'STANDARD' | 'RESTRICTED' = 'STANDARD',
  ) {
    counter += 1;
    const row = await app.database.db.incident.create({
      data: {
        reference: `${country}-2020-${String(counter).padStart(4, '0')}`,
        title: `Incident ${counter}`,
        summary: 'Arrest at a protest',
        occurredOn: new Date('2020-01-01'),
        country,
        status,
        confidentiality,
        createdById: admin.userId,
      },
      select: { id: true },
    });
    return row.id;
  }

  async function defender(country: string) {
    counter += 1;
    const displayName = `Defender ${counter}`;
    const row = await app.database.db.defender.create({
      data: {
        displayName,
        country,
        createdById: admin.userId,
        searchText: searchTextOf([displayName]),
      },
      select: { id: true },
    });
    return row.id;
  }

  function body(fields: Body = {}): Body {
    counter += 1;
    return {
      kind: 'STATEMENT',
      title: `Statement on the arrests ${counter}`,
      date: '2024-06-01',
      ...fields,
    };
  }

  async function post(client: Client, fields: Body = {}) {
    const response = await client.request('POST', '/api/advocacy', body(fields));
    expect(response.status, await response.clone().text()).toBe(201);
    return json<AdvocacyOutput>(response);
  }

  const auditOf = (id: string) =>
    app.database.db.auditEvent.findMany({
      where: { entity: 'AdvocacyAction', entityId: id },
      orderBy: { at: 'asc' },
    });

  beforeAll(async () => {
    app = await startTestApp();
    [admin, manager, officer, officerKh, researcherKh] = await Promise.all([
      clientFor(app, 'ADMIN'),
      clientFor(app, 'MANAGER'),
      clientFor(app, 'ADVOCACY'),
      clientFor(app, 'ADVOCACY', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
    ]);
    cases.verifiedKh = await incident('KH', 'VERIFIED');
    cases.verifiedMm = await incident('MM', 'VERIFIED');
    cases.draftKh = await incident('KH', 'DRAFT');
    cases.restrictedKh = await incident('KH', 'VERIFIED', 'RESTRICTED');
    cases.defenderKh = await defender('KH');
    cases.defenderMm = await defender('MM');
  });
  afterAll(() => app.close());

  describe('POST', () => {
    it('when an advocacy officer records an action, then it comes back whole and is audited', async () => {
      const response = await officer.request('POST', '/api/advocacy', {
        kind: 'UN_SUBMISSION',
        title: 'Submission to the Special Rapporteur',
        date: '2024-03-15',
        venue: 'Geneva',
        notes: 'Joint with partners',
        incidentIds: [cases.verifiedKh],
        defenderIds: [cases.defenderKh],
      });
      expect(response.status).toBe(201);
      const created = await json<AdvocacyOutput>(response);
      expect(created).toEqual({
        id: expect.any(String),
        kind: 'UN_SUBMISSION',
        title: 'Submission to the Special Rapporteur',
        date: '2024-03-15',
        venue: 'Geneva',
        status: 'PLANNED',
        incidentIds: [cases.verifiedKh],
        defenderIds: [cases.defenderKh],
        notes: 'Joint with partners',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        createdById: officer.userId,
      });
      expect(await json(await officer.get(`/api/advocacy/${created.id}`))).toEqual(created);
      const [event, ...others] = await auditOf(created.id);
      expect(others).toHaveLength(0);
      expect(event).toMatchObject({ action: 'CREATE', actorId: officer.userId, country: null });
      expect(event?.changes).toMatchObject({
        title: { from: null, to: 'Submission to the Special Rapporteur' },
        incidentIds: { from: null, to: [cases.verifiedKh] },
      });
    });

    it('when an admin records an action, then it is 201', async () => {
      expect((await admin.request('POST', '/api/advocacy', body())).status).toBe(201);
    });

    it.each([
      ['RESEARCHER', () => researcherKh],
      ['MANAGER', () => manager],
    ])('when a %s records an action, then it is 403', async (_role, client) => {
      const response = await client().request('POST', '/api/advocacy', body());
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN');
    });

    it('when a linked incident is one the caller may not read, then it is 400 and nothing is written', async () => {
      const before = await app.database.db.advocacyAction.count();
      const response = await officer.request(
        'POST',
        '/api/advocacy',
        body({ incidentIds: [cases.verifiedKh, cases.draftKh, cases.restrictedKh] }),
      );
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toEqual([
        { path: 'body.incidentIds.1', code: 'unknown_incident', message: 'No such incident' },
        { path: 'body.incidentIds.2', code: 'unknown_incident', message: 'No such incident' },
      ]);
      expect(await app.database.db.advocacyAction.count()).toBe(before);
    });

    it('when a linked defender is out of the caller’s countries or unknown, then it is 400', async () => {
      const response = await officerKh.request(
        'POST',
        '/api/advocacy',
        body({ defenderIds: [cases.defenderKh, cases.defenderMm, crypto.randomUUID()] }),
      );
      expect(response.status).toBe(400);
      const paths = ((await errorOf(response)).details as { path: string }[]).map((d) => d.path);
      expect(paths).toEqual(['body.defenderIds.1', 'body.defenderIds.2']);
    });

    it.each([
      ['an unknown field', { colour: 'red' }, 'body'],
      ['an unknown kind', { kind: 'PETITION' }, 'body.kind'],
      ['a bad date', { date: '2024-13-01' }, 'body.date'],
      ['a malformed id', { defenderIds: ['KH-2020-0001'] }, 'body.defenderIds.0'],
      ['an empty title', { title: '   ' }, 'body.title'],
    ])('when the body has %s, then it is 400 VALIDATION', async (_case, fields, path) => {
      const response = await officer.request('POST', '/api/advocacy', body(fields));
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('VALIDATION');
      expect(error.details).toContainEqual(expect.objectContaining({ path }));
    });

    it('when a list names the same incident twice, then it is 400 VALIDATION', async () => {
      const response = await officer.request(
        'POST',
        '/api/advocacy',
        body({ incidentIds: [cases.verifiedKh, cases.verifiedKh] }),
      );
      expect(response.status).toBe(400);
      expect((await errorOf(response)).details).toContainEqual(
        expect.objectContaining({ path: 'body.incidentIds', message: 'Lists an id twice' }),
      );
    });

    it('when nobody is signed in, then it is 401', async () => {
      expect((await anonymous(app)('POST', '/api/advocacy', body())).status).toBe(401);
    });
  });

  describe('linked records', () => {
    let action: AdvocacyOutput;
    beforeAll(async () => {
      action = await post(admin, {
        incidentIds: [cases.verifiedKh, cases.verifiedMm, cases.draftKh, cases.restrictedKh],
        defenderIds: [cases.defenderKh, cases.defenderMm],
      });
    });

    const sorted = (...ids: string[]) => [...ids].sort();

    it('when an admin reads it, then every link is listed', async () => {
      const read = await json<AdvocacyOutput>(await admin.get(`/api/advocacy/${action.id}`));
      expect(read.incidentIds).toEqual(
        sorted(cases.verifiedKh, cases.verifiedMm, cases.draftKh, cases.restrictedKh),
      );
      expect(read.defenderIds).toEqual(sorted(cases.defenderKh, cases.defenderMm));
    });

    it('when an advocacy officer reads it, then draft and restricted incidents are left out', async () => {
      const read = await json<AdvocacyOutput>(await officer.get(`/api/advocacy/${action.id}`));
      expect(read.incidentIds).toEqual(sorted(cases.verifiedKh, cases.verifiedMm));
    });

    it('when a KH officer reads it, in a list too, then only KH records they may read are listed', async () => {
      const read = await json<AdvocacyOutput>(await officerKh.get(`/api/advocacy/${action.id}`));
      expect(read.incidentIds).toEqual([cases.verifiedKh]);
      expect(read.defenderIds).toEqual([cases.defenderKh]);
      const list = await json<AdvocacyList>(
        await officerKh.get(`/api/advocacy?q=${encodeURIComponent(action.title)}`),
      );
      expect(list.items).toEqual([read]);
    });

    it('when a KH researcher reads it, then they see KH records incl. drafts but not others’ restricted ones', async () => {
      const read = await json<AdvocacyOutput>(await researcherKh.get(`/api/advocacy/${action.id}`));
      expect(read.incidentIds).toEqual(sorted(cases.verifiedKh, cases.draftKh));
      expect(read.defenderIds).toEqual([cases.defenderKh]);
    });

    it('when a KH officer filters by an MM incident linked to it, then the action is not confirmed', async () => {
      const hidden = await json<AdvocacyList>(
        await officerKh.get(`/api/advocacy?incidentId=${cases.verifiedMm}`),
      );
      expect(hidden.items).toEqual([]);
      const seen = await json<AdvocacyList>(
        await officer.get(`/api/advocacy?incidentId=${cases.verifiedMm}`),
      );
      expect(seen.items.map((item) => item.id)).toContain(action.id);
    });

    it('when a KH officer replaces the links, then links hidden from them are kept', async () => {
      const own = await post(officer, {
        incidentIds: [cases.verifiedKh, cases.verifiedMm],
        defenderIds: [cases.defenderKh, cases.defenderMm],
      });
      const response = await officerKh.request('PATCH', `/api/advocacy/${own.id}`, {
        version: own.version,
        incidentIds: [],
        defenderIds: [],
      });
      expect(response.status).toBe(200);
      const updated = await json<AdvocacyOutput>(response);
      expect(updated.incidentIds).toEqual([]);
      expect(updated.defenderIds).toEqual([]);
      const whole = await json<AdvocacyOutput>(await admin.get(`/api/advocacy/${own.id}`));
      expect(whole.incidentIds).toEqual([cases.verifiedMm]);
      expect(whole.defenderIds).toEqual([cases.defenderMm]);
      const update = (await auditOf(own.id)).find((event) => event.action === 'UPDATE');
      expect(update?.changes).toEqual({
        incidentIds: { from: sorted(cases.verifiedKh, cases.verifiedMm), to: [cases.verifiedMm] },
        defenderIds: {
          from: sorted(cases.defenderKh, cases.defenderMm),
          to: [cases.defenderMm],
        },
      });
    });

    it('when a linked incident is deleted, then it drops out of the links', async () => {
      const gone = await incident('KH', 'VERIFIED');
      const linked = await post(officer, { incidentIds: [gone, cases.verifiedKh] });
      await app.database.db.incident.update({
        where: { id: gone },
        data: { deletedAt: new Date() },
      });
      const read = await json<AdvocacyOutput>(await admin.get(`/api/advocacy/${linked.id}`));
      expect(read.incidentIds).toEqual([cases.verifiedKh]);
    });
  });

  describe('GET /:id', () => {
    it('when the id is unknown, then it is 404; when it is not an id, then 400', async () => {
      expect((await officer.get(`/api/advocacy/${crypto.randomUUID()}`)).status).toBe(404);
      expect((await officer.get('/api/advocacy/not-an-id')).status).toBe(400);
    });
  });

  describe('PATCH /:id', () => {
    it('when the officer changes fields, then the version moves and the change is audited', async () => {
      const action = await post(officer, { venue: 'Bangkok' });
      const response = await officer.request('PATCH', `/api/advocacy/${action.id}`, {
        version: 1,
        status: 'PUBLISHED',
        date: '2024-07-02',
        venue: null,
        incidentIds: [cases.verifiedKh],
      });
      expect(response.status).toBe(200);
      const updated = await json<AdvocacyOutput>(response);
      expect(updated).toMatchObject({
        status: 'PUBLISHED',
        date: '2024-07-02',
        venue: null,
        incidentIds: [cases.verifiedKh],
        version: 2,
      });
      const update = (await auditOf(action.id)).find((event) => event.action === 'UPDATE');
      expect(update?.changes).toEqual({
        status: { from: 'PLANNED', to: 'PUBLISHED' },
        date: { from: '2024-06-01', to: '2024-07-02' },
        venue: { from: 'Bangkok', to: null },
        incidentIds: { from: [], to: [cases.verifiedKh] },
      });
    });

    it('when a manager updates an action, then it is 200; when a researcher does, then 403', async () => {
      const action = await post(officer);
      const byManager = await manager.request('PATCH', `/api/advocacy/${action.id}`, {
        version: 1,
        title: 'Renamed by the manager',
      });
      expect(byManager.status).toBe(200);
      const byResearcher = await researcherKh.request('PATCH', `/api/advocacy/${action.id}`, {
        version: 2,
        title: 'Renamed by the researcher',
      });
      expect(byResearcher.status).toBe(403);
    });

    it('when the version is stale, then it is 409 CONFLICT with the current action', async () => {
      const action = await post(officer);
      await officer.request('PATCH', `/api/advocacy/${action.id}`, { version: 1, title: 'First' });
      const response = await officer.request('PATCH', `/api/advocacy/${action.id}`, {
        version: 1,
        title: 'Second',
      });
      expect(response.status).toBe(409);
      const error = await errorOf(response);
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toMatchObject({ current: { title: 'First', version: 2 } });
    });

    it('when two saves race with the same version, then one wins and one update is audited', async () => {
      const action = await post(officer);
      const responses = await Promise.all(
        ['One', 'Two'].map((title) =>
          officer.request('PATCH', `/api/advocacy/${action.id}`, { version: 1, title }),
        ),
      );
      expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
      const updates = (await auditOf(action.id)).filter((event) => event.action === 'UPDATE');
      expect(updates).toHaveLength(1);
    });

    it('when the body lacks version or links an unreadable incident, then it is 400', async () => {
      const action = await post(officer);
      const noVersion = await officer.request('PATCH', `/api/advocacy/${action.id}`, {
        title: 'x',
      });
      expect(noVersion.status).toBe(400);
      const unreadable = await officer.request('PATCH', `/api/advocacy/${action.id}`, {
        version: 1,
        incidentIds: [cases.draftKh],
      });
      expect(unreadable.status).toBe(400);
      const read = await json<AdvocacyOutput>(await officer.get(`/api/advocacy/${action.id}`));
      expect(read.version).toBe(1);
    });
  });

  describe('DELETE /:id and restore', () => {
    it('when an officer deletes their own action, then it is gone from reads and lists, and audited', async () => {
      const action = await post(officer);
      expect((await officer.request('DELETE', `/api/advocacy/${action.id}`)).status).toBe(204);
      expect((await officer.get(`/api/advocacy/${action.id}`)).status).toBe(404);
      expect((await admin.get(`/api/advocacy/${action.id}`)).status).toBe(404);
      const list = await json<AdvocacyList>(
        await admin.get(`/api/advocacy?q=${encodeURIComponent(action.title)}`),
      );
      expect(list.items).toEqual([]);
      expect((await auditOf(action.id)).map((event) => event.action)).toEqual(['CREATE', 'DELETE']);
      const row = await app.database.db.advocacyAction.findUnique({ where: { id: action.id } });
      expect(row?.deletedAt).toBeInstanceOf(Date);
    });

    it.each([
      ['another officer', 403, () => officerKh],
      ['a manager', 403, () => manager],
      ['a researcher', 403, () => researcherKh],
      ['an admin', 204, () => admin],
    ])('when %s deletes an officer’s action, then it is %i', async (_who, status, client) => {
      const action = await post(officer);
      const response = await client().request('DELETE', `/api/advocacy/${action.id}`);
      expect(response.status).toBe(status);
    });

    it('when an admin restores a deleted action, then it is back and the restore is audited', async () => {
      const action = await post(officer);
      await officer.request('DELETE', `/api/advocacy/${action.id}`);
      expect((await officer.request('POST', `/api/advocacy/${action.id}/restore`)).status).toBe(
        404,
      );
      const response = await admin.request('POST', `/api/advocacy/${action.id}/restore`);
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ id: action.id, version: 3 });
      expect((await officer.get(`/api/advocacy/${action.id}`)).status).toBe(200);
      expect((await auditOf(action.id)).map((event) => event.action)).toEqual([
        'CREATE',
        'DELETE',
        'UPDATE',
      ]);
    });

    it('when a non-admin restores an action that is not deleted, then it is 403', async () => {
      const action = await post(officer);
      const response = await officer.request('POST', `/api/advocacy/${action.id}/restore`);
      expect(response.status).toBe(403);
    });
  });

  describe('GET list', () => {
    const tag = 'Listtag';
    let actions: AdvocacyOutput[];
    beforeAll(async () => {
      actions = [];
      for (const [index, fields] of [
        { kind: 'STATEMENT', status: 'PUBLISHED', date: '2023-01-10' },
        { kind: 'JOINT_LETTER', status: 'DRAFT', date: '2023-02-10' },
        { kind: 'UN_SUBMISSION', status: 'DONE', date: '2023-03-10' },
        { kind: 'STATEMENT', status: 'PLANNED', date: '2023-04-10', defenderIds: [] },
        { kind: 'MEDIA', status: 'DONE', date: '2023-04-10' },
      ].entries()) {
        actions.push(
          await post(officer, {
            ...fields,
            title: `${tag} action ${index}`,
            ...(index === 2 && { defenderIds: [cases.defenderKh] }),
          }),
        );
      }
    });

    const titles = async (client: Client, query: string) => {
      const response = await client.get(`/api/advocacy?q=${tag}${query}`);
      expect(response.status).toBe(200);
      return (await json<AdvocacyList>(response)).items.map((item) => item.title.slice(-1));
    };

    it('when listed without sort, then the latest date comes first, ties by id', async () => {
      const order = await titles(researcherKh, '');
      expect(order.slice(2)).toEqual(['2', '1', '0']);
      expect(order.slice(0, 2).sort()).toEqual(['3', '4']);
    });

    it('when sorted by date ascending, then the earliest comes first', async () => {
      expect((await titles(manager, '&sort=date')).slice(0, 3)).toEqual(['0', '1', '2']);
    });

    it.each([
      ['kind (repeated = OR)', '&kind=STATEMENT&kind=MEDIA', ['0', '3', '4']],
      ['status', '&status=DONE', ['2', '4']],
      ['from and to', '&from=2023-02-10&to=2023-03-10', ['1', '2']],
    ])('when filtered by %s, then only matches come back', async (_name, query, expected) => {
      expect((await titles(manager, query)).sort()).toEqual(expected);
    });

    it('when q has several words in another case, then titles with all of them come back', async () => {
      const response = await manager.get(`/api/advocacy?q=${tag.toUpperCase()}%20action%201`);
      const items = (await json<AdvocacyList>(response)).items;
      expect(items.map((item) => item.title)).toEqual([`${tag} action 1`]);
    });

    it('when filtered by defender, then actions linked to them come back', async () => {
      expect(await titles(officer, `&defenderId=${cases.defenderKh}`)).toEqual(['2']);
    });

    it('when walked page by page, then every action comes once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page: AdvocacyList = await json<AdvocacyList>(
          await officer.get(`/api/advocacy?q=${tag}&limit=2&sort=-updatedAt${suffix}`),
        );
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(actions.map((action) => action.id).sort());
    });

    it('when the query has an unknown parameter or sort, then it is 400', async () => {
      expect((await officer.get('/api/advocacy?colour=red')).status).toBe(400);
      expect((await officer.get('/api/advocacy?sort=title')).status).toBe(400);
    });
  });
});
