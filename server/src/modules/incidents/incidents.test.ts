import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient as Client } from '../../../../tests/support/http.ts';
import {
  auditEventsOf,
  countRows,
  createDefender,
  errorCodeOf,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from './incidents.factories.ts';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    details?: { path: string; code: string }[] & { current?: IncidentOutput };
  };
}

describe('/api/incidents records', () => {
  let app: TestApp;
  let researcher: Client;
  let colleague: Client;
  let researcherMM: Client;
  let manager: Client;
  let admin: Client;
  let advocacy: Client;
  let defenderKH: string;
  let otherDefenderKH: string;
  let defenderMM: string;

  beforeAll(async () => {
    app = await startTestApp();
    [researcher, colleague, researcherMM, manager, admin, advocacy] = await Promise.all([
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['MM']),
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'ADMIN'),
      clientFor(app, 'ADVOCACY', ['KH']),
    ]);
    defenderKH = (await createDefender(app, { country: 'KH', createdById: researcher.userId })).id;
    otherDefenderKH = (await createDefender(app, { country: 'KH', createdById: colleague.userId }))
      .id;
    defenderMM = (await createDefender(app, { country: 'MM', createdById: researcherMM.userId }))
      .id;
  });
  afterAll(() => app.close());

  const fullBody = () =>
    incidentBody(defenderKH, {
      location: 'Phnom Penh',
      datePrecision: 'DAY',
      acts: [
        {
          defenderId: defenderKH,
          violation: 'ARBITRARY_ARREST',
          perpetrators: ['POLICE', 'MILITARY'],
          victimStatus: 'HELD_UNDER_INVESTIGATION',
          notes: 'Held at the district station',
        },
        { defenderId: otherDefenderKH, violation: 'PHYSICAL_ASSAULT', perpetrators: ['POLICE'] },
      ],
      charges: [
        {
          defenderId: defenderKH,
          law: 'Criminal Code art. 495 (incitement)',
          status: 'CHARGED',
          filedOn: '2014-05-05',
        },
      ],
      sources: [
        {
          kind: 'VICTIM_TESTIMONY',
          reliability: 'RELIABLE',
          description: 'Interview after release',
          identity: 'Sok Dara, +855 12 345 678',
        },
        { kind: 'MEDIA_REPORT', reliability: 'FAIRLY_RELIABLE', description: 'Local news' },
      ],
    });

  describe('creating', () => {
    it('when a researcher records an incident with acts, charges and sources, then it is stored whole as a DRAFT with a reference', async () => {
      const created = await postIncident(researcher, fullBody());
      expect(created).toMatchObject({
        reference: expect.stringMatching(/^KH-2014-\d{8}$/),
        status: 'DRAFT',
        verification: 'UNVERIFIED',
        confidentiality: 'STANDARD',
        occurredOn: '2014-05-03',
        location: 'Phnom Penh',
        version: 1,
        createdById: researcher.userId,
        deletedAt: null,
        defenderIds: [defenderKH, otherDefenderKH],
        violations: ['ARBITRARY_ARREST', 'PHYSICAL_ASSAULT'],
        perpetrators: ['POLICE', 'MILITARY'],
      });
      expect(created.acts).toEqual([
        {
          defenderId: defenderKH,
          violation: 'ARBITRARY_ARREST',
          perpetrators: ['POLICE', 'MILITARY'],
          victimStatus: 'HELD_UNDER_INVESTIGATION',
          notes: 'Held at the district station',
        },
        {
          defenderId: otherDefenderKH,
          violation: 'PHYSICAL_ASSAULT',
          perpetrators: ['POLICE'],
          victimStatus: null,
          notes: null,
        },
      ]);
      expect(created.charges).toEqual([
        {
          defenderId: defenderKH,
          law: 'Criminal Code art. 495 (incitement)',
          description: null,
          status: 'CHARGED',
          filedOn: '2014-05-05',
          sentence: null,
        },
      ]);
      // the answer to a write carries no identity and writes no READ_SENSITIVE
      for (const source of created.sources) expect(source).not.toHaveProperty('identity');
      expect(await auditEventsOf(app, created.id, 'READ_SENSITIVE')).toEqual([]);

      const read = await json<IncidentOutput>(await researcher.get(`/api/incidents/${created.id}`));
      expect(read).toEqual(created);
      const withSensitive = await json<IncidentOutput>(
        await researcher.get(`/api/incidents/${created.id}?include=sensitive`),
      );
      expect(withSensitive).toEqual({
        ...created,
        sources: [
          { ...created.sources[0], identity: 'Sok Dara, +855 12 345 678' },
          { ...created.sources[1], identity: null },
        ],
      });
    });

    it('when an incident is created, then a CREATE audit event with its country is written and source identities are masked', async () => {
      const created = await postIncident(researcher, fullBody());
      const [event] = await auditEventsOf(app, created.id, 'CREATE');
      expect(event).toMatchObject({ actorId: researcher.userId, country: 'KH' });
      expect(JSON.stringify(event!.changes)).not.toContain('Sok Dara');
      expect(event!.changes).toMatchObject({
        title: { from: null, to: created.title },
        sources: { to: [{ identity: '[redacted]' }, { identity: null }] },
      });
    });

    it('when the body carries a status, then it is refused: new incidents are drafts', async () => {
      const response = await researcher.request(
        'POST',
        '/api/incidents',
        incidentBody(defenderKH, { status: 'VERIFIED' }),
      );
      expect(response.status).toBe(400);
    });

    it('when advocacy or a researcher outside the country creates, then it is 403', async () => {
      const byAdvocacy = await advocacy.request('POST', '/api/incidents', incidentBody(defenderKH));
      expect(byAdvocacy.status).toBe(403);
      const elsewhere = await researcherMM.request(
        'POST',
        '/api/incidents',
        incidentBody(defenderMM, { country: 'KH' }),
      );
      expect(elsewhere.status).toBe(403);
      expect(await errorCodeOf(elsewhere)).toBe('FORBIDDEN');
    });
  });

  describe('validation', () => {
    async function problemsOf(response: Response) {
      expect(response.status).toBe(400);
      const body = await json<ErrorBody>(response);
      expect(body.error.code).toBe('VALIDATION');
      return body.error.details!.map((detail) => detail.path);
    }

    type Body = ReturnType<typeof incidentBody>;
    const withAct = (body: Body, change: Record<string, unknown>) => ({
      ...body,
      acts: [{ ...body.acts[0], ...change }],
    });

    it.each<[string, (body: Body) => Record<string, unknown>, string]>([
      ['no acts', (body) => ({ ...body, acts: [] }), 'body.acts'],
      [
        'an unknown violation',
        (body) => withAct(body, { violation: 'NOPE' }),
        'body.acts.0.violation',
      ],
      [
        'an unknown perpetrator',
        (body) => withAct(body, { perpetrators: ['POLICE', 'ALIENS'] }),
        'body.acts.0.perpetrators.1',
      ],
      [
        'a victim status from another vocabulary',
        (body) => withAct(body, { victimStatus: 'POLICE' }),
        'body.acts.0.victimStatus',
      ],
      ['a bad date', (body) => ({ ...body, occurredOn: '2014-02-30' }), 'body.occurredOn'],
      [
        'a date in the future',
        (body) => ({ ...body, occurredOn: '2999-01-01' }),
        'body.occurredOn',
      ],
      ['a field the schema does not know', (body) => ({ ...body, secret: 'x' }), 'body'],
      ['a NUL character', (body) => ({ ...body, title: 'a\u0000b' }), 'body.title'],
    ])('when the body has %s, then it is 400 naming the field', async (_case, change, path) => {
      const response = await researcher.request(
        'POST',
        '/api/incidents',
        change(incidentBody(defenderKH)),
      );
      expect(await problemsOf(response)).toContain(path);
    });

    it.each([
      ['an unknown include', 'include=identities', 'query.include'],
      ['include twice', 'include=sensitive&include=sensitive', 'query.include'],
      ['an unknown parameter', 'expand=sources', 'query'],
    ])(
      'when one incident is read with %s, then it is 400 VALIDATION',
      async (_case, query, path) => {
        const created = await postIncident(researcher, fullBody());
        const response = await researcher.get(`/api/incidents/${created.id}?${query}`);
        expect(await problemsOf(response)).toEqual([path]);
        expect(await auditEventsOf(app, created.id, 'READ_SENSITIVE')).toEqual([]);
      },
    );

    it('when an act or charge names a defender the caller cannot read, then it is 400 like an unknown one', async () => {
      const paths = await problemsOf(
        await researcher.request(
          'POST',
          '/api/incidents',
          incidentBody(defenderKH, {
            acts: [
              { defenderId: defenderKH, violation: 'ARBITRARY_ARREST' },
              { defenderId: defenderMM, violation: 'ARBITRARY_ARREST' },
            ],
            charges: [
              { defenderId: '00000000-0000-4000-8000-000000000000', law: 'x', status: 'CHARGED' },
            ],
          }),
        ),
      );
      expect(paths).toEqual(['body.acts.1.defenderId', 'body.charges.0.defenderId']);
    });

    it('when any part of a write is refused, then nothing of it is written', async () => {
      const created = await postIncident(researcher, fullBody());
      const before = await countRows(app);
      const refused = await Promise.all([
        researcher.request(
          'POST',
          '/api/incidents',
          incidentBody(defenderKH, {
            sources: [{ kind: 'GOSSIP', reliability: 'UNKNOWN', description: 'x' }],
          }),
        ),
        researcher.request(
          'POST',
          '/api/incidents',
          incidentBody(defenderKH, {
            acts: [
              { defenderId: defenderKH, violation: 'ARBITRARY_ARREST' },
              { defenderId: defenderMM, violation: 'ARBITRARY_ARREST' },
            ],
          }),
        ),
        researcher.request('PATCH', `/api/incidents/${created.id}`, {
          version: 1,
          title: 'Changed',
          acts: [{ defenderId: defenderMM, violation: 'ARBITRARY_ARREST' }],
        }),
        researcher.request('PATCH', `/api/incidents/${created.id}`, {
          version: 1,
          charges: [{ defenderId: defenderKH, law: 'x', status: 'NOT_A_STATUS' }],
        }),
      ]);
      expect(refused.map((response) => response.status)).toEqual([400, 400, 400, 400]);
      expect(await countRows(app)).toEqual(before);
      const unchanged = await json<IncidentOutput>(
        await researcher.get(`/api/incidents/${created.id}`),
      );
      expect(unchanged).toEqual(created);
    });

    it('when a code is retired, then new uses are refused but an incident that had it stays editable', async () => {
      const created = await postIncident(
        researcher,
        incidentBody(defenderKH, {
          acts: [{ defenderId: defenderKH, violation: 'STALKING' }],
        }),
      );
      await app.database.db.vocabularyTerm.update({
        where: { vocabulary_code: { vocabulary: 'violations', code: 'STALKING' } },
        data: { retiredAt: new Date() },
      });
      const fresh = await researcher.request(
        'POST',
        '/api/incidents',
        incidentBody(defenderKH, { acts: [{ defenderId: defenderKH, violation: 'STALKING' }] }),
      );
      expect(await problemsOf(fresh)).toEqual(['body.acts.0.violation']);
      const kept = await researcher.request('PATCH', `/api/incidents/${created.id}`, {
        version: 1,
        acts: [{ defenderId: defenderKH, violation: 'STALKING', notes: 'more detail' }],
      });
      expect(kept.status).toBe(200);
    });
  });

  describe('updating', () => {
    it('when the author edits a draft, then lists given replace the old ones and the others stay', async () => {
      const created = await postIncident(researcher, fullBody());
      const response = await researcher.request('PATCH', `/api/incidents/${created.id}`, {
        version: 1,
        title: 'Arrest and assault of two land activists',
        location: null,
        acts: [
          { defenderId: otherDefenderKH, violation: 'DEATH_THREAT', perpetrators: ['UNKNOWN'] },
        ],
      });
      expect(response.status).toBe(200);
      const updated = await json<IncidentOutput>(response);
      expect(updated).toMatchObject({
        title: 'Arrest and assault of two land activists',
        location: null,
        version: 2,
        reference: created.reference,
        defenderIds: [otherDefenderKH],
        violations: ['DEATH_THREAT'],
        perpetrators: ['UNKNOWN'],
        charges: created.charges,
        sources: created.sources,
      });
      const [event] = await auditEventsOf(app, created.id, 'UPDATE');
      expect(event).toMatchObject({ actorId: researcher.userId, country: 'KH' });
      expect(Object.keys(event!.changes as object).sort()).toEqual(['acts', 'location', 'title']);
    });

    it('when the version is stale, then it is 409 CONFLICT with the current incident', async () => {
      const created = await postIncident(researcher, fullBody());
      await researcher.request('PATCH', `/api/incidents/${created.id}`, {
        version: 1,
        title: 'First',
      });
      const response = await researcher.request('PATCH', `/api/incidents/${created.id}`, {
        version: 1,
        title: 'Second',
      });
      expect(response.status).toBe(409);
      const body = await json<ErrorBody>(response);
      expect(body.error.code).toBe('CONFLICT');
      expect(body.error.details?.current).toMatchObject({ title: 'First', version: 2 });
    });

    it('when two people save the same version at once, then one wins, the other gets 409, and one UPDATE is audited', async () => {
      const created = await postIncident(manager, incidentBody(defenderKH));
      const responses = await Promise.all(
        ['Mine', 'Yours'].map((title) =>
          manager.request('PATCH', `/api/incidents/${created.id}`, {
            version: 1,
            title,
            acts: [{ defenderId: defenderKH, violation: 'TRAVEL_BAN', notes: title }],
          }),
        ),
      );
      expect(responses.map((response) => response.status).sort()).toEqual([200, 409]);
      expect(await auditEventsOf(app, created.id, 'UPDATE')).toHaveLength(1);
      expect(await app.database.db.incidentAct.count({ where: { incidentId: created.id } })).toBe(
        1,
      );
    });

    it('when a researcher edits a colleague’s draft or their own submitted one, then it is 403', async () => {
      const colleagues = await postIncident(colleague, incidentBody(otherDefenderKH));
      const others = await researcher.request('PATCH', `/api/incidents/${colleagues.id}`, {
        version: 1,
        title: 'x',
      });
      expect(others.status).toBe(403);
      const own = await setStatus(
        app,
        await postIncident(researcher, incidentBody(defenderKH)),
        'SUBMITTED',
      );
      const submitted = await researcher.request('PATCH', `/api/incidents/${own.id}`, {
        version: own.version,
        title: 'x',
      });
      expect(submitted.status).toBe(403);
    });

    it('when someone moves an incident to a country outside their own, then it is 403 and nothing changes', async () => {
      const created = await postIncident(researcher, incidentBody(defenderKH));
      for (const client of [researcher, manager]) {
        const response = await client.request('PATCH', `/api/incidents/${created.id}`, {
          version: 1,
          country: 'MM',
        });
        expect(response.status).toBe(403);
      }
      const read = await json<IncidentOutput>(await manager.get(`/api/incidents/${created.id}`));
      expect(read).toMatchObject({ country: 'KH', version: 1 });
    });

    it('when a manager edits a submitted incident of their country, then it is saved; a researcher elsewhere gets 404', async () => {
      const created = await setStatus(
        app,
        await postIncident(researcher, incidentBody(defenderKH)),
        'SUBMITTED',
      );
      const elsewhere = await researcherMM.request('PATCH', `/api/incidents/${created.id}`, {
        version: created.version,
        title: 'x',
      });
      expect(elsewhere.status).toBe(404);
      const response = await manager.request('PATCH', `/api/incidents/${created.id}`, {
        version: created.version,
        verification: 'LIKELY',
      });
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ verification: 'LIKELY', status: 'SUBMITTED' });
    });
    it('when an edit would leave a verified incident with fewer than two sources, then it is 400', async () => {
      const created = await setStatus(app, await postIncident(researcher, fullBody()), 'VERIFIED');
      const [first] = fullBody().sources!;
      const response = await manager.request('PATCH', `/api/incidents/${created.id}`, {
        version: created.version,
        sources: [first],
      });
      expect(response.status).toBe(400);
      const body = await json<ErrorBody>(response);
      expect(body.error.details!.map((detail) => detail.path)).toEqual(['body.sources']);
      const replaced = await manager.request('PATCH', `/api/incidents/${created.id}`, {
        version: created.version,
        sources: [first, { kind: 'COURT_RECORD', reliability: 'RELIABLE', description: 'Verdict' }],
      });
      expect(replaced.status).toBe(200);
    });
  });

  describe('deleting and restoring', () => {
    it('when a researcher or advocacy officer deletes, then it is 403 where they can read and 404 where not', async () => {
      const draft = await postIncident(researcher, incidentBody(defenderKH));
      expect((await researcher.request('DELETE', `/api/incidents/${draft.id}`)).status).toBe(403);
      expect((await advocacy.request('DELETE', `/api/incidents/${draft.id}`)).status).toBe(404);
      await setStatus(app, draft, 'VERIFIED');
      expect((await advocacy.request('DELETE', `/api/incidents/${draft.id}`)).status).toBe(403);
    });

    it('when a manager deletes, then it is hidden from everyone but admins, who can restore it', async () => {
      const created = await postIncident(
        researcher,
        incidentBody(defenderKH, { title: 'Soon deleted' }),
      );
      const deleted = await manager.request('DELETE', `/api/incidents/${created.id}`);
      expect(deleted.status).toBe(204);
      expect((await manager.request('DELETE', `/api/incidents/${created.id}`)).status).toBe(404);
      for (const client of [researcher, manager]) {
        expect((await client.get(`/api/incidents/${created.id}`)).status).toBe(404);
        const list = await json<{ items: IncidentOutput[] }>(
          await client.get('/api/incidents?q=soon+deleted'),
        );
        expect(list.items).toEqual([]);
      }
      const seenByAdmin = await json<IncidentOutput>(
        await admin.get(`/api/incidents/${created.id}`),
      );
      expect(seenByAdmin.deletedAt).not.toBeNull();
      expect(
        (await admin.request('PATCH', `/api/incidents/${created.id}`, { version: 2, title: 'x' }))
          .status,
      ).toBe(404);

      expect((await manager.request('POST', `/api/incidents/${created.id}/restore`)).status).toBe(
        404,
      );
      const restored = await admin.request('POST', `/api/incidents/${created.id}/restore`);
      expect(restored.status).toBe(200);
      expect(await json(restored)).toMatchObject({ deletedAt: null, version: 3 });
      expect((await researcher.get(`/api/incidents/${created.id}`)).status).toBe(200);

      const events = await auditEventsOf(app, created.id);
      expect(events.map((event) => event.action)).toEqual(['CREATE', 'DELETE', 'UPDATE']);
      expect(events[1]).toMatchObject({ actorId: manager.userId, country: 'KH' });
    });

    it('when a manager restores a live incident, then it is 403; an admin gets it back unchanged', async () => {
      const created = await postIncident(researcher, incidentBody(defenderKH));
      const path = `/api/incidents/${created.id}/restore`;
      expect((await manager.request('POST', path)).status).toBe(403);
      const response = await admin.request('POST', path);
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ version: 1, deletedAt: null });
    });
  });

  describe('references', () => {
    const numberOf = (reference: string) => Number(reference.split('-')[2]);

    it('when twenty incidents of one country and year are created at once, then each gets a reference of its own, none next to another', async () => {
      const defenderTH = (await createDefender(app, { country: 'TH', createdById: admin.userId }))
        .id;
      const created = await Promise.all(
        Array.from({ length: 20 }, () =>
          postIncident(
            admin,
            incidentBody(defenderTH, { country: 'TH', occurredOn: '2020-06-01' }),
          ),
        ),
      );
      const references = created.map((incident) => incident.reference);
      for (const reference of references) expect(reference).toMatch(/^TH-2020-\d{8}$/);
      expect(new Set(references).size).toBe(20);
      const numbers = references.map(numberOf).sort((a, b) => a - b);
      const gaps = numbers.slice(1).map((number, i) => number - numbers[i]!);
      expect(Math.min(...gaps)).toBeGreaterThan(1);
    });

    it('when a manager creates a restricted incident between two of a researcher’s, then the researcher’s references do not show it', async () => {
      const body = (title: string, confidentiality: 'STANDARD' | 'RESTRICTED') =>
        incidentBody(defenderKH, {
          country: 'KH',
          occurredOn: '2009-03-01',
          title,
          confidentiality,
        });
      const first = await postIncident(researcher, body('Arrest at the dam', 'STANDARD'));
      const hidden = await postIncident(manager, body('Informant at risk', 'RESTRICTED'));
      const second = await postIncident(researcher, body('Second arrest at the dam', 'STANDARD'));

      const seen = await json<{ items: IncidentOutput[] }>(
        await researcher.get('/api/incidents?country=KH&from=2009-01-01&to=2009-12-31'),
      );
      expect(seen.items.map((incident) => incident.reference).sort()).toEqual(
        [first.reference, second.reference].sort(),
      );
      expect(hidden.reference).toMatch(/^KH-2009-\d{8}$/);
      // a sequence would have made them 0001 and 0003: the gap would betray the hidden one
      expect(Math.abs(numberOf(second.reference) - numberOf(first.reference))).toBeGreaterThan(2);
    });
  });
});
