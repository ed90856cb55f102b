import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it.each(['-occurredOn', 'occurredOn', 'updatedAt', '-updatedAt'])(
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
    'colour=red',
    'cursor=bm90IGEgY3Vyc29y',
  ])('when the query has %s, then it is 400 VALIDATION', async (query) => {
    const response = await admin.get(`/api/incidents?${query}`);
    expect(response.status).toBe(400);
    expect(await errorCodeOf(response)).toBe('VALIDATION');
  });
});
