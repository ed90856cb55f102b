import { ForbiddenError } from '@casl/ability';
import type {
  IncidentGrouping,
  IncidentStatsOutput,
  IncidentStatsQuery,
  StatsBucket,
  TeamStatsOutput,
  TeamStatsQuery,
  TeamWeek,
} from '@vigil/shared/schemas/stats';
import { Prisma } from '../../../../prisma/generated/client.ts';
import { whereSql } from '../../db/where-sql.ts';
import type { Ctx } from '../../http/request-context.ts';
import { readableDefenders } from '../defenders/index.ts';
import { incidentFiltersWhere, readableIncidents } from '../incidents/index.ts';

const { sql, empty } = Prisma;

// Statistics are counted by PostgreSQL, in aggregate statements over the incidents of the
// list: the caller's accessibleBy condition and the list filters, both built by the incidents
// module as Prisma conditions and turned into SQL by whereSql, so that a filter added to the
// list counts here too. Prisma's groupBy would do for country, status and month, but not for
// the act-based groupings, which need COUNT(DISTINCT incident) over the acts and an unnest of
// perpetrators and sectors; one Prisma count per code instead took 15 to 35 s on a million
// incidents (2 cores), one grouped statement 3 to 8 s. The filters reach the same indexes as
// in the list (country, occurredOn, status, the acts' violation and perpetrators); the acts
// join the picked incidents by a hash join, in one pass over each table.

// groupings by a field of the incident itself: every incident lands in exactly one bucket
const incidentKeys: Partial<Record<IncidentGrouping, Prisma.Sql>> = {
  country: sql`i."country"::text`,
  status: sql`i."status"::text`,
  month: sql`to_char(i."occurredOn", 'YYYY-MM')`,
};

// Groupings through the acts: what each act of a picked incident (`a`) adds, and its key.
// Sector and gender come from the act's defender, counted only when the caller may read that
// defender: an incident they may read can name a defender outside their access, whose profile
// they must not learn, even as a count.
function actFacet(ctx: Ctx, groupBy: IncidentGrouping): { joins: Prisma.Sql; key: Prisma.Sql } {
  const defender = () =>
    sql`JOIN "Defender" AS d ON d."id" = a."defenderId" AND ${whereSql('Defender', 'd', readableDefenders(ctx.ability))}`;
  switch (groupBy) {
    case 'violation':
      return { joins: empty, key: sql`a."violation"` };
    case 'perpetrator':
      return { joins: sql`CROSS JOIN LATERAL unnest(a."perpetrators") AS f(key)`, key: sql`f.key` };
    case 'sector':
      return {
        joins: sql`${defender()} CROSS JOIN LATERAL unnest(d."sectors") AS f(key)`,
        key: sql`f.key`,
      };
    case 'gender':
      return { joins: defender(), key: sql`d."gender"::text` };
    default:
      throw new Error(`no act facet for ${groupBy}`);
  }
}

interface Row {
  key: string;
  count: number;
}

// An incident's own field puts it in exactly one bucket, so the buckets add up to the total;
// through the acts they need not, and the total is counted apart, in the same snapshot.
async function countBuckets(ctx: Ctx, groupBy: IncidentGrouping, picked: Prisma.Sql) {
  const incidentKey = incidentKeys[groupBy];
  if (incidentKey) {
    const buckets = await ctx.db.$queryRaw<Row[]>(
      sql`SELECT ${incidentKey} AS key, count(*)::int AS count
        FROM "Incident" AS i WHERE ${picked} GROUP BY 1`,
    );
    return { buckets, total: buckets.reduce((sum, bucket) => sum + bucket.count, 0) };
  }
  const facet = actFacet(ctx, groupBy);
  const [totals, buckets] = await ctx.db.$transaction(
    [
      ctx.db.$queryRaw<{ total: number }[]>(
        sql`SELECT count(*)::int AS total FROM "Incident" AS i WHERE ${picked}`,
      ),
      ctx.db.$queryRaw<Row[]>(
        sql`SELECT ${facet.key} AS key, count(DISTINCT a."incidentId")::int AS count
          FROM "Incident" AS i JOIN "IncidentAct" AS a ON a."incidentId" = i."id" ${facet.joins}
          WHERE ${picked} GROUP BY 1`,
      ),
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return { buckets, total: totals[0]?.total ?? 0 };
}

const byCount = (a: StatsBucket, b: StatsBucket) =>
  b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byKey = (a: StatsBucket, b: StatsBucket) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export async function incidentStats(
  ctx: Ctx,
  query: IncidentStatsQuery,
): Promise<IncidentStatsOutput> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Statistics');
  const { groupBy, ...filters } = query;
  const picked = whereSql(
    'Incident',
    'i',
    readableIncidents(ctx.ability, ...incidentFiltersWhere(filters)),
  );
  const counted = await countBuckets(ctx, groupBy, picked);
  const buckets = counted.buckets
    .map(({ key, count }) => ({ key, count }))
    .sort(groupBy === 'month' ? byKey : byCount);
  return { groupBy, buckets, total: counted.total };
}

const day = 24 * 60 * 60 * 1000;

// Who did what, per ISO week (UTC): incidents created (by their creator) and the transitions
// that move work along (to SUBMITTED, to VERIFIED, and returns SUBMITTED → DRAFT, by whoever
// made them), on the incidents the caller reads, which for managers and admins are those of
// their countries. Created incidents are found by the createdAt index; transitions, which have
// no index on their time, by one pass over their table (an index on IncidentTransition.at would
// serve once there are many millions).
export async function teamStats(ctx: Ctx, query: TeamStatsQuery): Promise<TeamStatsOutput> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'TeamStatistics');
  const start = new Date(query.from);
  const end = new Date(Date.parse(query.to) + day);
  const inScope = () => whereSql('Incident', 'i', readableIncidents(ctx.ability));
  const weeks = await ctx.db.$queryRaw<TeamWeek[]>(sql`
    SELECT to_char(e.week, 'YYYY-MM-DD') AS week, e."userId"::text AS "userId", u."name",
      sum(e.created)::int AS created, sum(e.submitted)::int AS submitted,
      sum(e.verified)::int AS verified, sum(e.returned)::int AS returned
    FROM (
      SELECT i."createdById" AS "userId", date_trunc('week', i."createdAt" AT TIME ZONE 'UTC') AS week,
        1 AS created, 0 AS submitted, 0 AS verified, 0 AS returned
      FROM "Incident" AS i
      WHERE i."createdAt" >= ${start} AND i."createdAt" < ${end} AND ${inScope()}
      UNION ALL
      SELECT t."actorId", date_trunc('week', t."at" AT TIME ZONE 'UTC'),
        0, (t."to" = 'SUBMITTED')::int, (t."to" = 'VERIFIED')::int,
        (t."from" = 'SUBMITTED' AND t."to" = 'DRAFT')::int
      FROM "IncidentTransition" AS t JOIN "Incident" AS i ON i."id" = t."incidentId"
      WHERE t."at" >= ${start} AND t."at" < ${end}
        AND (t."to" IN ('SUBMITTED', 'VERIFIED') OR (t."from" = 'SUBMITTED' AND t."to" = 'DRAFT'))
        AND ${inScope()}
    ) AS e
    JOIN "User" AS u ON u."id" = e."userId"
    GROUP BY e.week, e."userId", u."name"
    ORDER BY e.week, u."name", e."userId"`);
  return { weeks };
}
