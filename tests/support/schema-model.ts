// The database that schema.prisma describes, as Prisma's migrate would create it on PostgreSQL,
// read from the schema's DMMF. The DMMF comes from Prisma's own schema parser compiled to wasm
// (@prisma/prisma-schema-wasm, byte for byte the build that the prisma CLI bundles), because the
// native schema engine that `prisma migrate diff` needs cannot be fetched here.
import fs from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';

// One thing in a database schema, described by strings so that both sides (this file and
// db-introspect.ts) compare with plain equality and print readably.
export interface SchemaObject {
  kind: 'extension' | 'enum' | 'table' | 'column' | 'primary key' | 'index' | 'foreign key';
  // as printed in a report: "Defender"."country"
  name: string;
  // the table it belongs to: when the table itself is missing, its parts are not reported
  table?: string;
  attributes: Record<string, string>;
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'enum' | 'object' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc'; operatorClass?: string }[];
}

interface DmmfEnum {
  name: string;
  dbName: string | null;
  values: { name: string; dbName: string | null }[];
}

interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

export const none = '(none)';

export function quote(identifier: string) {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function sqlString(value: string) {
  return `'${value.replace(/'/g, "''")}'`;
}

// One column of an index as CREATE INDEX writes it; both sides render their columns with this.
export function indexColumn(column: {
  name: string;
  operatorClass?: string | null;
  descending?: boolean;
  nulls?: 'FIRST' | 'LAST' | null;
}) {
  return [
    quote(column.name),
    column.operatorClass,
    column.descending ? 'DESC' : null,
    column.nulls ? `NULLS ${column.nulls}` : null,
  ]
    .filter(Boolean)
    .join(' ');
}

export function columnList(columns: string[]) {
  return `(${columns.join(', ')})`;
}

export const referentialActions: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

const scalarTypes: Record<string, string> = {
  String: 'TEXT',
  Boolean: 'BOOLEAN',
  Int: 'INTEGER',
  BigInt: 'BIGINT',
  Float: 'DOUBLE PRECISION',
  Decimal: 'DECIMAL(65,30)',
  DateTime: 'TIMESTAMP(3)',
  Json: 'JSONB',
  Bytes: 'BYTEA',
};

// Prisma's default constraint names, from the database names of the table and its columns,
// cut to PostgreSQL's 63 bytes before the suffix.
function defaultName(table: string, columns: string[], suffix: 'key' | 'idx' | 'fkey') {
  const limit = 63 - suffix.length - 1;
  return `${[table, ...columns].join('_').slice(0, limit)}_${suffix}`;
}

function unsupported(what: string): never {
  throw new Error(`${what} is not modelled by the schema drift test yet: teach schema-model.ts`);
}

// `@@index([x(ops: JsonbPathOps)])` names PostgreSQL's jsonb_path_ops; `raw("...")` is as written.
function operatorClassName(name: string | undefined) {
  if (!name || !/^[A-Z]/.test(name)) return name;
  return name
    .replace(/MinMax/g, 'Minmax')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

// `extensions = [pg_trgm, citext(map: "ci")]` in the datasource block; the DMMF leaves it out.
function datasourceExtensions(schema: string): string[] {
  const datasource = /datasource\s+\w+\s*\{([^}]*)\}/.exec(schema)?.[1] ?? '';
  const list = /extensions\s*=\s*\[([^\]]*)\]/.exec(datasource)?.[1] ?? '';
  return [...list.matchAll(/(\w+)\s*(\(([^)]*)\))?/g)].map(
    ([, name, , args]) => /map:\s*"([^"]+)"/.exec(args ?? '')?.[1] ?? name!,
  );
}

export function readDatamodel(schemaPath: string): { datamodel: Datamodel; schema: string } {
  const schema = fs.readFileSync(schemaPath, 'utf8');
  const dmmf = get_dmmf(JSON.stringify({ prismaSchema: [[path.basename(schemaPath), schema]] }));
  return { datamodel: (JSON.parse(dmmf) as { datamodel: Datamodel }).datamodel, schema };
}

// What `prisma migrate` would create for schema.prisma, with types and defaults written as
// Prisma writes them in SQL (`TIMESTAMPTZ(3)`, `ARRAY[]::TEXT[]`); db-introspect.ts lets
// PostgreSQL print them in its own words before they are compared.
export function expectedSchema(schemaPath: string): SchemaObject[] {
  const { datamodel, schema } = readDatamodel(schemaPath);
  const enums = new Map(datamodel.enums.map((e) => [e.name, e]));
  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((f) => f.name === fieldName)!;
    return field.dbName ?? field.name;
  };
  const enumValue = (enumName: string, value: string) => {
    const found = enums.get(enumName)!.values.find((v) => v.name === value)!;
    return found.dbName ?? found.name;
  };

  const columnType = (field: DmmfField) => {
    let base: string;
    if (field.kind === 'enum') base = quote(enums.get(field.type)!.dbName ?? field.type);
    else if (field.kind === 'unsupported') base = field.type;
    else if (field.nativeType) {
      const [name, args] = field.nativeType;
      const sqlName = name === 'DoublePrecision' ? 'DOUBLE PRECISION' : name.toUpperCase();
      base = args.length ? `${sqlName}(${args.join(',')})` : sqlName;
    } else base = scalarTypes[field.type] ?? unsupported(`the type ${field.type}`);
    return field.isList ? `${base}[]` : base;
  };

  const literal = (field: DmmfField, value: unknown) => {
    if (field.kind === 'enum') return sqlString(enumValue(field.type, String(value)));
    if (field.type === 'Bytes') unsupported('a Bytes default');
    return typeof value === 'string' ? sqlString(value) : String(value);
  };

  const defaultSql = (field: DmmfField): string => {
    const value = field.default;
    if (value === undefined) return none;
    if (Array.isArray(value)) {
      const elementType = columnType({ ...field, isList: false });
      return `ARRAY[${value.map((v) => literal(field, v)).join(', ')}]::${elementType}[]`;
    }
    if (typeof value === 'object' && value !== null && 'name' in value) {
      const { name, args } = value as { name: string; args: unknown[] };
      if (name === 'now') return 'CURRENT_TIMESTAMP';
      // without an expression: set by a trigger, the column has no default
      if (name === 'dbgenerated') return typeof args[0] === 'string' ? args[0] : none;
      // generated by Prisma's client, not by the database
      if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(name)) return none;
      unsupported(`@default(${name}(${args.join(', ')}))`);
    }
    return literal(field, value);
  };

  const objects: SchemaObject[] = datasourceExtensions(schema).map((name) => ({
    kind: 'extension',
    name,
    attributes: {},
  }));

  for (const e of datamodel.enums) {
    const values = e.values.map((v) => v.dbName ?? v.name);
    // a set, as for Prisma's migrate: a new value goes last with ALTER TYPE ... ADD VALUE
    objects.push({
      kind: 'enum',
      name: quote(e.dbName ?? e.name),
      attributes: { values: values.sort().join(', ') },
    });
  }

  for (const model of datamodel.models) {
    const table = quote(tableOf(model));
    objects.push({ kind: 'table', name: table, attributes: {} });
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      objects.push({
        kind: 'column',
        name: `${table}.${quote(field.dbName ?? field.name)}`,
        table,
        attributes: {
          type: columnType(field),
          // Prisma creates scalar lists nullable, whatever the schema says
          nullability: field.isRequired && !field.isList ? 'NOT NULL' : 'NULL',
          default: defaultSql(field),
        },
      });
    }

    for (const field of model.fields) {
      if (field.kind !== 'object') continue;
      const from = field.relationFromFields ?? [];
      if (from.length === 0) {
        const other = models.get(field.type)!;
        const back = other.fields.find(
          (f) => f.relationName === field.relationName && (other !== model || f !== field),
        );
        if (field.isList && back?.isList) unsupported('an implicit many-to-many relation');
        continue;
      }
      const columns = from.map((name) => columnOf(model, name));
      const target = models.get(field.type)!;
      const onDelete = field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull');
      const onUpdate = field.relationOnUpdate ?? 'Cascade';
      // a relation's `map:` is not in the DMMF, so Prisma's default name is expected
      objects.push({
        kind: 'foreign key',
        name: quote(defaultName(tableOf(model), columns, 'fkey')),
        table,
        attributes: {
          table,
          columns: columnList(columns.map(quote)),
          references: `${quote(tableOf(target))}${columnList(
            (field.relationToFields ?? []).map((name) => quote(columnOf(target, name))),
          )}`,
          'on delete': referentialActions[onDelete]!,
          'on update': referentialActions[onUpdate]!,
        },
      });
    }
  }

  for (const index of datamodel.indexes) {
    const model = models.get(index.model)!;
    const tableName = tableOf(model);
    const table = quote(tableName);
    const columns = index.fields.map((f) => columnOf(model, f.name));
    if (index.type === 'id') {
      objects.push({
        kind: 'primary key',
        name: quote(index.dbName ?? `${tableName}_pkey`),
        table,
        attributes: { table, columns: columnList(columns.map(quote)) },
      });
      continue;
    }
    if (index.type === 'fulltext') unsupported('a full-text index');
    const unique = index.type === 'unique';
    objects.push({
      kind: 'index',
      name: quote(index.dbName ?? defaultName(tableName, columns, unique ? 'key' : 'idx')),
      table,
      attributes: {
        table,
        unique: String(unique),
        method: (index.algorithm ?? 'BTree').toLowerCase(),
        columns: columnList(
          index.fields.map((f, i) =>
            indexColumn({
              name: columns[i]!,
              operatorClass: operatorClassName(f.operatorClass),
              descending: f.sortOrder === 'desc',
            }),
          ),
        ),
      },
    });
  }
  return objects;
}

// Every difference, in words: what is missing, what is extra, what differs. Parts of a table
// that is missing or extra as a whole are not listed again.
export function compareSchemas(expected: SchemaObject[], actual: SchemaObject[]): string[] {
  const key = (object: SchemaObject) => `${object.kind} ${object.name}`;
  const expectedByKey = new Map(expected.map((object) => [key(object), object]));
  const actualByKey = new Map(actual.map((object) => [key(object), object]));
  const tables = (objects: SchemaObject[]) =>
    new Set(objects.filter((o) => o.kind === 'table').map((o) => o.name));
  const expectedTables = tables(expected);
  const actualTables = tables(actual);

  const differences: string[] = [];
  for (const [name, wanted] of expectedByKey) {
    const found = actualByKey.get(name);
    if (!found) {
      if (!wanted.table || actualTables.has(wanted.table))
        differences.push(`${name} is in schema.prisma but not in the database`);
      continue;
    }
    const attributes = new Set([
      ...Object.keys(wanted.attributes),
      ...Object.keys(found.attributes),
    ]);
    for (const attribute of attributes) {
      const want = wanted.attributes[attribute] ?? none;
      const have = found.attributes[attribute] ?? none;
      if (want !== have)
        differences.push(
          `${name}: ${attribute} is ${have} in the database, schema.prisma says ${want}`,
        );
    }
  }
  for (const [name, found] of actualByKey) {
    if (expectedByKey.has(name)) continue;
    if (!found.table || expectedTables.has(found.table))
      differences.push(`${name} is in the database but not in schema.prisma`);
  }
  return differences.sort();
}
