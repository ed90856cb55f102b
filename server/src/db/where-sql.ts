// A Prisma `where` as an SQL condition, for the aggregate queries Prisma cannot write itself
// (COUNT(DISTINCT ...), GROUP BY over an unnested array). The conditions stay the ones the rest
// of the app builds (the ability's accessibleBy, the list filters), so that a statistic counts
// exactly what the list shows; they are not written a second time in SQL.
//
// It knows the operators of Prisma's filters, with Prisma's SQL semantics (where-sql.test.ts
// compares it with Prisma over the same rows); anything else throws rather than being skipped,
// since a condition left out would count what the caller may not read.
import { Prisma } from '../../../prisma/generated/client.ts';

type Model = Prisma.ModelName;

// How a model reaches another: the column on this side, and the column it equals on the other.
interface Relation {
  model: Model;
  many: boolean;
  from: string;
  to: string;
}

const one = (model: Model, from: string, to = 'id'): Relation => ({ model, many: false, from, to });
const many = (model: Model, to: string, from = 'id'): Relation => ({ model, many: true, from, to });

// Every relation of schema.prisma (where-sql.test.ts checks it against the schema). Tables and
// columns carry the names of their models and fields: these models map none.
export const relations: Partial<Record<Model, Record<string, Relation>>> = {
  User: {
    sessions: many('Session', 'userId'),
    defenders: many('Defender', 'createdById'),
    incidents: many('Incident', 'createdById'),
    advocacyActions: many('AdvocacyAction', 'createdById'),
    auditEvents: many('AuditEvent', 'actorId'),
    transitions: many('IncidentTransition', 'actorId'),
    attachments: many('Attachment', 'uploadedById'),
    recoveryCodes: many('RecoveryCode', 'userId'),
  },
  Session: { user: one('User', 'userId') },
  RecoveryCode: { user: one('User', 'userId') },
  Defender: {
    createdBy: one('User', 'createdById'),
    acts: many('IncidentAct', 'defenderId'),
    charges: many('IncidentCharge', 'defenderId'),
    advocacy: many('AdvocacyDefender', 'defenderId'),
  },
  Incident: {
    createdBy: one('User', 'createdById'),
    acts: many('IncidentAct', 'incidentId'),
    charges: many('IncidentCharge', 'incidentId'),
    sources: many('IncidentSource', 'incidentId'),
    transitions: many('IncidentTransition', 'incidentId'),
    advocacy: many('AdvocacyIncident', 'incidentId'),
  },
  IncidentAct: { incident: one('Incident', 'incidentId'), defender: one('Defender', 'defenderId') },
  IncidentCharge: {
    incident: one('Incident', 'incidentId'),
    defender: one('Defender', 'defenderId'),
  },
  IncidentSource: { incident: one('Incident', 'incidentId') },
  IncidentTransition: { incident: one('Incident', 'incidentId'), actor: one('User', 'actorId') },
  AdvocacyAction: {
    createdBy: one('User', 'createdById'),
    incidents: many('AdvocacyIncident', 'advocacyId'),
    defenders: many('AdvocacyDefender', 'advocacyId'),
  },
  AdvocacyIncident: {
    advocacy: one('AdvocacyAction', 'advocacyId'),
    incident: one('Incident', 'incidentId'),
  },
  AdvocacyDefender: {
    advocacy: one('AdvocacyAction', 'advocacyId'),
    defender: one('Defender', 'defenderId'),
  },
  Attachment: { uploadedBy: one('User', 'uploadedById') },
  AuditEvent: { actor: one('User', 'actorId') },
};

type Where = Record<string, unknown>;
type Value = string | number | boolean | bigint | Date;

const { sql, join, raw } = Prisma;
const TRUE = sql`TRUE`;
const FALSE = sql`FALSE`;

function identifier(name: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`where-sql: bad name ${name}`);
  return raw(`"${name}"`);
}

const columnOf = (alias: string, field: string) => sql`${identifier(alias)}.${identifier(field)}`;

const isObject = (value: unknown): value is Where =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function isValue(value: unknown): value is Value {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value) || value instanceof Date;
}

const unsupported = (what: string): never => {
  throw new Error(`where-sql: ${what} is not supported; teach server/src/db/where-sql.ts`);
};

const and = (parts: Prisma.Sql[]) =>
  parts.length === 0 ? TRUE : parts.length === 1 ? parts[0]! : sql`(${join(parts, ' AND ')})`;
const or = (parts: Prisma.Sql[]) =>
  parts.length === 0 ? FALSE : parts.length === 1 ? parts[0]! : sql`(${join(parts, ' OR ')})`;
const not = (part: Prisma.Sql) => sql`(NOT ${part})`;

const whereOf = (value: unknown): Where =>
  isObject(value) ? value : unsupported(`the condition ${JSON.stringify(value)}`);
// AND and NOT take one condition or a list of them
const listOf = (value: unknown): Where[] => (Array.isArray(value) ? value : [value]).map(whereOf);

function valuesOf(value: unknown, operator: string): Value[] {
  if (!Array.isArray(value) || !value.every(isValue))
    return unsupported(`${operator} without a list`);
  return value;
}

function valueOf(value: unknown, operator: string): Value {
  return isValue(value) ? value : unsupported(`${operator} with ${JSON.stringify(value)}`);
}

function pattern(column: Prisma.Sql, filter: Where, operator: string, value: unknown) {
  const text = valueOf(value, operator);
  const like = filter.mode === 'insensitive' ? raw('ILIKE') : raw('LIKE');
  if (operator === 'contains') return sql`${column}::text ${like} ('%' || ${text} || '%')`;
  if (operator === 'startsWith') return sql`${column}::text ${like} (${text} || '%')`;
  return sql`${column}::text ${like} ('%' || ${text})`;
}

// One field's filter: a value (equals), null, or an object of operators, all of which hold.
function scalarSql(column: Prisma.Sql, filter: unknown): Prisma.Sql {
  if (filter === null) return sql`${column} IS NULL`;
  if (isValue(filter)) return sql`${column} = ${filter}`;
  if (Array.isArray(filter)) return sql`${column} = ${valuesOf(filter, 'equals')}`;
  if (!isObject(filter)) return unsupported(`the filter ${JSON.stringify(filter)}`);
  const parts: Prisma.Sql[] = [];
  for (const [operator, value] of Object.entries(filter)) {
    if (value === undefined || operator === 'mode') continue;
    switch (operator) {
      case 'equals':
        parts.push(scalarSql(column, value));
        break;
      case 'not':
        parts.push(value === null ? sql`${column} IS NOT NULL` : not(scalarSql(column, value)));
        break;
      case 'in': {
        const values = valuesOf(value, operator);
        parts.push(values.length === 0 ? FALSE : sql`${column} IN (${join(values)})`);
        break;
      }
      case 'notIn': {
        const values = valuesOf(value, operator);
        parts.push(values.length === 0 ? TRUE : sql`${column} NOT IN (${join(values)})`);
        break;
      }
      case 'lt':
        parts.push(sql`${column} < ${valueOf(value, operator)}`);
        break;
      case 'lte':
        parts.push(sql`${column} <= ${valueOf(value, operator)}`);
        break;
      case 'gt':
        parts.push(sql`${column} > ${valueOf(value, operator)}`);
        break;
      case 'gte':
        parts.push(sql`${column} >= ${valueOf(value, operator)}`);
        break;
      case 'contains':
      case 'startsWith':
      case 'endsWith':
        parts.push(pattern(column, filter, operator, value));
        break;
      case 'has':
        parts.push(sql`${column} @> ${[valueOf(value, operator)]}`);
        break;
      case 'hasSome':
        parts.push(sql`${column} && ${valuesOf(value, operator)}`);
        break;
      case 'hasEvery':
        parts.push(sql`${column} @> ${valuesOf(value, operator)}`);
        break;
      case 'isEmpty':
        parts.push(value === true ? sql`${column} = '{}'` : sql`${column} <> '{}'`);
        break;
      default:
        unsupported(`the operator ${operator}`);
    }
  }
  return and(parts);
}

interface Scope {
  aliases: number;
}

// The related rows of `relation` from the row `alias`, that satisfy `where`.
function related(
  scope: Scope,
  relation: Relation,
  alias: string,
  where: Where,
  { negate = false } = {},
): Prisma.Sql {
  scope.aliases += 1;
  const inner = `_w${scope.aliases}`;
  const condition = conditionOf(scope, relation.model, inner, where);
  return sql`EXISTS (SELECT 1 FROM ${identifier(relation.model)} AS ${identifier(inner)} WHERE ${columnOf(inner, relation.to)} = ${columnOf(alias, relation.from)} AND ${negate ? not(condition) : condition})`;
}

function relationSql(scope: Scope, relation: Relation, alias: string, filter: unknown) {
  const key = columnOf(alias, relation.from);
  if (relation.many) {
    if (!isObject(filter)) return unsupported(`the relation filter ${JSON.stringify(filter)}`);
    const parts = Object.entries(filter).flatMap(([operator, where]) => {
      if (where === undefined) return [];
      const rows = whereOf(where);
      if (operator === 'some') return [related(scope, relation, alias, rows)];
      if (operator === 'none') return [not(related(scope, relation, alias, rows))];
      if (operator === 'every')
        return [not(related(scope, relation, alias, rows, { negate: true }))];
      return unsupported(`the relation operator ${operator}`);
    });
    return and(parts);
  }
  if (filter === null) return sql`${key} IS NULL`;
  if (!isObject(filter)) return unsupported(`the relation filter ${JSON.stringify(filter)}`);
  if (!('is' in filter) && !('isNot' in filter)) return related(scope, relation, alias, filter);
  const parts: Prisma.Sql[] = [];
  if (filter.is === null) parts.push(sql`${key} IS NULL`);
  else if (filter.is !== undefined) parts.push(related(scope, relation, alias, whereOf(filter.is)));
  // Prisma's isNot also holds when there is no related row
  if (filter.isNot === null) parts.push(sql`${key} IS NOT NULL`);
  else if (filter.isNot !== undefined)
    parts.push(
      or([
        sql`${key} IS NULL`,
        related(scope, relation, alias, whereOf(filter.isNot), { negate: true }),
      ]),
    );
  return and(parts);
}

function conditionOf(scope: Scope, model: Model, alias: string, where: Where): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue;
    if (key === 'AND') {
      parts.push(and(listOf(value).map((w) => conditionOf(scope, model, alias, w))));
    } else if (key === 'OR') {
      parts.push(or(listOf(value).map((w) => conditionOf(scope, model, alias, w))));
    } else if (key === 'NOT') {
      parts.push(and(listOf(value).map((w) => not(conditionOf(scope, model, alias, w)))));
    } else {
      const relation = relations[model]?.[key];
      parts.push(
        relation
          ? relationSql(scope, relation, alias, value)
          : scalarSql(columnOf(alias, key), value),
      );
    }
  }
  return and(parts);
}

// The condition `where` puts on the rows of `model` that the query calls `alias`.
export function whereSql(model: Model, alias: string, where: object): Prisma.Sql {
  return conditionOf({ aliases: 0 }, model, alias, where as Where);
}

// The table of a model, to write next to whereSql's alias.
export const tableOf = (model: Model) => identifier(model);
