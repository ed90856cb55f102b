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
import { queryRows } from '../../db/pool-query.ts';
import { tableOf, whereSql } from '../../db/where-sql.ts';
import type { Ctx } from '../../http/request-context.ts';
import { readableDefenders } from '../defenders/index.ts';
import { incidentFiltersWhere, readableIncidents } from '../incidents/index.ts';

const { sql, join, raw } = Prisma;

// Statistics are counted by PostgreSQL, in aggregate statements over the incidents of the
// list: the caller's accessibleBy condition and the list filters, both built by the incidents
// module as Prisma conditions and turned into SQL by whereSql, so that a filter added to the
// list counts here too. Prisma's groupBy would do for country, status and month, but not for
// the act-based groupings, which need COUNT(DISTINCT incident) over the acts and an unnest of
// perpetrators and sectors; one Prisma count per code instead took 15 to 35 s on a million
// incidents (2 cores), one grouped statement 3 to 8 s. The filters reach the same indexes as
// in the list (country, occurredOn, status, the incident's violations, perpetrators and
// defenders); the act-based groupings read what the incident keeps of its acts, without
// joining them.

// groupings by a field of the incident itself: every incident lands in exactly one bucket
const incidentKeys: Partial<Record<IncidentGrouping, Prisma.Sql>> = {
  country: sql`i."country"::text`,
  status: sql`i."status"::text`,
  month: sql`to_char(i."occurredOn", 'YYYY-MM')`,
};

// Groupings through the acts, each from what the incident keeps of them (migration
// 20261203090000_list_columns): its distinct violations and perpetrators, one row per incident
// and value, so a plain count; its distinct defenders for sector and gender, counted only when
// the caller may read the defender (an incident they may read can name a defender outside their
// access, whose profile they must not learn, even as a count), and once per incident, since two
// of its defenders may share a sector.
function actFacet(
  ctx: Ctx,
  groupBy: IncidentGrouping,
): { joins: Prisma.Sql; key: Prisma.Sql; count: Prisma.Sql } {
  const values = (column: string) => ({
    joins: sql`CROSS JOIN LATERAL unnest(i.${raw(`"${column}"`)}) AS f(key)`,
    key: sql`f.key`,
    count: sql`count(*)`,
  });
  const defenders = sql`CROSS JOIN LATERAL unnest(i."defenderIds") AS di(id)
    JOIN "Defender" AS d ON d."id" = di.id AND ${whereSql('Defender', 'd', readableDefenders(ctx.ability))}`;
  const perIncident = sql`count(DISTINCT i."id")`;
  switch (groupBy) {
    case 'violation':
      return values('violations');
    case 'perpetrator':
      return values('perpetrators');
    case 'sector':
      return {
        joins: sql`${defenders} CROSS JOIN LATERAL unnest(d."sectors") AS f(key)`,
        key: sql`f.key`,
        count: perIncident,
      };
    case 'gender':
      return { joins: defenders, key: sql`d."gender"::text`, count: perIncident };
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
    const buckets = await queryRows<Row>(
      ctx.pool,
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
        sql`SELECT ${facet.key} AS key, ${facet.count}::int AS count
          FROM "Incident" AS i ${facet.joins}
          WHERE ${picked} GROUP BY 1`,
      ),
    ],
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
  return { buckets, total: totals[0]?.total ?? 0 };
}

// The general path: a pass over the incidents the caller reads that the filters pick.
export function countIncidents(ctx: Ctx, query: IncidentStatsQuery) {
  const { groupBy, ...filters } = query;
  const picked = readableIncidents(ctx.ability, ...incidentFiltersWhere(filters));
  return countBuckets(ctx, groupBy, whereSql('Incident', 'i', picked));
}

const byCount = (a: StatsBucket, b: StatsBucket) =>
  b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
const byKey = (a: StatsBucket, b: StatsBucket) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const day = 24 * 60 * 60 * 1000;

// The fast path (issue 10): "IncidentCount" holds the number of live incidents per country, month
// of occurredOn, status, verification, confidentiality and author, "IncidentCountAllAuthors" the
// same summed over the authors, both kept by PostgreSQL in the transaction of every incident
// write (migration 20261203100000_incident_counts): a few rows per country and month instead of
// every incident. One answers exactly what the pass over "Incident" would when the grouping and
// every condition are among its columns: the caller's access condition (the CASL rules name
// country, status, confidentiality and, for researchers, createdById: checked here rather than
// assumed, since a condition left out would count what the caller may not read), the filters
// country, status and verification, and a period of whole months. Anything else counts over
// "Incident".
//
// Grouped by the column itself, and the key written once per bucket rather than once per row
// (to_char on every row took half of the statement's time by month).
const summaryKeys: Partial<Record<IncidentGrouping, { column: Prisma.Sql; key: Prisma.Sql }>> = {
  country: { column: sql`c."country"`, key: sql`c."country"::text` },
  status: { column: sql`c."status"`, key: sql`c."status"::text` },
  month: { column: sql`c."month"`, key: sql`to_char(c."month", 'YYYY-MM')` },
};
const bucketColumns = ['country', 'status', 'verification', 'confidentiality'];
// the coarser first: the first whose columns hold every field of the condition answers
const summaries = [
  { table: 'IncidentCountAllAuthors', columns: new Set(bucketColumns) },
  { table: 'IncidentCount', columns: new Set([...bucketColumns, 'createdById']) },
] as const;
const summaryFilters = new Set(['country', 'status', 'verification', 'from', 'to']);

type Where = Record<string, unknown>;

// `where` over `columns` of a summary, or undefined when it names anything else. The summaries
// count live incidents only, so `deletedAt: null`, which readableIncidents adds, holds
// for every incident it counts and becomes `{}` (true), wherever it sits, even under NOT or OR.
function summaryWhere(where: Where, columns: ReadonlySet<string>): Where | undefined {
  const summary: Where = {};
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR' || key === 'NOT') {
      const parts = (Array.isArray(value) ? value : [value]).map((part: Where) =>
        summaryWhere(part, columns),
      );
      if (parts.some((part) => part === undefined)) return undefined;
      summary[key] = parts;
    } else if (key === 'deletedAt' && value === null) {
      continue;
    } else if (columns.has(key)) {
      summary[key] = value;
    } else {
      return undefined;
    }
  }
  return summary;
}

const isFirstOfMonth = (date: string) => date.endsWith('-01');
const isLastOfMonth = (date: string) => new Date(Date.parse(date) + day).getUTCDate() === 1;

// The summary's answer, or undefined when it cannot give exactly the general one.
export async function countSummary(
  ctx: Ctx,
  query: IncidentStatsQuery,
): Promise<{ buckets: Row[]; total: number } | undefined> {
  const { groupBy, from, to, ...filters } = query;
  const grouping = summaryKeys[groupBy];
  const filtered = Object.entries(query).filter(
    ([name, value]) => name !== 'groupBy' && value !== undefined,
  );
  if (!grouping || filtered.some(([name]) => !summaryFilters.has(name))) return undefined;
  if ((from && !isFirstOfMonth(from)) || (to && !isLastOfMonth(to))) return undefined;
  const where = readableIncidents(ctx.ability, ...incidentFiltersWhere(filters));
  const [summary] = summaries.flatMap(({ table, columns }) => {
    const picked = summaryWhere(where, columns);
    return picked ? [{ table, picked }] : [];
  });
  if (!summary) return undefined;
  // an incident of occurredOn in [from, to] is one of a month in [from's, to's]: `to` is the
  // last day of its month, which the first days of the months up to it are on or before
  const conditions = [whereSql(summary.table, 'c', summary.picked)];
  if (from) conditions.push(sql`c."month" >= ${from}::date`);
  if (to) conditions.push(sql`c."month" <= ${to}::date`);
  const buckets = await queryRows<Row>(
    ctx.pool,
    sql`SELECT ${grouping.key} AS key, sum(c."count")::int AS count FROM ${tableOf(summary.table)} AS c
      WHERE ${join(conditions, ' AND ')} GROUP BY ${grouping.column}`,
  );
  return { buckets, total: buckets.reduce((sum, bucket) => sum + bucket.count, 0) };
}

export async function incidentStats(
  ctx: Ctx,
  query: IncidentStatsQuery,
): Promise<IncidentStatsOutput> {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'Statistics');
  const { groupBy } = query;
  const counted = (await countSummary(ctx, query)) ?? (await countIncidents(ctx, query));
  const buckets = counted.buckets
    .map(({ key, count }) => ({ key, count }))
    .sort(groupBy === 'month' ? byKey : byCount);
  return { groupBy, buckets, total: counted.total };
}

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
