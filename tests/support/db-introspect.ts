// The schema a PostgreSQL database really has, read from its catalog, in the terms of
// schema-model.ts. Only what schema.prisma can express is read: triggers, functions, check
// constraints and grants are out of scope, and so is Prisma's own `_prisma_migrations`.
import type pg from 'pg';
import {
  columnList,
  indexColumn,
  none,
  quote,
  referentialActions,
  type SchemaObject,
} from './schema-model.ts';

const inSchema = `n.nspname = current_schema()`;
const notMigrationsTable = `t.relname <> '_prisma_migrations'`;

const actionCodes: Record<string, string> = {
  a: referentialActions.NoAction!,
  r: referentialActions.Restrict!,
  c: referentialActions.Cascade!,
  n: referentialActions.SetNull!,
  d: referentialActions.SetDefault!,
};

async function rows<T>(client: pg.ClientBase, sql: string): Promise<T[]> {
  return (await client.query(sql)).rows as T[];
}

const columnsQuery = `
SELECT t.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull",
       CASE
         WHEN a.attidentity <> '' THEN
           'GENERATED ' || CASE a.attidentity WHEN 'a' THEN 'ALWAYS' ELSE 'BY DEFAULT' END || ' AS IDENTITY'
         WHEN a.attgenerated <> '' THEN 'GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ')'
         ELSE pg_get_expr(d.adbin, d.adrelid)
       END AS default
FROM pg_attribute a
JOIN pg_class t ON t.oid = a.attrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE ${inSchema} AND ${notMigrationsTable} AND t.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped`;

interface IndexRow {
  name: string;
  table: string;
  unique: boolean;
  primary: boolean;
  method: string;
  predicate: string | null;
  columns: {
    name: string;
    expression: boolean;
    key: boolean;
    descending: boolean;
    nullsFirst: boolean;
    operatorClass: string | null;
    defaultOperatorClass: boolean | null;
  }[];
}

// indoption bit 1 is DESC, bit 2 NULLS FIRST; indclass and indoption cover key columns only
const indexesQuery = `
SELECT i.relname AS name, t.relname AS table, x.indisunique AS unique, x.indisprimary AS primary,
       am.amname AS method, pg_get_expr(x.indpred, x.indrelid) AS predicate,
       json_agg(json_build_object(
         'name', coalesce(a.attname, pg_get_indexdef(x.indexrelid, k.i::int, true)),
         'expression', k.attnum = 0,
         'key', k.i <= x.indnkeyatts,
         'descending', coalesce((x.indoption[k.i - 1] & 1) = 1, false),
         'nullsFirst', coalesce((x.indoption[k.i - 1] & 2) = 2, false),
         'operatorClass', oc.opcname,
         'defaultOperatorClass', oc.opcdefault
       ) ORDER BY k.i) AS columns
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = i.relam
CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, i)
LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
LEFT JOIN pg_opclass oc ON oc.oid = x.indclass[k.i - 1] AND k.i <= x.indnkeyatts
WHERE ${inSchema} AND ${notMigrationsTable}
GROUP BY i.relname, t.relname, x.indisunique, x.indisprimary, am.amname, x.indpred, x.indrelid`;

const foreignKeysQuery = `
SELECT c.conname AS name, t.relname AS table, r.relname AS "referencedTable",
       (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns,
       (SELECT json_agg(a.attname ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, i)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) AS "referencedColumns",
       c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate"
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_class r ON r.oid = c.confrelid
JOIN pg_namespace n ON n.oid = c.connamespace
WHERE c.contype = 'f' AND ${inSchema}`;

const enumsQuery = `
SELECT t.typname AS name, coalesce(json_agg(e.enumlabel) FILTER (WHERE e.enumlabel IS NOT NULL), '[]') AS values
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e' AND ${inSchema}
GROUP BY t.typname`;

const tablesQuery = `
SELECT t.relname AS name FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE ${inSchema} AND ${notMigrationsTable} AND t.relkind IN ('r', 'p')`;

export async function introspect(client: pg.ClientBase): Promise<SchemaObject[]> {
  const objects: SchemaObject[] = [];

  for (const { name } of await rows<{ name: string }>(
    client,
    `SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`,
  ))
    objects.push({ kind: 'extension', name, attributes: {} });

  for (const { name, values } of await rows<{ name: string; values: string[] }>(client, enumsQuery))
    objects.push({
      kind: 'enum',
      name: quote(name),
      attributes: { values: [...values].sort().join(', ') },
    });

  for (const { name } of await rows<{ name: string }>(client, tablesQuery))
    objects.push({ kind: 'table', name: quote(name), attributes: {} });

  for (const row of await rows<{
    table: string;
    column: string;
    type: string;
    notNull: boolean;
    default: string | null;
  }>(client, columnsQuery))
    objects.push({
      kind: 'column',
      name: `${quote(row.table)}.${quote(row.column)}`,
      table: quote(row.table),
      attributes: {
        type: row.type,
        nullability: row.notNull ? 'NOT NULL' : 'NULL',
        default: row.default ?? none,
      },
    });

  for (const index of await rows<IndexRow>(client, indexesQuery)) {
    const table = quote(index.table);
    const render = (column: IndexRow['columns'][number]) =>
      column.expression
        ? `(${column.name})`
        : indexColumn({
            name: column.name,
            operatorClass: column.defaultOperatorClass ? null : column.operatorClass,
            descending: column.descending,
            // the default is NULLS LAST ascending and NULLS FIRST descending
            nulls:
              column.nullsFirst === column.descending ? null : column.nullsFirst ? 'FIRST' : 'LAST',
          });
    const keyColumns = columnList(index.columns.filter((c) => c.key).map(render));
    const included = index.columns.filter((c) => !c.key).map(render);
    if (index.primary) {
      objects.push({
        kind: 'primary key',
        name: quote(index.name),
        table,
        attributes: { table, columns: keyColumns },
      });
      continue;
    }
    objects.push({
      kind: 'index',
      name: quote(index.name),
      table,
      attributes: {
        table,
        unique: String(index.unique),
        method: index.method,
        columns: keyColumns,
        // neither can be said in schema.prisma, so either is drift
        ...(included.length ? { include: columnList(included) } : {}),
        ...(index.predicate ? { where: index.predicate } : {}),
      },
    });
  }

  for (const fk of await rows<{
    name: string;
    table: string;
    referencedTable: string;
    columns: string[];
    referencedColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(client, foreignKeysQuery))
    objects.push({
      kind: 'foreign key',
      name: quote(fk.name),
      table: quote(fk.table),
      attributes: {
        table: quote(fk.table),
        columns: columnList(fk.columns.map(quote)),
        references: `${quote(fk.referencedTable)}${columnList(fk.referencedColumns.map(quote))}`,
        'on delete': actionCodes[fk.onDelete]!,
        'on update': actionCodes[fk.onUpdate]!,
      },
    });

  return objects;
}

// Types and defaults as PostgreSQL prints them: each expected column is created once in a
// temporary table and read back, so that `TIMESTAMPTZ(3)` meets `timestamp(3) with time zone`
// and `ARRAY[]::TEXT[]` meets `ARRAY[]::text[]`. Runs in a transaction that is rolled back, so
// the client must not be in one. A column that cannot be created (its enum type is missing,
// say) keeps its SQL as written; the drift is reported all the same.
export async function inPostgresTerms(
  client: pg.ClientBase,
  objects: SchemaObject[],
): Promise<SchemaObject[]> {
  const printed = new Map<string, { type: string; default: string }>();
  const print = async (type: string, defaultSql: string) => {
    const key = `${type}\u0000${defaultSql}`;
    if (!printed.has(key)) {
      await client.query('SAVEPOINT probe');
      try {
        const withDefault = defaultSql === none ? '' : ` DEFAULT ${defaultSql}`;
        await client.query(`CREATE TEMP TABLE vigil_probe (v ${type}${withDefault})`);
        const { rows } = await client.query<{ type: string; default: string | null }>(
          `SELECT format_type(a.atttypid, a.atttypmod) AS type, pg_get_expr(d.adbin, d.adrelid) AS default
           FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
           WHERE a.attrelid = 'vigil_probe'::regclass AND a.attname = 'v'`,
        );
        printed.set(key, { type: rows[0]!.type, default: rows[0]!.default ?? none });
      } catch {
        printed.set(key, { type, default: defaultSql });
      } finally {
        await client.query('ROLLBACK TO SAVEPOINT probe');
      }
    }
    return printed.get(key)!;
  };

  await client.query('BEGIN');
  try {
    const result: SchemaObject[] = [];
    for (const object of objects) {
      if (object.kind !== 'column') {
        result.push(object);
        continue;
      }
      const { type, default: defaultSql } = object.attributes;
      result.push({
        ...object,
        attributes: { ...object.attributes, ...(await print(type!, defaultSql!)) },
      });
    }
    return result;
  } finally {
    await client.query('ROLLBACK');
  }
}
