import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { IncidentList, IncidentOutput } from '@vigil/shared/schemas/incidents';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { clientFor, type RoleClient as Client } from '../../../../tests/support/http.ts';
import {
  createDefender,
  errorCodeOf,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from './incidents.factories.ts';
import { incidentFiltersWhere, readableIncidents } from './index.ts';

describe('GET /api/incidents', () => {
  let app: TestApp;
  let admin: Client;
  const incidents: Record<string, IncidentOutput> = {};
  const defenders: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp();
    admin = await clientFor(app, 'ADMIN');
    for (const [name, country] of [
      ['dara', 'KH'],
      ['sophea', 'KH'],
      ['somchai', 'TH'],
      ['aung', 'MM'],
    ] as const) {
      defenders[name] = (await createDefender(app, { country, createdById: admin.userId })).id;
    }
    const act = (defender: keyof typeof defenders, violation: string, perpetrators: string[]) => ({
      defenderId: defenders[defender],
      violation,
      perpetrators,
    });
    const specs: Record<string, Parameters<typeof incidentBody>[1]> = {
      arrest: {
        country: 'KH',
        occurredOn: '2014-05-03',
        title: 'Arrest of Nguyễn Văn Đức in Phnom Penh',
        acts: [act('dara', 'ARBITRARY_ARREST', ['POLICE'])],
        verification: 'CONFIRMED',
      },
      surveillance: {
        country: 'KH',
        occurredOn: '2015-01-10',
        title: 'Surveillance of journalists',
        acts: [
          act('sophea', 'SURVEILLANCE', ['INTELLIGENCE']),
          act('dara', 'DEATH_THREAT', ['UNKNOWN']),
        ],
      },
      charges: {
        country: 'TH',
        occurredOn: '2016-07-20',
        title: 'Lèse-majesté charges against a student',
        acts: [act('somchai', 'CRIMINAL_CHARGE', ['PROSECUTION', 'POLICE'])],
        verification: 'LIKELY',
      },
      khmer: {
        country: 'TH',
        occurredOn: '2013-12-31',
        title: 'ការចាប់ខ្លួនសកម្មជន',
        acts: [act('somchai', 'ARBITRARY_ARREST', ['MILITARY'])],
      },
      raid: {
        country: 'MM',
        occurredOn: '2016-07-20',
        title: 'Raid on the 100% volunteer office',
        acts: [act('aung', 'RAID_SEARCH', ['POLICE'])],
      },
    };
    for (const [name, spec] of Object.entries(specs)) {
      incidents[name] = await postIncident(admin, incidentBody(defenders.dara!, spec));
    }
    await setStatus(app, incidents.arrest!, 'VERIFIED');
    await setStatus(app, incidents.charges!, 'SUBMITTED');
  });
  afterAll(() => app.close());

  async function list(query: string) {
    const response = await admin.get(`/api/incidents?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return json<IncidentList>(response);
  }

  const namesOf = (page: IncidentList) =>
    page.items.map(
      (item) => Object.entries(incidents).find(([, incident]) => incident.id === item.id)?.[0],
    );

  async function found(query: string) {
    return namesOf(await list(query)).sort();
  }

  it.each([
    ['country=KH', ['arrest', 'surveillance']],
    ['country=KH&country=MM', ['arrest', 'raid', 'surveillance']],
    ['violation=ARBITRARY_ARREST', ['arrest', 'khmer']],
    ['violation=DEATH_THREAT&violation=RAID_SEARCH', ['raid', 'surveillance']],
    ['perpetrator=POLICE', ['arrest', 'charges', 'raid']],
    ['perpetrator=MILITARY&perpetrator=INTELLIGENCE', ['khmer', 'surveillance']],
    ['defenderId=DARA', ['arrest', 'surveillance']],
    ['status=DRAFT', ['khmer', 'raid', 'surveillance']],
    ['status=VERIFIED&status=SUBMITTED', ['arrest', 'charges']],
    ['verification=CONFIRMED&verification=LIKELY', ['arrest', 'charges']],
    ['from=2015-01-10&to=2016-07-20', ['charges', 'raid', 'surveillance']],
    ['to=2013-12-31', ['khmer']],
    ['country=KH&violation=DEATH_THREAT', ['surveillance']],
    ['country=TH&perpetrator=POLICE&status=SUBMITTED', ['charges']],
  ])('when filtered by %s, then exactly the matching incidents come back', async (query, names) => {
    expect(await found(query.replace('DARA', defenders.dara!))).toEqual(names);
  });

  it.each([
    ['nguyen van duc', ['arrest']],
    ['NGUYỄN', ['arrest']],
    ['đức phnom', ['arrest']],
    ['phnom surveillance', []],
    ['lese MAJESTE', ['charges']],
    ['ការចាប់ខ្លួន', ['khmer']],
    ['journalists', ['surveillance']],
    ['100%', ['raid']],
    // wildcards are literal: only the title with a % in it
    ['%', ['raid']],
    ['_', []],
  ])(
    'when searched for "%s", then accents and case do not matter and every word must occur',
    async (q, names) => {
      expect(await found(`q=${encodeURIComponent(q)}`)).toEqual(names);
    },
  );

  it('when filtered by id, then exactly those incidents come back, and the caller’s ability still applies', async () => {
    const ids = [incidents.arrest!.id, incidents.raid!.id, '00000000-0000-4000-8000-000000000000'];
    const query = ids.map((id) => `id=${id}`).join('&');
    expect(await found(query)).toEqual(['arrest', 'raid']);
    expect(await found(`id=${incidents.khmer!.id}&country=KH`)).toEqual([]);
    // a researcher of Cambodia reads the Cambodian incidents only, whatever ids are asked for
    const researcher = await clientFor(app, 'RESEARCHER', ['KH']);
    const response = await researcher.get(`/api/incidents?${query}`);
    expect(response.status).toBe(200);
    expect((await json<IncidentList>(response)).items.map((item) => item.id)).toEqual([
      incidents.arrest!.id,
    ]);
  });

  it('when searched for a reference, then that incident comes back', async () => {
    const reference = incidents.arrest!.reference.toLowerCase();
    expect(await found(`q=${reference}`)).toEqual(['arrest']);
  });

  it('when the title changes, then search finds the new words and not the old ones', async () => {
    const response = await admin.request('PATCH', `/api/incidents/${incidents.raid!.id}`, {
      version: incidents.raid!.version,
      title: 'Raid on the Yangon office',
    });
    expect(response.status).toBe(200);
    incidents.raid = await json<IncidentOutput>(response);
    expect(await found('q=yangon')).toEqual(['raid']);
    expect(await found('q=volunteer')).toEqual([]);
  });

  it('when no sort is given, then the newest occurrence comes first, ties broken by id', async () => {
    const page = await list('');
    const keys = page.items.map((item) => [item.occurredOn, item.id]);
    const expected = [...keys].sort(([dateA, idA], [dateB, idB]) =>
      dateA === dateB ? idB!.localeCompare(idA!) : dateB!.localeCompare(dateA!),
    );
    expect(keys).toEqual(expected);
    expect(page.items).toHaveLength(5);
    expect(namesOf(page).at(-1)).toBe('khmer');
  });

  it('when sorted by occurredOn ascending or by updatedAt, then the order follows', async () => {
    expect(namesOf(await list('sort=occurredOn'))[0]).toBe('khmer');
    const touched = await admin.request('PATCH', `/api/incidents/${incidents.khmer!.id}`, {
      version: incidents.khmer!.version,
      location: 'Bangkok',
    });
    expect(touched.status).toBe(200);
    expect(namesOf(await list('sort=-updatedAt'))[0]).toBe('khmer');
    expect(namesOf(await list('sort=updatedAt')).at(-1)).toBe('khmer');
  });

  it.each(['-occurredOn', 'occurredOn', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt'])(
    'when paged two at a time by %s, then the pages add up to the whole list without duplicates',
    async (sort) => {
      const whole = (await list(`sort=${sort}`)).items.map((item) => item.id);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: IncidentList = await list(
          `sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(5);
    },
  );

  it.each([
    'status=LOST',
    'sort=title',
    'limit=0',
    'from=2014-13-01',
    'defenderId=not-an-id',
    'id=not-an-id',
    'colour=red',
    'cursor=bm90IGEgY3Vyc29y',
  ])('when the query has %s, then it is 400 VALIDATION', async (query) => {
    const response = await admin.get(`/api/incidents?${query}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
  });
});

// Filters of the review queue and the advocacy screens, on incidents whose history is real:
// created, submitted and returned through the API by different people.
describe('GET /api/incidents filtered by author, return and advocacy links', () => {
  let app: TestApp;
  let admin: Client;
  let manager: Client;
  let researcher: Client;
  let colleague: Client;
  let researcherMM: Client;
  let advocacy: Client;
  const incidents: Record<string, IncidentOutput> = {};

  async function move(client: Client, name: string, to: string, comment?: string) {
    const incident = incidents[name]!;
    const response = await client.request('POST', `/api/incidents/${incident.id}/transition`, {
      to,
      version: incident.version,
      ...(comment ? { comment } : {}),
    });
    expect(response.status, await response.clone().text()).toBe(200);
    incidents[name] = { ...incident, ...(await json<IncidentOutput>(response)) };
  }

  async function advocacyAction(incidentIds: string[]) {
    const response = await admin.request('POST', '/api/advocacy', {
      kind: 'STATEMENT',
      title: 'Statement on the filters',
      date: '2024-06-01',
      incidentIds,
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return json<{ id: string }>(response);
  }

  beforeAll(async () => {
    app = await startTestApp();
    [admin, manager, researcher, colleague, researcherMM, advocacy] = await Promise.all([
      clientFor(app, 'ADMIN'),
      clientFor(app, 'MANAGER', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['KH']),
      clientFor(app, 'RESEARCHER', ['MM']),
      clientFor(app, 'ADVOCACY', ['KH', 'MM']),
    ]);
    const inKH = (await createDefender(app, { country: 'KH', createdById: researcher.userId })).id;
    const inMM = (await createDefender(app, { country: 'MM', createdById: researcherMM.userId }))
      .id;
    const create = async (name: string, client: Client, body: Record<string, unknown>) => {
      incidents[name] = await postIncident(client, body);
    };
    // one at a time, so that creation order is the order of createdAt
    await create('fresh', researcher, incidentBody(inKH, { confidentiality: 'RESTRICTED' }));
    await create('returned', researcher, incidentBody(inKH));
    await create('resubmitted', researcher, incidentBody(inKH));
    await create('colleagues', colleague, incidentBody(inKH));
    await create('returnedMM', researcherMM, incidentBody(inMM, { country: 'MM' }));
    await create('verified', manager, incidentBody(inKH));
    await create('onlyDeletedLink', manager, incidentBody(inKH));

    await move(researcher, 'returned', 'SUBMITTED');
    await move(manager, 'returned', 'DRAFT', 'Please add a second source');
    await move(researcher, 'resubmitted', 'SUBMITTED');
    await move(manager, 'resubmitted', 'DRAFT', 'Which police station?');
    await move(researcher, 'resubmitted', 'SUBMITTED');
    await move(colleague, 'colleagues', 'SUBMITTED');
    await move(researcherMM, 'returnedMM', 'SUBMITTED');
    await move(admin, 'returnedMM', 'DRAFT', 'Dates do not match');
    incidents.verified = {
      ...incidents.verified!,
      ...(await setStatus(app, incidents.verified!, 'VERIFIED')),
    };

    await advocacyAction([incidents.verified!.id, incidents.returnedMM!.id]);
    const deleted = await advocacyAction([incidents.onlyDeletedLink!.id, incidents.verified!.id]);
    expect((await admin.request('DELETE', `/api/advocacy/${deleted.id}`)).status).toBe(204);
  });
  afterAll(() => app.close());

  async function found(client: Client, query: string) {
    const response = await client.get(`/api/incidents?limit=200&${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    const page = await json<IncidentList>(response);
    return page.items
      .map((item) => Object.entries(incidents).find(([, incident]) => incident.id === item.id)![0])
      .sort();
  }
  const all = () => Object.keys(incidents).sort();

  it.each<[string, () => string, string[]]>([
    ['one author', () => `createdById=${researcher.userId}`, ['fresh', 'resubmitted', 'returned']],
    [
      'two authors',
      () => `createdById=${researcher.userId}&createdById=${colleague.userId}`,
      ['colleagues', 'fresh', 'resubmitted', 'returned'],
    ],
    ['an author of nothing', () => `createdById=${advocacy.userId}`, []],
    ['returned=true', () => 'returned=true', ['returned', 'returnedMM']],
    [
      'returned=false',
      () => 'returned=false',
      ['colleagues', 'fresh', 'onlyDeletedLink', 'resubmitted', 'verified'],
    ],
    [
      'returned=true and an author',
      () => `returned=true&createdById=${researcher.userId}`,
      ['returned'],
    ],
    ['linkedToAdvocacy=true', () => 'linkedToAdvocacy=true', ['returnedMM', 'verified']],
    [
      'linkedToAdvocacy=false',
      () => 'linkedToAdvocacy=false',
      ['colleagues', 'fresh', 'onlyDeletedLink', 'resubmitted', 'returned'],
    ],
    ['linkedToAdvocacy=true and a country', () => 'linkedToAdvocacy=true&country=KH', ['verified']],
  ])(
    'when an admin filters by %s, then exactly the matching incidents come back',
    async (_case, query, names) => {
      expect(await found(admin, query())).toEqual(names);
    },
  );

  it('when a filter and its opposite are asked in turn, then together they are the whole list', async () => {
    for (const filter of ['returned', 'linkedToAdvocacy']) {
      const yes = await found(admin, `${filter}=true`);
      const no = await found(admin, `${filter}=false`);
      expect([...yes, ...no].sort()).toEqual(all());
    }
  });

  it('when a researcher filters by the author of incidents they may not read, then nothing comes back', async () => {
    expect(await found(researcher, `createdById=${researcherMM.userId}`)).toEqual([]);
    // a colleague's RESTRICTED incident stays hidden, whoever it is filtered by
    expect(await found(colleague, `createdById=${researcher.userId}`)).toEqual([
      'resubmitted',
      'returned',
    ]);
  });

  it('when callers filter by return or advocacy links, then they never get more than they may read', async () => {
    expect(await found(researcher, 'returned=true')).toEqual(['returned']);
    expect(await found(researcherMM, 'returned=true')).toEqual(['returnedMM']);
    expect(await found(researcherMM, 'returned=false')).toEqual([]);
    expect(await found(advocacy, 'returned=true')).toEqual([]);
    expect(await found(advocacy, 'returned=false')).toEqual(['verified']);
    expect(await found(researcher, 'linkedToAdvocacy=true')).toEqual(['verified']);
    expect(await found(researcherMM, 'linkedToAdvocacy=true')).toEqual(['returnedMM']);
    expect(await found(advocacy, 'linkedToAdvocacy=false')).toEqual([]);
  });

  it('when the filters are built, then the caller’s ability stays first in AND and the filters follow it', () => {
    const ability = defineAbilityFor(researcher.user);
    const filters = incidentFiltersWhere({
      createdById: [researcher.userId],
      returned: false,
      linkedToAdvocacy: true,
    });
    expect(filters).toHaveLength(3);
    const where = readableIncidents(ability, ...filters);
    expect(where.AND).toEqual([
      accessibleBy(ability, 'read').ofType('Incident'),
      { deletedAt: null },
      ...filters,
    ]);
  });

  it.each(['createdAt', '-createdAt'])(
    'when sorted by %s, then the order is that of creation, and two at a time the pages add up to it',
    async (sort) => {
      const order = ['fresh', 'returned', 'resubmitted', 'colleagues', 'returnedMM', 'verified'];
      const created = [...order, 'onlyDeletedLink'];
      const expected = sort === 'createdAt' ? created : created.reverse();
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await admin.get(
          `/api/incidents?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page: IncidentList = await json<IncidentList>(response);
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(
          ...page.items.map(
            (item) => Object.entries(incidents).find(([, i]) => i.id === item.id)![0],
          ),
        );
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(expected);
    },
  );

  it.each([
    'returned=yes',
    'returned=1',
    'returned=',
    'linkedToAdvocacy=TRUE',
    'createdById=someone',
    'sort=created',
  ])('when the query has %s, then it is 400 VALIDATION', async (query) => {
    const response = await admin.get(`/api/incidents?${query}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
  });
});
