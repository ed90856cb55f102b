import type { Action, AppAbility, AppSubjects } from '@vigil/shared/auth/abilities';
import { sensitiveFields } from '@vigil/shared/auth/fields';
import type { SessionUser } from '@vigil/shared/schemas/auth';
import { formatCountries, joinOr } from '../../lib/format.ts';

export type SubjectType = Extract<AppSubjects, string>;

// subjects that are capabilities rather than tables of records
const recordless = new Set<SubjectType>(['Statistics', 'Export', 'all']);

function valuesOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object' && 'in' in value && Array.isArray(value.in)) {
    return value.in.map(String);
  }
  return undefined;
}

function describeCondition(key: string, value: unknown, user: SessionUser): string {
  const values = valuesOf(value);
  if (key === 'country') return `in ${formatCountries(values ?? user.countries)}`;
  if (key === 'createdById') return value === user.id ? 'that you created' : 'created by others';
  if (key === 'confidentiality' && value === 'STANDARD') return 'except restricted ones';
  if (values) return `with ${key} ${joinOr(values)}`;
  return `with ${key} ${JSON.stringify(value)}`;
}

function hidesSensitive(subject: SubjectType, fields: readonly string[] | undefined): boolean {
  const sensitive: readonly string[] =
    subject in sensitiveFields ? sensitiveFields[subject as keyof typeof sensitiveFields] : [];
  return fields !== undefined && sensitive.some((field) => !fields.includes(field));
}

// Puts the caller's rules for one action into words, e.g. "in Cambodia (KH), with status
// DRAFT, that you created". Returns undefined when the action is not allowed at all.
export function describeAccess(
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  user: SessionUser,
): string | undefined {
  if (!ability.can(action, subject)) return undefined;
  // rulesFor lists the last defined rule first; the definition order reads better
  const rules = ability
    .rulesFor(action, subject)
    .filter((rule) => !rule.inverted)
    .reverse();
  const phrases = rules.map((rule) => {
    const parts = Object.entries((rule.conditions ?? {}) as Record<string, unknown>).map(
      ([key, value]) => describeCondition(key, value, user),
    );
    const fields = rule.fields === undefined ? undefined : [rule.fields].flat();
    if (action === 'transition' && fields) parts.unshift(`to ${joinOr(fields)}`);
    else if (hidesSensitive(subject, fields)) parts.push('without sensitive fields');
    return parts.length === 0 ? 'all records' : parts.join(', ');
  });
  if (phrases.includes('all records')) return recordless.has(subject) ? 'Yes' : 'All records';
  const text = [...new Set(phrases)].join('; or ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
