// A page of a list, or one record, as PostgreSQL writes it: one statement that picks the rows by
// the caller's conditions (the same Prisma `where` the rest of the app builds, through
// whereSql), starts at the cursor on the sort index, and turns each row, with its child rows,
// into the API's JSON itself. The server then sends that text on (presentJsonPage) or parses it:
// no row mapping, dates already in the API's format, and the statement goes to the pool as it is
// (queryRows). At a million incidents this is what keeps presenting a page cheaper than fetching
// it (issue 10).
import type pg from 'pg';
import { Prisma } from '../../../prisma/generated/client.ts';
import { queryRows } from './pool-query.ts';
import { afterCursor, toPage, type Sort } from '../http/pagination.ts';
import { tableOf, whereSql } from './where-sql.ts';

// How a column goes out: as PostgreSQL writes it in JSON (text, numbers, enums, uuids, arrays),
// a `date` as YYYY-MM-DD, a `timestamp` as Date.toISOString() does (UTC, milliseconds).
export type ColumnFormat = 'value' | 'date' | 'timestamp';
// every required field of T (optional ones may be left out)
export type JsonColumns<T> = { [K in keyof T]: ColumnFormat };

// A list of child rows that goes out as an array field, in the order of their `position`.
export interface JsonChildren {
  model: Prisma.ModelName;
  // the child's column that holds the parent's id
  parentKey: string;
  columns: Record<string, ColumnFormat>;
}

const { sql, join, raw } = Prisma;

const alias = 'r';
const childAlias = 'c';
const column = (name: string, of = alias) => raw(`${of}."${name}"`);

function formatted(name: string, format: ColumnFormat, of = alias): Prisma.Sql {
  if (format === 'date') return sql`to_char(${column(name, of)}, 'YYYY-MM-DD')`;
  if (format === 'timestamp') {
    return sql`to_char(${column(name, of)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  }
  return column(name, of);
}

const pairsOf = (columns: Record<string, ColumnFormat>, of = alias) =>
  Object.entries(columns).map(
    ([name, format]) => sql`${name}::text, ${formatted(name, format, of)}`,
  );

function childList(name: string, children: JsonChildren): Prisma.Sql {
  return sql`${name}::text, (SELECT coalesce(json_agg(json_build_object(${join(pairsOf(children.columns, childAlias))}) ORDER BY ${column('position', childAlias)}), '[]')
    FROM ${tableOf(children.model)} AS ${raw(childAlias)}
    WHERE ${column(children.parentKey, childAlias)} = ${column('id')})`;
}

// a row as the API's JSON text: its columns, then its lists of children
function itemSql(columns: Record<string, ColumnFormat>, children: Record<string, JsonChildren>) {
  const lists = Object.entries(children).map(([name, list]) => childList(name, list));
  return sql`json_build_object(${join([...pairsOf(columns), ...lists])})::text`;
}

// the SQL type of a sort column, to read the cursor's value as one
const sortTypes: Record<Exclude<ColumnFormat, 'value'>, Prisma.Sql> = {
  date: raw('date'),
  timestamp: raw('timestamptz'),
};

export interface JsonRecordQuery<T> {
  pool: pg.Pool;
  model: Prisma.ModelName;
  columns: Partial<JsonColumns<T>>;
  children?: Record<string, JsonChildren>;
  where: object;
}

// The one record `where` picks, as JSON text (undefined when there is none).
export async function jsonRecord<T>(query: JsonRecordQuery<T>): Promise<string | undefined> {
  const statement = sql`
    SELECT ${itemSql(query.columns as Record<string, ColumnFormat>, query.children ?? {})} AS item
    FROM ${tableOf(query.model)} AS ${raw(alias)}
    WHERE ${whereSql(query.model, alias, query.where)}
    LIMIT 1`;
  const [row] = await queryRows<{ item: string }>(query.pool, statement);
  return row?.item;
}

export interface JsonPageQuery<T> {
  pool: pg.Pool;
  model: Prisma.ModelName;
  columns: JsonColumns<T>;
  children?: Record<string, JsonChildren>;
  where: object;
  sort: Sort<keyof T & string>;
  limit: number;
  cursor: string | undefined;
}

// One page of a list as PostgreSQL wrote it: each item's JSON text, in order, and the fields
// every item carries.
export interface JsonPage {
  items: string[];
  keys: string[];
  nextCursor: string | null;
}

export async function jsonPage<T>(query: JsonPageQuery<T>): Promise<JsonPage> {
  const { columns, sort } = query;
  const sortFormat: ColumnFormat | undefined = columns[sort.field];
  if (sortFormat === undefined || sortFormat === 'value')
    throw new Error(`json-page: cannot sort by ${sort.field}`);
  const direction = raw(sort.direction === 'desc' ? 'DESC' : 'ASC');
  const after = query.cursor ? afterCursor(query.cursor) : undefined;
  const start = after
    ? sql`AND (${column(sort.field)}, ${column('id')}) ${raw(sort.direction === 'desc' ? '<' : '>')}
        (CAST(${after.at} AS ${sortTypes[sortFormat]}), CAST(${after.id} AS uuid))`
    : sql``;
  // the sort value and the id beside the item, for the cursor (toPage), which `limit + 1` rows
  // say is needed
  const statement = sql`
    SELECT ${itemSql(columns, query.children ?? {})} AS item, ${column('id')}::text AS id,
      ${formatted(sort.field, sortFormat)} AS ${raw(`"${sort.field}"`)}
    FROM ${tableOf(query.model)} AS ${raw(alias)}
    WHERE ${whereSql(query.model, alias, query.where)} ${start}
    ORDER BY ${column(sort.field)} ${direction}, ${column('id')} ${direction}
    LIMIT ${query.limit + 1}`;
  const rows = await queryRows<{ item: string; id: string }>(query.pool, statement);
  const { items, nextCursor } = toPage(rows, query.limit, sort);
  const keys = [...Object.keys(columns), ...Object.keys(query.children ?? {})];
  return { items: items.map((row) => row.item), keys, nextCursor };
}
