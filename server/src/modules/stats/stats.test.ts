import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import type { Role } from '@vigil/shared/enums';
import type { IncidentList } from '@vigil/shared/schemas/incidents';
import {
  incidentGroupings,
  type IncidentGrouping,
  type IncidentStatsOutput,
  type StatsBucket,
} from '@vigil/shared/schemas/stats';
import type { Gender } from '../../../../prisma/generated/client.ts';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { anonymous, clientFor, type RoleClient } from '../../../../tests/support/http.ts';
import { asSubject } from '../../http/subject.ts';
import {
  errorCodeOf,
  incidentBody,
  json,
  postIncident,
  setStatus,
} from '../incidents/incidents.factories.ts';

type Caller = 'researcher' | 'researcherMM' | 'advocacy' | 'manager' | 'admin';

describe('GET /api/stats/incidents', () => {
  let app: TestApp;
  let clients: Record<Caller | 'colleague', RoleClient>;
  const people: Record<Caller | 'colleague', [Role, string[]]> = {
    researcher: ['RESEARCHER', ['KH']],
    colleague: ['RESEARCHER', ['KH']],
    researcherMM: ['RESEARCHER', ['MM']],
    advocacy: ['ADVOCACY', ['KH']],
    manager: ['MANAGER', ['KH']],
    admin: ['ADMIN', []],
  };
  const callers: Caller[] = ['researcher', 'researcherMM', 'advocacy', 'manager', 'admin'];
  const defenders: Record<string, string> = {};
  const incidents: Record<string, string> = {};

  async function makeDefender(name: string, country: string, gender: Gender, sectors: string[]) {
    const row = await app.database.db.defender.create({
      data: {
        displayName: name,
        country,
        gender,
        sectors,
        createdById: clients.admin.userId,
      },
    });
    defenders[name] = row.id;
  }

  const act = (defender: string, violation: string, perpetrators: string[] = []) => ({
    defenderId: defenders[defender]!,
    violation,
    perpetrators,
  });

  beforeAll(async () => {
    app = await startTestApp();
    const entries = await Promise.all(
      Object.entries(people).map(
        async ([name, [role, countries]]) => [name, await clientFor(app, role, countries)] as const,
      ),
    );
    clients = Object.fromEntries(entries) as typeof clients;
    await makeDefender('dara', 'KH', 'FEMALE', ['JOURNALIST_MEDIA', 'LAND_ENVIRONMENT']);
    await makeDefender('sophea', 'KH', 'MALE', ['LAND_ENVIRONMENT']);
    await makeDefender('somchai', 'TH', 'NON_BINARY', ['STUDENT_YOUTH']);
    // a Burmese defender: outside the access of everyone who works on Cambodia only
    await makeDefender('aung', 'MM', 'FEMALE', ['PRO_DEMOCRACY']);
    // deleted once its incident is recorded
    await makeDefender('ghost', 'KH', 'FEMALE', ['WOMENS_RIGHTS']);

    const specs: [string, Caller | 'colleague', Parameters<typeof incidentBody>[1]][] = [
      [
        'arrest',
        'researcher',
        {
          occurredOn: '2014-05-03',
          title: 'Arrest of two land activists',
          // the same violation twice: the incident counts once in its bucket
          acts: [
            act('dara', 'ARBITRARY_ARREST', ['POLICE']),
            act('sophea', 'ARBITRARY_ARREST', ['POLICE', 'MILITARY']),
          ],
        },
      ],
      [
        'surveillance',
        'colleague',
        {
          occurredOn: '2015-01-10',
          verification: 'CONFIRMED',
          acts: [
            act('sophea', 'SURVEILLANCE', ['INTELLIGENCE']),
            act('dara', 'DEATH_THREAT', ['UNKNOWN']),
          ],
        },
      ],
      [
        'restrictedOwn',
        'researcher',
        {
          occurredOn: '2015-01-20',
          confidentiality: 'RESTRICTED',
          acts: [act('dara', 'TRAVEL_BAN')],
        },
      ],
      [
        'restrictedColleague',
        'colleague',
        {
          occurredOn: '2016-03-01',
          confidentiality: 'RESTRICTED',
          acts: [act('sophea', 'CRIMINAL_CHARGE', ['PROSECUTION'])],
        },
      ],
      [
        'mixed',
        'admin',
        {
          occurredOn: '2016-07-20',
          acts: [
            act('aung', 'ARBITRARY_ARREST', ['POLICE']),
            act('dara', 'RAID_SEARCH', ['POLICE']),
          ],
        },
      ],
      [
        'outsideOnly',
        'admin',
        { occurredOn: '2016-08-01', acts: [act('aung', 'TORTURE_ILL_TREATMENT', ['MILITARY'])] },
      ],
      [
        'thai',
        'admin',
        {
          country: 'TH',
          occurredOn: '2016-07-20',
          verification: 'LIKELY',
          acts: [act('somchai', 'CRIMINAL_CHARGE', ['PROSECUTION', 'POLICE'])],
        },
      ],
      [
        'burmese',
        'researcherMM',
        {
          country: 'MM',
          occurredOn: '2013-12-31',
          acts: [act('aung', 'RAID_SEARCH', ['MILITARY'])],
        },
      ],
      ['deleted', 'admin', { occurredOn: '2016-01-01', acts: [act('dara', 'KILLING')] }],
      [
        'withGhost',
        'admin',
        { occurredOn: '2016-02-01', acts: [act('ghost', 'ARBITRARY_ARREST', ['POLICE'])] },
      ],
    ];
    for (const [name, creator, spec] of specs) {
      incidents[name] = (await postIncident(clients[creator], incidentBody('', spec))).id;
    }
    const statuses = {
      surveillance: 'VERIFIED',
      restrictedOwn: 'SUBMITTED',
      restrictedColleague: 'VERIFIED',
      mixed: 'ARCHIVED',
      outsideOnly: 'VERIFIED',
      thai: 'VERIFIED',
      deleted: 'VERIFIED',
      withGhost: 'VERIFIED',
    } as const;
    for (const [name, status] of Object.entries(statuses)) {
      await setStatus(app, { id: incidents[name]! }, status);
    }
    const deletedAt = new Date();
    await app.database.db.incident.update({
      where: { id: incidents.deleted! },
      data: { deletedAt },
    });
    await app.database.db.defender.update({ where: { id: defenders.ghost! }, data: { deletedAt } });
  });
  afterAll(() => app.close());

  async function stats(caller: Caller, query: string) {
    const response = await clients[caller].get(`/api/stats/incidents?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return json<IncidentStatsOutput>(response);
  }

  // --- the oracle: the same counts computed from the rows, with the caller's ability in memory
  async function rows() {
    return app.database.db.incident.findMany({
      include: { acts: { include: { defender: true } } },
    });
  }
  type Row = Awaited<ReturnType<typeof rows>>[number];

  function expectedStats(
    caller: Caller,
    all: Row[],
    groupBy: IncidentGrouping,
    picked?: Set<string>,
  ): IncidentStatsOutput {
    const [role, countries] = people[caller];
    const ability = defineAbilityFor({ id: clients[caller].userId, role, countries });
    const readable = all.filter(
      (row) =>
        row.deletedAt === null &&
        ability.can('read', asSubject('Incident', row)) &&
        (!picked || picked.has(row.id)),
    );
    const defenderKeys = (row: Row, key: (d: Row['acts'][number]['defender']) => string[]) =>
      row.acts
        .map((a) => a.defender)
        .filter((d) => d.deletedAt === null && ability.can('read', asSubject('Defender', d)))
        .flatMap(key);
    const keysOf: Record<IncidentGrouping, (row: Row) => string[]> = {
      country: (row) => [row.country],
      status: (row) => [row.status],
      month: (row) => [row.occurredOn.toISOString().slice(0, 7)],
      violation: (row) => row.acts.map((a) => a.violation),
      perpetrator: (row) => row.acts.flatMap((a) => a.perpetrators),
      sector: (row) => defenderKeys(row, (d) => d.sectors),
      gender: (row) => defenderKeys(row, (d) => [d.gender]),
    };
    const counts = new Map<string, number>();
    for (const row of readable) {
      for (const key of new Set(keysOf[groupBy](row))) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const buckets: StatsBucket[] = [...counts].map(([key, count]) => ({ key, count }));
    buckets.sort((a, b) =>
      groupBy === 'month'
        ? a.key.localeCompare(b.key)
        : b.count - a.count || (a.key < b.key ? -1 : 1),
    );
    return { groupBy, buckets, total: readable.length };
  }

  for (const caller of callers) {
    it(`when ${caller} counts by every grouping, then each count is the one computed from the rows they may read`, async () => {
      const all = await rows();
      for (const groupBy of incidentGroupings) {
        expect(await stats(caller, `groupBy=${groupBy}`), groupBy).toEqual(
          expectedStats(caller, all, groupBy),
        );
      }
    });
  }

  it('when a researcher, their manager and an advocacy officer count, then each sees only what they may read', async () => {
    const totals = Object.fromEntries(
      await Promise.all(
        (['researcher', 'manager', 'advocacy', 'researcherMM', 'admin'] as const).map(
          async (caller) => [caller, (await stats(caller, 'groupBy=status')).total] as const,
        ),
      ),
    );
    // researcher: own and colleagues' STANDARD incidents and their own RESTRICTED one in KH;
    // manager: every KH incident, RESTRICTED ones too; advocacy: VERIFIED and ARCHIVED STANDARD
    // KH ones; nobody: the deleted one
    expect(totals).toEqual({ researcher: 6, manager: 7, advocacy: 4, researcherMM: 1, admin: 9 });
    expect((await stats('advocacy', 'groupBy=status')).buckets).toEqual([
      { key: 'VERIFIED', count: 3 },
      { key: 'ARCHIVED', count: 1 },
    ]);
    const hidden = await stats('researcher', `groupBy=status&id=${incidents.restrictedColleague}`);
    expect(hidden).toEqual({ groupBy: 'status', buckets: [], total: 0 });
  });

  it('when counted by violation, then an incident counts once per violation and the buckets exceed the total', async () => {
    const result = await stats('researcher', 'groupBy=violation');
    expect(result.total).toBe(6);
    expect(result.buckets).toEqual([
      // arrest (two acts, counted once), mixed and withGhost
      { key: 'ARBITRARY_ARREST', count: 3 },
      { key: 'DEATH_THREAT', count: 1 },
      { key: 'RAID_SEARCH', count: 1 },
      { key: 'SURVEILLANCE', count: 1 },
      { key: 'TORTURE_ILL_TREATMENT', count: 1 },
      { key: 'TRAVEL_BAN', count: 1 },
    ]);
    const sum = result.buckets.reduce((total, bucket) => total + bucket.count, 0);
    expect(sum).toBeGreaterThan(result.total);
  });

  it('when counted by perpetrator, then an incident counts once per perpetrator across its acts', async () => {
    const result = await stats(
      'admin',
      `groupBy=perpetrator&id=${incidents.arrest}&id=${incidents.thai}`,
    );
    expect(result).toEqual({
      groupBy: 'perpetrator',
      buckets: [
        { key: 'POLICE', count: 2 },
        { key: 'MILITARY', count: 1 },
        { key: 'PROSECUTION', count: 1 },
      ],
      total: 2,
    });
  });

  it('when counted by sector or gender, then only defenders the caller may read are counted, deleted ones never', async () => {
    const only = (name: string) => `id=${incidents[name]}`;
    // the incident is readable by a researcher of Cambodia; its only defender, Burmese, is not
    expect(await stats('researcher', `groupBy=gender&${only('outsideOnly')}`)).toEqual({
      groupBy: 'gender',
      buckets: [],
      total: 1,
    });
    expect(await stats('admin', `groupBy=gender&${only('outsideOnly')}`)).toEqual({
      groupBy: 'gender',
      buckets: [{ key: 'FEMALE', count: 1 }],
      total: 1,
    });
    expect(await stats('manager', `groupBy=sector&${only('mixed')}`)).toEqual({
      groupBy: 'sector',
      buckets: [
        { key: 'JOURNALIST_MEDIA', count: 1 },
        { key: 'LAND_ENVIRONMENT', count: 1 },
      ],
      total: 1,
    });
    const everything = await stats('admin', 'groupBy=sector');
    expect(everything.buckets.map((bucket) => bucket.key)).not.toContain('WOMENS_RIGHTS');
    expect(everything.buckets).toContainEqual({ key: 'PRO_DEMOCRACY', count: 3 });
  });

  it('when counted by month, then the months come in calendar order as YYYY-MM', async () => {
    const result = await stats('admin', 'groupBy=month&country=KH');
    expect(result.buckets.map((bucket) => bucket.key)).toEqual([
      '2014-05',
      '2015-01',
      '2016-02',
      '2016-03',
      '2016-07',
      '2016-08',
    ]);
    expect(result.buckets.find((bucket) => bucket.key === '2015-01')?.count).toBe(2);
  });

  // every incident list filter, checked against the list itself; {name} stands for an id
  const filterQueries = [
    'country=TH&country=MM',
    'violation=ARBITRARY_ARREST&violation=TRAVEL_BAN',
    'perpetrator=MILITARY',
    'status=VERIFIED&status=ARCHIVED',
    'verification=CONFIRMED&verification=LIKELY',
    'defenderId={dara}',
    'id={arrest}&id={thai}&id={restrictedColleague}',
    'from=2015-01-10&to=2016-07-20',
    'q=land%20activists',
    'createdById={researcher}',
    'returned=false',
    'linkedToAdvocacy=false',
    'country=KH&violation=ARBITRARY_ARREST&from=2016-01-01',
  ];
  const filled = (query: string) =>
    query.replace(
      /\{(\w+)\}/g,
      (_whole, name: string) =>
        defenders[name] ?? incidents[name] ?? clients[name as Caller].userId,
    );

  for (const caller of ['researcher', 'manager', 'admin'] as const) {
    it(`when ${caller} counts with each incident list filter, then exactly the listed incidents are counted`, async () => {
      const all = await rows();
      for (const query of filterQueries) {
        const list = await clients[caller].get(`/api/incidents?limit=200&${filled(query)}`);
        expect(list.status, query).toBe(200);
        const listed = new Set((await json<IncidentList>(list)).items.map((item) => item.id));
        for (const groupBy of ['country', 'violation', 'gender'] as const) {
          expect(await stats(caller, `groupBy=${groupBy}&${filled(query)}`), query).toEqual(
            expectedStats(caller, all, groupBy, listed),
          );
        }
      }
    });
  }

  it('when a filter narrows to one country, then other countries have no bucket', async () => {
    const result = await stats('admin', 'groupBy=country&country=TH&country=MM');
    expect(result).toEqual({
      groupBy: 'country',
      buckets: [
        { key: 'MM', count: 1 },
        { key: 'TH', count: 1 },
      ],
      total: 2,
    });
  });

  it.each([
    ['an unknown grouping', 'groupBy=defender', 'query.groupBy'],
    ['no grouping', 'country=KH', 'query.groupBy'],
    ['a parameter the schema does not know', 'groupBy=status&limit=5', 'query'],
    ['a bad filter', 'groupBy=status&from=yesterday', 'query.from'],
  ])('when asked with %s, then the answer is 400 VALIDATION', async (_what, query, path) => {
    const response = await clients.admin.get(`/api/stats/incidents?${query}`);
    expect(response.status).toBe(400);
    const body = await json<{ error: { code: string; details: { path: string }[] } }>(response);
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details.map((detail) => detail.path)).toContain(path);
  });

  it('when asked without a session, then the answer is 401', async () => {
    const response = await anonymous(app)('GET', '/api/stats/incidents?groupBy=status');
    expect(response.status).toBe(401);
    expect(await errorCodeOf(response)).toBe('UNAUTHENTICATED');
  });
});
