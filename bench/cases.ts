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

// What the API sends of an incident in a detail without include=sensitive (and the export
// reads): its columns, those that sum up its children, and its acts, charges and sources,
// without source identities.
const incidentColumns = sql`i."id", i."reference", i."title", i."summary", i."occurredOn",
  i."datePrecision", i."country", i."location", i."verification", i."status", i."confidentiality",
  i."defenderIds", i."violations", i."perpetrators", i."sourceCount",
  i."version", i."createdAt", i."updatedAt", i."createdById", i."deletedAt",
  ${byPosition('IncidentAct', { defenderId: 'defenderId', violation: 'violation', perpetrators: 'perpetrators', victimStatus: 'victimStatus', notes: 'notes' })} AS "acts",
  ${byPosition('IncidentCharge', { defenderId: 'defenderId', law: 'law', description: 'description', status: 'status', filedOn: 'filedOn', sentence: 'sentence' })} AS "charges",
  ${byPosition('IncidentSource', { kind: 'kind', reliability: 'reliability', description: 'description' })} AS "sources"`;

// What a list item carries (incidentListItem): the incident's own columns but its summary, and
// the columns that sum up its acts and sources; no child rows.
const summaryColumns = sql`i."id", i."reference", i."title", i."occurredOn", i."datePrecision",
  i."country", i."location", i."verification", i."status", i."confidentiality", i."defenderIds",
  i."violations", i."perpetrators", i."sourceCount", i."version", i."createdAt", i."updatedAt",
  i."createdById", i."deletedAt"`;

const pageSize = 50;

interface Cursor {
  at: string;
  id: string;
}

// A page of incidents, newest first, after the cursor if any: a row comparison, which the
// index on (occurredOn DESC, id DESC) starts its range from. List items, or with `details` the
// incidents with their children (the export).
export function incidentPage(
  ability: AppAbility,
  filters: IncidentFilters,
  {
    cursor,
    limit = pageSize + 1,
    details = false,
  }: { cursor?: Cursor; limit?: number | null; details?: boolean } = {},
): Prisma.Sql {
  const readable = whereSql(
    'Incident',
    'i',
    readableIncidents(ability, ...incidentFiltersWhere(filters)),
  );
  const after = cursor
    ? sql`AND (i."occurredOn", i."id") < (${cursor.at.slice(0, 10)}::date, ${cursor.id}::uuid)`
    : empty;
  return sql`SELECT ${details ? incidentColumns : summaryColumns} FROM "Incident" AS i
    WHERE ${readable} ${after}
    ORDER BY i."occurredOn" DESC, i."id" DESC ${limit === null ? empty : sql`LIMIT ${limit}`}`;
}

interface Summary {
  id: string;
  defenderIds: string[];
  violations: string[];
  perpetrators: string[];
  sourceCount: number;
}

interface Detail extends Summary {
  acts: unknown[];
  charges: unknown[];
  sources: unknown[];
}

// an item as the comparison reads it: its id and what sums up its children, and the child rows'
// counts where it carries them (a list item carries none)
const shapeOf = (item: Summary & Partial<Detail>) =>
  [
    item.id,
    item.defenderIds.length,
    item.violations.join('|'),
    item.perpetrators.join('|'),
    item.sourceCount,
    ...(['acts', 'charges', 'sources'] as const).map((key) => item[key]?.length ?? '-'),
  ].join(':');

function samePage(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const { items, nextCursor } = api as { items: Summary[]; nextCursor: string | null };
  const apiShape = items.map(shapeOf).join(',');
  const floorShape = (rows.slice(0, pageSize) as unknown as Summary[]).map(shapeOf).join(',');
  if (apiShape !== floorShape)
    return `the page differs: API ${apiShape.slice(0, 200)}, SQL ${floorShape.slice(0, 200)}`;
  if ((nextCursor !== null) !== rows.length > pageSize)
    return 'one says there is a next page, the other not';
  return undefined;
}

function sameIncident(api: unknown, rows: Record<string, unknown>[]): string | undefined {
  const [row] = rows as unknown as Detail[];
  if (!row) return 'SQL found no incident';
  return shapeOf(api as Detail) === shapeOf(row)
    ? undefined
    : `API ${shapeOf(api as Detail)}, SQL ${shapeOf(row)}`;
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

// Statistics by a field of the incident, as the statistics endpoint counts them. From a table of
// per-bucket counts when one holds every column of the caller's access conditions (see
// countTableFor): read as incidents whose "deletedAt" is null, since they count live incidents
// only, so that the app's own conditions apply to it unchanged, and PostgreSQL folds that
// column's test away. Summed per bucket before the key is formatted, so that to_char runs once
// per month and not once per counter. Else by a pass over the incidents.
const groupKeys = {
  month: {
    column: 'month',
    incident: sql`date_trunc('month', i."occurredOn")`,
    key: sql`to_char(b.bucket, 'YYYY-MM')`,
  },
  country: { column: 'country', incident: sql`i."country"`, key: sql`b.bucket::text` },
};

function statsFloor(
  ability: AppAbility,
  groupBy: keyof typeof groupKeys,
  countTable: string | null,
): Prisma.Sql {
  const { column, incident, key } = groupKeys[groupBy];
  const readable = readableIncidents(ability);
  const buckets = countTable
    ? sql`SELECT c.${Prisma.raw(`"${column}"`)} AS bucket, sum(c."count") AS count
        FROM (SELECT *, NULL::timestamptz(3) AS "deletedAt" FROM ${Prisma.raw(`"${countTable}"`)}) AS c
        WHERE ${whereSql('Incident', 'c', readable)} GROUP BY 1`
    : sql`SELECT ${incident} AS bucket, count(*) AS count
        FROM "Incident" AS i WHERE ${whereSql('Incident', 'i', readable)} GROUP BY 1`;
  return sql`SELECT ${key} AS key, b.count::int AS count FROM (${buckets}) AS b`;
}

// The count tables of the statistics (migration 20261203100000_incident_counts), coarsest first:
// the first that exists and has every column the caller's access conditions name.
const countTables = ['IncidentCountAllAuthors', 'IncidentCount'];

export async function countTableFor(
  client: pg.ClientBase,
  ability: AppAbility,
): Promise<string | null> {
  for (const table of countTables) {
    const floor = statsFloor(ability, 'country', table);
    try {
      await client.query(`EXPLAIN ${floor.text}`, floor.values);
      return table;
    } catch {
      // no such table, or a column of the conditions it does not have
    }
  }
  return null;
}

export interface CaseContext {
  ability: AppAbility;
  // incidents the signed-in user may read, for the detail requests
  incidentIds: string[];
  // the 20th page's cursor, as the API handed it out
  page20Cursor: string;
  defenderWord: string;
  filter: { country: string; violation: string };
  // what the statistics' floors read (countTableFor)
  countTable: string | null;
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
    floor: () => statement(statsFloor(ability, groupBy, context.countTable)),
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
