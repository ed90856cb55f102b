// The requests the benchmark sends, each with its floor: the best single SQL statement for the
// same result (the same rows, the same fields, the same access conditions), so that the API's
// cost reads as a ratio to what PostgreSQL alone needs. The access conditions are the app's
// own: its readableIncidents / readableDefenders conditions and list filters, turned into SQL by
// where-sql.ts, as the statistics endpoint does.
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { searchWordsOf } from '@vigil/shared/search';
import type { IncidentFilters } from '@vigil/shared/schemas/incidents';
import type pg from 'pg';
import { Prisma } from '../prisma/generated/client.ts';
import { escapeLike } from '../server/src/db/escape-like.ts';
import { whereSql } from '../server/src/db/where-sql.ts';
import { readableDefenders } from '../server/src/modules/defenders/index.ts';
import { incidentFiltersWhere, readableIncidents } from '../server/src/modules/incidents/index.ts';
import { commonWord, selectiveWord } from './dataset/texts.ts';

const { sql, empty, join } = Prisma;

export interface Statement {
  text: string;
  values: unknown[];
}

export interface Case {
  name: string;
  // a fixed path, or one per request (random ids)
  path: string | (() => string);
  // the floor's statement for the same path (its values for a per-request path)
  floor: (path: string) => Statement;
  // the API's answer and the floor's rows say the same, else what differs
  same: (api: unknown, rows: Record<string, unknown>[]) => string | undefined;
}

const statement = (query: Prisma.Sql): Statement => ({ text: query.text, values: query.values });

const byPosition = (table: string, fields: Record<string, string>) => {
  const pairs = Object.entries(fields).map(
    ([name, column]) => sql`${Prisma.raw(`'${name}'`)}, c.${Prisma.raw(`"${column}"`)}`,
  );
  return sql`(SELECT coalesce(json_agg(json_build_object(${join(pairs)}) ORDER BY c."position"), '[]')
    FROM ${Prisma.raw(`"${table}"`)} AS c WHERE c."incidentId" = i."id")`;
};

// What the API sends of an incident (lists and a detail without include=sensitive): its
// columns and its acts, charges and sources, without source identities.
const incidentColumns = sql`i."id", i."reference", i."title", i."summary", i."occurredOn",
  i."datePrecision", i."country", i."location", i."verification", i."status", i."confidentiality",
  i."version", i."createdAt", i."updatedAt", i."createdById", i."deletedAt",
  ${byPosition('IncidentAct', { defenderId: 'defenderId', violation: 'violation', perpetrators: 'perpetrators', victimStatus: 'victimStatus', notes: 'notes' })} AS "acts",
  ${byPosition('IncidentCharge', { defenderId: 'defenderId', law: 'law', description: 'description', status: 'status', filedOn: 'filedOn', sentence: 'sentence' })} AS "charges",
  ${byPosition('IncidentSource', { kind: 'kind', reliability: 'reliability', description: 'description' })} AS "sources"`;

const pageSize = 50;

interface Cursor {
  at: string;
  id: string;
}

// A page of incidents, newest first, after the cursor if any: a row comparison, which the
// index on (occurredOn, id) can start from.
export function incidentPage(
  ability: AppAbility,
  filters: IncidentFilters,
  { cursor, limit = pageSize + 1 }: { cursor?: Cursor; limit?: number | null } = {},
): Prisma.Sql {
  const readable = whereSql(
    'Incident',
    'i',
    readableIncidents(ability, ...incidentFiltersWhere(filters)),
  );
  const after = cursor
    ? sql`AND (i."occurredOn", i."id") < (${cursor.at.slice(0, 10)}::date, ${cursor.id}::uuid)`
    : empty;
  return sql`SELECT ${incidentColumns} FROM "Incident" AS i WHERE ${readable} ${after}
    ORDER BY i."occurredOn" DESC, i."id" DESC ${limit === null ? empty : sql`LIMIT ${limit}`}`;
}

interface Item {
  id: string;
  acts: unknown[];
  charges: unknown[];
  sources: unknown[];
}

const shapeOf = (item: Item) =>
  `${item.id}:${item.acts.length}/${item.charges.length}/${item.sources.length}`;

function samePage(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const { items, nextCursor } = api as { items: Item[]; nextCursor: string | null };
  const apiShape = items.map(shapeOf).join(',');
  const floorShape = (rows.slice(0, pageSize) as unknown as Item[]).map(shapeOf).join(',');
  if (apiShape !== floorShape)
    return `the page differs: API ${apiShape.slice(0, 200)}, SQL ${floorShape.slice(0, 200)}`;
  if ((nextCursor !== null) !== rows.length > pageSize)
    return 'one says there is a next page, the other not';
  return undefined;
}

function sameIncident(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const [row] = rows as unknown as Item[];
  if (!row) return 'SQL found no incident';
  return shapeOf(api as Item) === shapeOf(row)
    ? undefined
    : `API ${shapeOf(api as Item)}, SQL ${shapeOf(row)}`;
}

function sameBuckets(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const { buckets, total } = api as { buckets: { key: string; count: number }[]; total: number };
  const text = (list: { key: unknown; count: unknown }[]) =>
    list
      .map((b) => `${String(b.key)}=${Number(b.count)}`)
      .sort()
      .join(',');
  const sqlTotal = rows.reduce((sum, row) => sum + Number(row.count), 0);
  if (text(buckets) !== text(rows as { key: unknown; count: unknown }[]) || total !== sqlTotal) {
    return `API ${total}: ${text(buckets).slice(0, 200)}; SQL ${sqlTotal}: ${text(rows as { key: unknown; count: unknown }[]).slice(0, 200)}`;
  }
  return undefined;
}

function sameIds(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const { items } = api as { items: { id: string }[] };
  const apiIds = items.map((item) => item.id).join(',');
  const sqlIds = rows
    .slice(0, pageSize)
    .map((row) => String(row.id))
    .join(',');
  return apiIds === sqlIds ? undefined : `API ${apiIds.slice(0, 200)}, SQL ${sqlIds.slice(0, 200)}`;
}

// groupings by a field of the incident, as the statistics endpoint counts them
const groupKeys = {
  month: sql`to_char(i."occurredOn", 'YYYY-MM')`,
  country: sql`i."country"::text`,
};

export interface CaseContext {
  ability: AppAbility;
  // incidents the signed-in user may read, for the detail requests
  incidentIds: string[];
  // the 20th page's cursor, as the API handed it out
  page20Cursor: string;
  defenderWord: string;
  filter: { country: string; violation: string };
}

export function benchCases(context: CaseContext): Case[] {
  const { ability } = context;
  const list = (name: string, query: string, filters: IncidentFilters): Case => ({
    name,
    path: `/api/incidents${query}`,
    floor: () => statement(incidentPage(ability, filters)),
    same: samePage,
  });
  const cursor = JSON.parse(Buffer.from(context.page20Cursor, 'base64url').toString()) as Cursor;
  const stats = (groupBy: keyof typeof groupKeys): Case => ({
    name: `statistics by ${groupBy}`,
    path: `/api/stats/incidents?groupBy=${groupBy}`,
    floor: () =>
      statement(
        sql`SELECT ${groupKeys[groupBy]} AS key, count(*)::int AS count FROM "Incident" AS i
          WHERE ${whereSql('Incident', 'i', readableIncidents(ability))} GROUP BY 1`,
      ),
    same: sameBuckets,
  });
  const { country, violation } = context.filter;
  return [
    list('incident list, first page of 50', '', {}),
    list('list filtered by country and violation', `?country=${country}&violation=${violation}`, {
      country: [country],
      violation: [violation],
    }),
    list(`list with q (selective word "${selectiveWord}")`, `?q=${selectiveWord}`, {
      q: selectiveWord,
    }),
    list(`list with q (common word "${commonWord}")`, `?q=${commonWord}`, { q: commonWord }),
    {
      name: 'incident detail (random ids)',
      path: () =>
        `/api/incidents/${context.incidentIds[Math.floor(Math.random() * context.incidentIds.length)]}`,
      floor: (path) =>
        statement(
          sql`SELECT ${incidentColumns} FROM "Incident" AS i WHERE ${whereSql(
            'Incident',
            'i',
            readableIncidents(ability, { id: path.slice(path.lastIndexOf('/') + 1) }),
          )}`,
        ),
      same: sameIncident,
    },
    {
      name: `defender search q ("${context.defenderWord}")`,
      path: `/api/defenders?q=${encodeURIComponent(context.defenderWord)}`,
      floor: () =>
        statement(
          sql`SELECT d."id", d."displayName", d."aliases", d."pseudonym", d."gender",
              d."genderSelfDescription", d."birthYear", d."country", d."sectors", d."organisation",
              d."consent", d."shareWithAuthorities", d."riskLevel", d."notes", d."version",
              d."createdAt", d."updatedAt", d."createdById"
            FROM "Defender" AS d WHERE ${whereSql(
              'Defender',
              'd',
              readableDefenders(
                ability,
                ...searchWordsOf(context.defenderWord).map((word) => ({
                  searchText: { contains: escapeLike(word) },
                })),
              ),
            )}
            ORDER BY d."createdAt" DESC, d."id" DESC LIMIT ${pageSize + 1}`,
        ),
      same: sameIds,
    },
    {
      name: 'page 20 of the list (nextCursor)',
      path: `/api/incidents?cursor=${context.page20Cursor}`,
      floor: () => statement(incidentPage(ability, {}, { cursor })),
      same: samePage,
    },
    stats('month'),
    stats('country'),
  ];
}

// The floor's answer for one path, for the consistency check.
export async function floorRows(client: pg.ClientBase, floor: Statement) {
  return (await client.query<Record<string, unknown>>(floor.text, floor.values)).rows;
}
