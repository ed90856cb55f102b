import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineAbilityFor } from '@vigil/shared/auth/abilities';
import type { Role } from '@vigil/shared/enums';
import type { IncidentStatsQuery } from '@vigil/shared/schemas/stats';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { startTestApp, type TestApp } from '../../../../tests/support/app.ts';
import { createUser } from '../../../../tests/support/http.ts';
import type { Ctx } from '../../http/request-context.ts';
import { countIncidents, countSummary, incidentStats } from './stats.service.ts';

type Caller = 'researcher' | 'colleague' | 'researcherMM' | 'advocacy' | 'manager' | 'admin';

const people: Record<Caller, [Role, string[]]> = {
  researcher: ['RESEARCHER', ['KH', 'TH']],
  // writes RESTRICTED incidents in KH, which the researcher above may not count
  colleague: ['RESEARCHER', ['KH']],
  researcherMM: ['RESEARCHER', ['MM']],
  advocacy: ['ADVOCACY', ['KH']],
  manager: ['MANAGER', ['KH', 'TH']],
  admin: ['ADMIN', []],
};
const callers = Object.keys(people) as Caller[];

// every grouping and filter combination the summary answers
const queries: Omit<IncidentStatsQuery, 'groupBy'>[] = [
  {},
  { country: ['KH'] },
  { status: ['VERIFIED', 'ARCHIVED'] },
  { verification: ['CONFIRMED', 'LIKELY'] },
  { from: '2014-03-01', to: '2014-08-31' },
  { from: '2015-01-01' },
  { to: '2014-12-31' },
  { country: ['KH', 'TH'], status: ['DRAFT', 'SUBMITTED'], verification: ['UNVERIFIED'] },
  { country: ['TH'], from: '2014-02-01', to: '2015-02-28' },
];
const groupings = ['month', 'country', 'status'] as const;

const statuses = ['DRAFT', 'SUBMITTED', 'VERIFIED', 'ARCHIVED'] as const;
const verifications = ['UNVERIFIED', 'POSSIBLE', 'LIKELY', 'CONFIRMED'] as const;
const countries = ['KH', 'TH', 'MM'];

describe('statistics from the incident counts', () => {
  let app: TestApp;
  const ctx = {} as Record<Caller, Ctx>;
  let serial = 0;

  function incident(
    createdBy: Caller,
    fields: Partial<Prisma.IncidentUncheckedCreateInput> = {},
  ): Prisma.IncidentUncheckedCreateInput {
    serial += 1;
    return {
      reference: `FP-${serial}`,
      title: `Incident ${serial}`,
      summary: 'A summary',
      occurredOn: new Date(Date.UTC(2014, serial % 16, 1 + (serial % 28))),
      country: countries[serial % 3]!,
      status: statuses[serial % 4]!,
      verification: verifications[(serial >> 2) % 4]!,
      createdById: ctx[createdBy].user.id,
      ...fields,
    };
  }

  const sorted = (counted: { buckets: { key: string; count: number }[]; total: number }) => ({
    buckets: [...counted.buckets].sort((a, b) => (a.key < b.key ? -1 : 1)),
    total: counted.total,
  });

  async function expectSummaryToAgree(callersToCheck = callers) {
    for (const caller of callersToCheck) {
      for (const groupBy of groupings) {
        for (const filters of queries) {
          const query = { groupBy, ...filters };
          const summary = await countSummary(ctx[caller], query);
          expect(summary, `${caller} ${JSON.stringify(query)}`).toBeDefined();
          expect(sorted(summary!), `${caller} ${JSON.stringify(query)}`).toEqual(
            sorted(await countIncidents(ctx[caller], query)),
          );
        }
      }
    }
  }

  // the tables as a fresh count of the live incidents would make them
  async function expectCountsToMatchIncidents() {
    const db = app.database.db;
    const [kept, recounted, keptAllAuthors, recountedAllAuthors] = await Promise.all([
      db.$queryRaw`SELECT "country", "month", "status"::text, "verification"::text,
          "confidentiality"::text, "createdById"::text, "count"
        FROM "IncidentCount" ORDER BY 1, 2, 3, 4, 5, 6`,
      db.$queryRaw`SELECT "country", date_trunc('month', "occurredOn"::timestamp)::date AS "month",
          "status"::text, "verification"::text, "confidentiality"::text, "createdById"::text,
          count(*)::int AS "count"
        FROM "Incident" WHERE "deletedAt" IS NULL
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
      db.$queryRaw`SELECT "country", "month", "status"::text, "verification"::text,
          "confidentiality"::text, "count"
        FROM "IncidentCountAllAuthors" ORDER BY 1, 2, 3, 4, 5`,
      db.$queryRaw`SELECT "country", date_trunc('month', "occurredOn"::timestamp)::date AS "month",
          "status"::text, "verification"::text, "confidentiality"::text, count(*)::int AS "count"
        FROM "Incident" WHERE "deletedAt" IS NULL
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
    ]);
    expect(kept).toEqual(recounted);
    expect(keptAllAuthors).toEqual(recountedAllAuthors);
  }

  beforeAll(async () => {
    app = await startTestApp();
    for (const caller of callers) {
      const [role, countries] = people[caller];
      const { id, email, name } = await createUser(app, { role, countries });
      const user = { id, email, name, role, countries };
      ctx[caller] = {
        db: app.database.db,
        pool: app.database.pool,
        user,
        ability: defineAbilityFor(user),
        ip: undefined,
      };
    }
    // one statement for many incidents, as a bulk insert would be
    await app.database.db.incident.createMany({
      data: [
        ...Array.from({ length: 30 }, () => incident('researcher')),
        ...Array.from({ length: 12 }, () =>
          incident('colleague', { confidentiality: 'RESTRICTED' }),
        ),
        ...Array.from({ length: 12 }, () => incident('colleague')),
        ...Array.from({ length: 12 }, () => incident('manager')),
        ...Array.from({ length: 6 }, () => incident('admin', { deletedAt: new Date() })),
      ],
    });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('when each role counts by month, country and status with the filters the counts hold, then the counts answer exactly as the pass over the incidents', async () => {
    await expectCountsToMatchIncidents();
    await expectSummaryToAgree();
    // the colleague's RESTRICTED incidents are counted for the manager, not for the researcher
    const query: IncidentStatsQuery = { groupBy: 'country', country: ['KH'] };
    const researcher = await countSummary(ctx.researcher, query);
    const manager = await countSummary(ctx.manager, query);
    const restricted = await app.database.db.incident.count({
      where: { country: 'KH', confidentiality: 'RESTRICTED', deletedAt: null },
    });
    expect(restricted).toBeGreaterThan(0);
    expect(manager!.total - researcher!.total).toBe(restricted);
  });

  it('when incidents move between buckets, are deleted and restored, then the counts follow in the same transaction', async () => {
    const db = app.database.db;
    const [moved, relocated, redated, deleted] = await Promise.all(
      [0, 1, 2, 3].map(() =>
        db.incident.create({
          data: incident('researcher', { country: 'KH', status: 'DRAFT' }),
          select: { id: true },
        }),
      ),
    );
    await db.incident.update({ where: { id: moved!.id }, data: { status: 'SUBMITTED' } });
    await db.incident.update({ where: { id: relocated!.id }, data: { country: 'TH' } });
    await db.incident.update({
      where: { id: redated!.id },
      data: { occurredOn: new Date('2013-11-30') },
    });
    await db.incident.update({ where: { id: deleted!.id }, data: { deletedAt: new Date() } });
    await expectCountsToMatchIncidents();
    await expectSummaryToAgree(['researcher', 'manager']);

    await db.incident.update({ where: { id: deleted!.id }, data: { deletedAt: null } });
    // an edit that moves nothing, and a move rolled back, leave the counts as they were
    await db.incident.update({ where: { id: moved!.id }, data: { title: 'Renamed' } });
    await expect(
      db.$transaction(async (tx) => {
        await tx.incident.update({ where: { id: relocated!.id }, data: { country: 'MM' } });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await expectCountsToMatchIncidents();
    await expectSummaryToAgree(['researcher', 'admin']);

    await db.incident.deleteMany({ where: { id: { in: [moved!.id, relocated!.id] } } });
    await expectCountsToMatchIncidents();
  });

  it('when 8 writers create and move incidents of the same two buckets at once, then every change counts', async () => {
    const db = app.database.db;
    // two buckets that differ by status only
    const inBucket = (status: 'DRAFT' | 'SUBMITTED') =>
      incident('manager', {
        country: 'TH',
        occurredOn: new Date('2016-06-15'),
        status,
        verification: 'UNVERIFIED',
      });
    const ids = async (status: 'DRAFT' | 'SUBMITTED') =>
      Promise.all(
        Array.from({ length: 8 }, async () => {
          const row = await db.incident.create({ data: inBucket(status), select: { id: true } });
          return row.id;
        }),
      );
    const drafts = await ids('DRAFT');
    const submitted = await ids('SUBMITTED');
    // as the app writes: a transaction per incident created or moved
    await Promise.all(
      Array.from({ length: 8 }, (_, writer) =>
        db.$transaction(async (tx) => {
          await tx.incident.create({ data: inBucket('DRAFT') });
          await tx.incident.createMany({ data: [inBucket('SUBMITTED'), inBucket('DRAFT')] });
          await tx.incident.update({
            where: { id: writer % 2 ? drafts[writer]! : submitted[writer]! },
            data: { status: writer % 2 ? 'SUBMITTED' : 'DRAFT' },
          });
        }),
      ),
    );
    // single statements that each take one incident one way and another the other way: both
    // buckets change in each, locked in the same order by all of them
    await Promise.all(
      Array.from(
        { length: 8 },
        (_, writer) =>
          db.$executeRaw`UPDATE "Incident"
          SET "status" = CASE "status" WHEN 'DRAFT' THEN 'SUBMITTED'::"IncidentStatus" ELSE 'DRAFT' END
          WHERE "id" IN (${drafts[writer]!}::uuid, ${submitted[writer]!}::uuid)`,
      ),
    );
    await expectCountsToMatchIncidents();
    const { buckets } = (await countSummary(ctx.manager, {
      groupBy: 'status',
      country: ['TH'],
      from: '2016-06-01',
      to: '2016-06-30',
    }))!;
    expect(buckets.sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([
      // 8 + 2 per writer, 4 moved out and 4 in; 8 + 1 per writer, 4 out and 4 in
      { key: 'DRAFT', count: 24 },
      { key: 'SUBMITTED', count: 16 },
    ]);
  });

  it('when a grouping or filter is outside the counts, then the statistics count the incidents themselves', async () => {
    const general: IncidentStatsQuery[] = [
      { groupBy: 'violation' },
      { groupBy: 'month', q: 'arrest' },
      { groupBy: 'month', violation: ['ARBITRARY_ARREST'] },
      { groupBy: 'country', from: '2014-03-02' },
      { groupBy: 'country', to: '2014-03-30' },
      { groupBy: 'status', createdById: [ctx.researcher.user.id] },
      { groupBy: 'status', returned: false },
      { groupBy: 'status', linkedToAdvocacy: false },
    ];
    for (const query of general) {
      expect(await countSummary(ctx.manager, query), JSON.stringify(query)).toBeUndefined();
      const stats = await incidentStats(ctx.manager, query);
      expect(stats.total).toBe((await countIncidents(ctx.manager, query)).total);
    }
    // a leap year's February ends on the 29th
    expect(
      await countSummary(ctx.manager, { groupBy: 'month', from: '2016-02-01', to: '2016-02-28' }),
    ).toBeUndefined();
    expect(
      await countSummary(ctx.manager, { groupBy: 'month', from: '2016-02-01', to: '2016-02-29' }),
    ).toBeDefined();
  });

  it('when the serving role writes the counts itself, then the database refuses', async () => {
    // the app's own connections
    const serving = await app.database.pool.connect();
    try {
      for (const statement of [
        `UPDATE "IncidentCount" SET "count" = "count" + 1`,
        `UPDATE "IncidentCountAllAuthors" SET "count" = 0`,
        `DELETE FROM "IncidentCount"`,
        `INSERT INTO "IncidentCount" VALUES ('KH', '2014-01-01', 'DRAFT', 'UNVERIFIED', 'STANDARD', gen_random_uuid(), 5)`,
        `SELECT incident_count_rebuild()`,
      ]) {
        await expect(serving.query(statement), statement).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      serving.release();
    }
    await expectCountsToMatchIncidents();
  });
});
