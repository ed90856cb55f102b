import { permittedFieldsOf } from '@casl/ability/extra';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { defenderFields, incidentFields, sensitiveFields } from '@vigil/shared/auth/fields';
import type { JsonPage } from '../db/json-page.ts';
import { JsonText } from './json-text.ts';
import { asSubject } from './subject.ts';

// Subjects whose rules may restrict fields; the others are returned whole to whoever may read.
const fieldsOf = { Defender: defenderFields, Incident: incidentFields } as const;
export type FieldRestricted = keyof typeof fieldsOf;

function withoutField(record: Record<string, unknown>, field: string) {
  const [head, child] = field.split('.') as [string, string | undefined];
  if (!child) {
    delete record[head];
    return;
  }
  const nested = record[head];
  if (Array.isArray(nested)) {
    record[head] = nested.map((item: Record<string, unknown>) => {
      const { [child]: _dropped, ...rest } = item;
      return rest;
    });
  }
}

function hasValue(record: Record<string, unknown>, field: string): boolean {
  const [head, child] = field.split('.') as [string, string | undefined];
  const value = record[head];
  if (!child) return value !== null && value !== undefined;
  return Array.isArray(value) && value.some((item: Record<string, unknown>) => item[child] != null);
}

export interface PresentOptions {
  // the caller asked for sensitive values (`?include=sensitive`); without it they never go out
  sensitive: boolean;
}

export interface Presented<T> {
  data: Partial<T>;
  // a sensitive field with a value went out: the caller writes READ_SENSITIVE
  sensitiveShown: boolean;
}

// Drops every field the caller's rules do not grant on this record (permittedFieldsOf), nested
// ones included (`sources.identity`), and every sensitive field unless asked for. The record
// must carry the fields the rules' conditions look at (country, createdById, status,
// confidentiality).
export function present<T extends Record<string, unknown>>(
  ability: AppAbility,
  type: FieldRestricted,
  record: T,
  { sensitive }: PresentOptions,
): Presented<T> {
  // the API shape differs from the model's (nested acts, derived lists)
  const target = asSubject(type, record);
  // a rule without fields grants (or, inverted, takes away) every field of the subject
  const permitted = permittedFieldsOf(ability, 'read', target, {
    fieldsFrom: (rule) => rule.fields ?? [...fieldsOf[type]],
  });
  const data: Record<string, unknown> = { ...record };
  for (const field of fieldsOf[type]) {
    if (!permitted.includes(field)) withoutField(data, field);
  }
  if (!sensitive) for (const field of sensitiveFields[type]) withoutField(data, field);
  const shown = sensitiveFields[type].filter((field) => hasValue(data, field));
  return { data: data as Partial<T>, sensitiveShown: shown.length > 0 };
}

// Whether every record of `type` the ability lets its holder read may show each of `fields`:
// each rule that grants reading grants them all (or every field), and no rule takes a field
// away. Then a list of such records, which never carries sensitive fields, goes out as it is,
// without asking permittedFieldsOf about each record.
function readableInFull(ability: AppAbility, type: FieldRestricted, fields: readonly string[]) {
  return ability
    .possibleRulesFor('read', type)
    .every((rule) =>
      rule.inverted ? !rule.fields : !rule.fields || fields.every((f) => rule.fields!.includes(f)),
    );
}

// Whether the records of a list, which carry `keys` and never sensitive values, go out whole to
// this caller: no field among them is sensitive or withheld by any of the caller's read rules.
function goesOutWhole(ability: AppAbility, type: FieldRestricted, keys: readonly string[]) {
  // a nested field (`sources.identity`) counts as shown when its parent is
  const shown = fieldsOf[type].filter((field) => keys.includes(field.split('.')[0]!));
  const sensitive = sensitiveFields[type] as readonly string[];
  return !shown.some((field) => sensitive.includes(field)) && readableInFull(ability, type, shown);
}

// A page PostgreSQL wrote (jsonPage) as this caller may see it: as it is when its items go out
// whole, else each item parsed and presented.
export function presentJsonPage<T extends Record<string, unknown>>(
  ability: AppAbility,
  type: FieldRestricted,
  page: JsonPage,
): JsonText | { items: Partial<T>[]; nextCursor: string | null } {
  if (goesOutWhole(ability, type, page.keys)) {
    return new JsonText(
      `{"items":[${page.items.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`,
    );
  }
  // sensitive fields never go out in lists
  const items = page.items.map(
    (item) => present(ability, type, JSON.parse(item) as T, { sensitive: false }).data,
  );
  return { items, nextCursor: page.nextCursor };
}
