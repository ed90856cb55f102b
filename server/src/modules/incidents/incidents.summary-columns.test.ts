// What lists show of an incident's acts and sources is kept on the incident by triggers
// (migration 20261203090000_list_columns). These tests hold it to what the acts and sources say,
// whoever writes them: the API, or SQL straight into the child tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentList, IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import { createDefender, incidentBody, json, postIncident } from './incidents.factories.ts';

const source = (description: string) => ({
  kind: 'WITNESS_TESTIMONY',
  reliability: 'RELIABLE',
  description,
});

describe('incident summary columns', () => {
  let app: TestApp;
  let admin: RoleClient;
  let dara: string;
  let sophea: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
    dara = (await createDefender(app, { country: 'KH', createdById: admin.userId })).id;
    sophea = (await createDefender(app, { country: 'KH', createdById: admin.userId })).id;
  });

  afterAll(async () => {
    await app?.close();
  });

  const stored = (id: string) =>
    app.database.db.incident.findUniqueOrThrow({
      where: { id },
      select: { defenderIds: true, violations: true, perpetrators: true, sourceCount: true },
    });

  // the columns as the detail derives them from the child rows themselves
  async function derived(id: string) {
    const incident = await json<IncidentOutput>(await admin.get(`/api/incidents/${id}`));
    const { defenderIds, violations, perpetrators, sources } = incident;
    return { defenderIds, violations, perpetrators, sourceCount: sources.length };
  }

  async function listed(id: string) {
    const page = await json<IncidentList>(await admin.get(`/api/incidents?id=${id}`));
    const { defenderIds, violations, perpetrators, sourceCount } = page.items[0]!;
    return { defenderIds, violations, perpetrators, sourceCount };
  }

  it('when an incident is created with acts and sources, then its columns list them in the order of the acts, once each', async () => {
    const incident = await postIncident(
      admin,
      incidentBody(dara, {
        acts: [
          { defenderId: dara, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE', 'MILITARY'] },
          {
            defenderId: sophea,
            violation: 'ARBITRARY_ARREST',
            perpetrators: ['JUDICIARY', 'POLICE'],
          },
          { defenderId: dara, violation: 'JUDICIAL_HARASSMENT', perpetrators: [] },
        ],
        sources: [source('one'), source('two'), source('three')],
      }),
    );
    const expected = {
      defenderIds: [dara, sophea],
      violations: ['ARBITRARY_ARREST', 'JUDICIAL_HARASSMENT'],
      perpetrators: ['POLICE', 'MILITARY', 'JUDICIARY'],
      sourceCount: 3,
    };
    expect(await stored(incident.id)).toEqual(expected);
    expect(await derived(incident.id)).toEqual(expected);
    expect(await listed(incident.id)).toEqual(expected);
  });

  it('when the acts and sources are edited through the API, then the columns follow', async () => {
    const incident = await postIncident(
      admin,
      incidentBody(dara, { sources: [source('one'), source('two')] }),
    );
    const response = await admin.request('PATCH', `/api/incidents/${incident.id}`, {
      version: incident.version,
      acts: [
        { defenderId: sophea, violation: 'JUDICIAL_HARASSMENT', perpetrators: ['PROSECUTION'] },
        { defenderId: dara, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] },
      ],
      sources: [source('only')],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const expected = {
      defenderIds: [sophea, dara],
      violations: ['JUDICIAL_HARASSMENT', 'ARBITRARY_ARREST'],
      perpetrators: ['PROSECUTION', 'POLICE'],
      sourceCount: 1,
    };
    expect(await stored(incident.id)).toEqual(expected);
    expect(await derived(incident.id)).toEqual(expected);
    const byViolation = await json<IncidentList>(
      await admin.get(`/api/incidents?id=${incident.id}&violation=JUDICIAL_HARASSMENT`),
    );
    expect(byViolation.items.map((item) => item.id)).toEqual([incident.id]);
    const byOldPerpetrator = await json<IncidentList>(
      await admin.get(`/api/incidents?id=${incident.id}&perpetrator=MILITARY`),
    );
    expect(byOldPerpetrator.items).toEqual([]);
  });

  it('when acts and sources are changed by SQL in the child tables, then the columns follow', async () => {
    const incident = await postIncident(
      admin,
      incidentBody(dara, {
        acts: [
          { defenderId: dara, violation: 'ARBITRARY_ARREST', perpetrators: ['POLICE'] },
          { defenderId: sophea, violation: 'JUDICIAL_HARASSMENT', perpetrators: ['JUDICIARY'] },
        ],
        sources: [source('one'), source('two')],
      }),
    );
    const db = app.database.db;
    await db.incidentAct.updateMany({
      where: { incidentId: incident.id, position: 0 },
      data: { violation: 'HOUSE_ARREST', perpetrators: ['MILITARY', 'POLICE'] },
    });
    await db.incidentAct.deleteMany({ where: { incidentId: incident.id, position: 1 } });
    await db.incidentSource.createMany({
      data: [2, 3].map((position) => ({
        incidentId: incident.id,
        position,
        kind: 'NGO_REPORT',
        reliability: 'RELIABLE' as const,
        description: `added ${position}`,
      })),
    });
    const expected = {
      defenderIds: [dara],
      violations: ['HOUSE_ARREST'],
      perpetrators: ['MILITARY', 'POLICE'],
      sourceCount: 4,
    };
    expect(await stored(incident.id)).toEqual(expected);
    expect(await derived(incident.id)).toEqual(expected);
    await db.incidentSource.deleteMany({ where: { incidentId: incident.id } });
    await db.incidentAct.deleteMany({ where: { incidentId: incident.id } });
    expect(await stored(incident.id)).toEqual({
      defenderIds: [],
      violations: [],
      perpetrators: [],
      sourceCount: 0,
    });
  });
});
