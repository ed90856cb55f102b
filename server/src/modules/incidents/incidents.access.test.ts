import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStatus } from '@vigil/shared/enums';
import type { IncidentList, IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient as Client } from '../../../../tests/support/http.ts';
import {
  auditEventsOf,
  createDefender,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from './incidents.factories.ts';

const identity = 'Witness: Chan Sokha, +855 97 000 000';

// Who reads which incident, and who sees its sources' identities.
describe('/api/incidents access', () => {
  let app: TestApp;
  let author: Client;
  let colleague: Client;
  let researcherMM: Client;
  let manager: Client;
  let managerMM: Client;
  let admin: Client;
  let advocacy: Client;
  // one KH incident by the author per status and confidentiality, and one in TH
  const incidents: Record<string, IncidentOutput> = {};

  beforeAll(async () => {
    app = await startTestApp();
    [author, colleague, researcherMM, manager, managerMM, admin, advocacy] = await Promise.all([
      clientFor(app, 'RESEARCHER', ['KH', 'TH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['MM']),
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'MANAGER', ['MM']),
      clientFor(app, 'ADMIN'),
      clientFor(app, 'ADVOCACY', ['KH']),
    ]);
    const defenderKH = (await createDefender(app, { country: 'KH', createdById: author.userId }))
      .id;
    const defenderTH = (await createDefender(app, { country: 'TH', createdById: author.userId }))
      .id;
    const sources = [
      { kind: 'WITNESS_TESTIMONY', reliability: 'RELIABLE', description: 'Interview', identity },
      { kind: 'NGO_REPORT', reliability: 'RELIABLE', description: 'Partner report' },
    ];
    for (const confidentiality of ['STANDARD', 'RESTRICTED'] as const) {
      for (const status of ['DRAFT', 'SUBMITTED', 'VERIFIED', 'ARCHIVED'] as IncidentStatus[]) {
        const created = await postIncident(
          author,
          incidentBody(defenderKH, {
            confidentiality,
            sources,
            title: `${status} ${confidentiality}`,
          }),
        );
        incidents[`${status} ${confidentiality}`] = {
          ...created,
          ...(await setStatus(app, created, status)),
        };
      }
    }
    const inTH = await postIncident(author, incidentBody(defenderTH, { country: 'TH', sources }));
    incidents['VERIFIED STANDARD TH'] = { ...inTH, ...(await setStatus(app, inTH, 'VERIFIED')) };
  });
  afterAll(() => app.close());

  async function listed(client: Client) {
    const page = await json<IncidentList>(await client.get('/api/incidents?limit=200'));
    return page.items
      .map((item) => Object.entries(incidents).find(([, incident]) => incident.id === item.id)![0])
      .sort();
  }

  async function readable(client: Client) {
    const names = [];
    for (const [name, incident] of Object.entries(incidents)) {
      const response = await client.get(`/api/incidents/${incident.id}`);
      expect([200, 404]).toContain(response.status);
      if (response.status === 200) names.push(name);
    }
    return names.sort();
  }

  const all = () => Object.keys(incidents).sort();
  const standardKH = () => all().filter((name) => name.endsWith(' STANDARD'));

  it('when advocacy reads, then only VERIFIED and ARCHIVED STANDARD incidents of its countries exist', async () => {
    const expected = ['ARCHIVED STANDARD', 'VERIFIED STANDARD'];
    expect(await listed(advocacy)).toEqual(expected);
    expect(await readable(advocacy)).toEqual(expected);
  });

  it('when a colleague reads, then RESTRICTED incidents of others do not exist for them', async () => {
    expect(await listed(colleague)).toEqual(standardKH());
    expect(await readable(colleague)).toEqual(standardKH());
  });

  it('when the author, a manager of the country or an admin reads, then RESTRICTED incidents are there', async () => {
    expect(await listed(author)).toEqual(all());
    const kh = all().filter((name) => !name.endsWith('TH'));
    expect(await listed(manager)).toEqual(kh);
    expect(await readable(manager)).toEqual(kh);
    expect(await listed(admin)).toEqual(all());
  });

  it('when people of other countries read, then nothing of KH exists for them', async () => {
    for (const client of [researcherMM, managerMM]) {
      expect(await listed(client)).toEqual([]);
      expect(await readable(client)).toEqual([]);
    }
  });

  it('when a researcher asks for the identities of a colleague’s incident, then the sources carry no identity key and no sensitive reading is logged', async () => {
    const incident = incidents['DRAFT STANDARD']!;
    for (const client of [colleague, advocacy]) {
      const target = client === advocacy ? incidents['VERIFIED STANDARD']! : incident;
      const read = await json<IncidentOutput>(
        await client.get(`/api/incidents/${target.id}?include=sensitive`),
      );
      expect(read.sources).toHaveLength(2);
      for (const source of read.sources) expect(source).not.toHaveProperty('identity');
      expect(JSON.stringify(read)).not.toContain('Chan Sokha');
      const readings = await auditEventsOf(app, target.id, 'READ_SENSITIVE');
      expect(readings.filter((event) => event.actorId === client.userId)).toEqual([]);
    }
  });

  it('when the author, a manager or an admin reads an incident without include=sensitive, then no identity is shown and nothing is audited', async () => {
    const incident = incidents['SUBMITTED RESTRICTED']!;
    const earlier = (await auditEventsOf(app, incident.id, 'READ_SENSITIVE')).length;
    for (const client of [author, manager, admin]) {
      const read = await json<IncidentOutput>(await client.get(`/api/incidents/${incident.id}`));
      expect(read.sources).toHaveLength(2);
      for (const source of read.sources) expect(source).not.toHaveProperty('identity');
      expect(JSON.stringify(read)).not.toContain('Chan Sokha');
    }
    expect(await auditEventsOf(app, incident.id, 'READ_SENSITIVE')).toHaveLength(earlier);
  });

  it('when the author or a manager reads an incident with include=sensitive, then identities are shown and each reading is audited', async () => {
    const incident = incidents['SUBMITTED RESTRICTED']!;
    const earlier = (await auditEventsOf(app, incident.id, 'READ_SENSITIVE')).length;
    for (const client of [author, manager]) {
      const read = await json<IncidentOutput>(
        await client.get(`/api/incidents/${incident.id}?include=sensitive`),
      );
      expect(read.sources.map((source) => source.identity)).toEqual([identity, null]);
    }
    const events = (await auditEventsOf(app, incident.id, 'READ_SENSITIVE')).slice(earlier);
    expect(events.map((event) => [event.actorId, event.country])).toEqual([
      [author.userId, 'KH'],
      [manager.userId, 'KH'],
    ]);
  });

  it('when anyone lists incidents, then no identity is in the list and no sensitive reading is logged', async () => {
    const before = await app.database.db.auditEvent.count({ where: { action: 'READ_SENSITIVE' } });
    for (const client of [author, manager, admin]) {
      const page = await json<IncidentList>(
        await client.get('/api/incidents?limit=200&include=details'),
      );
      for (const item of page.items) {
        expect(item.sources).toBeDefined();
        for (const source of item.sources ?? []) expect(source).not.toHaveProperty('identity');
      }
    }
    expect(await app.database.db.auditEvent.count({ where: { action: 'READ_SENSITIVE' } })).toBe(
      before,
    );
  });

  it('when a manager gets back an incident after a transition, then no identity is in it and no sensitive reading is logged', async () => {
    const incident = incidents['SUBMITTED STANDARD']!;
    const response = await manager.request('POST', `/api/incidents/${incident.id}/transition`, {
      to: 'VERIFIED',
      version: incident.version,
    });
    expect(response.status).toBe(200);
    const moved = await json<IncidentOutput>(response);
    expect(moved.sources).toHaveLength(2);
    for (const source of moved.sources) expect(source).not.toHaveProperty('identity');
    const events = await auditEventsOf(app, incident.id);
    expect(events.at(-1)).toMatchObject({ action: 'TRANSITION', actorId: manager.userId });
    expect(events.filter((event) => event.action === 'READ_SENSITIVE')).toEqual([]);
    incidents['SUBMITTED STANDARD'] = moved;
  });

  it('when a manager changes an incident, is refused as stale, or an admin restores one, then no answer carries an identity and no sensitive reading is logged', async () => {
    const incident = incidents['DRAFT RESTRICTED']!;
    const path = `/api/incidents/${incident.id}`;
    const changed = await manager.request('PATCH', path, {
      version: incident.version,
      location: 'Siem Reap',
    });
    expect(changed.status).toBe(200);
    const stale = await manager.request('PATCH', path, {
      version: incident.version,
      location: 'Kampot',
    });
    expect(stale.status).toBe(409);
    expect((await admin.request('DELETE', path)).status).toBe(204);
    const restored = await admin.request('POST', `${path}/restore`);
    expect(restored.status).toBe(200);
    const current = (await json<{ error: { details: { current: IncidentOutput } } }>(stale)).error
      .details.current;
    for (const body of [await json<IncidentOutput>(changed), current, await json(restored)]) {
      const sources = (body as IncidentOutput).sources;
      expect(sources).toHaveLength(2);
      for (const source of sources) expect(source).not.toHaveProperty('identity');
    }
    expect(await auditEventsOf(app, incident.id, 'READ_SENSITIVE')).toEqual([]);
    incidents['DRAFT RESTRICTED'] = await json<IncidentOutput>(await author.get(path));
  });

  it('when the caller has no session, then it is 401', async () => {
    const response = await fetch(`${app.url}/api/incidents`);
    expect(response.status).toBe(401);
  });
});
