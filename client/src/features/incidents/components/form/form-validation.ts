import { zodResolver } from '@hookform/resolvers/zod';
import { createIncidentInput, updateIncidentInput } from '@vigil/shared/schemas/incidents';
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form';
import { i18n } from '../../../../lib/i18n.ts';
import { toCreateInput, toUpdateFields, type IncidentFormValues } from './form-model.ts';

export interface FormContext {
  // false while the incident is new: it is validated as a create, else as an update
  exists: boolean;
  withSources: boolean;
}

const text = (key: string, options?: Record<string, unknown>) =>
  i18n.t(`form.errors.${key}`, { ns: 'incidents', ...options });

// Words for what zod says in its own terms; the schemas' own sentences ("At least one act")
// are kept, the rest is said here.
function zodMessage(issue: { code: string; origin?: unknown; maximum?: unknown }) {
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return text('tooLong', { max: Number(issue.maximum) });
  }
  if (issue.code === 'too_big' && issue.origin === 'array') {
    return text('tooMany', { max: Number(issue.maximum) });
  }
  return undefined;
}

// The message of a field left blank, by its last path segment ("acts.0.violation").
const requiredKeys: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  occurredOn: 'occurredOn',
  country: 'country',
  acts: 'acts',
  violation: 'violation',
  law: 'law',
  status: 'chargeStatus',
  defenderId: 'chargeDefender',
  kind: 'sourceKind',
  description: 'sourceDescription',
};

function valueAt(values: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined,
    values,
  );
}

function isLeaf(value: unknown): value is FieldError {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as FieldError).type === 'string' &&
    'message' in value
  );
}

// Rewrites, in place, the message of every error on a blank field with what to do about it.
function explainBlanks(errors: unknown, values: IncidentFormValues, path: string[] = []) {
  if (errors === null || typeof errors !== 'object') return;
  for (const [key, error] of Object.entries(errors as Record<string, unknown>)) {
    if (key === 'ref') continue;
    // an array's own error sits on its `root` (or on itself, when nothing below failed)
    const fieldPath = key === 'root' ? path : [...path, key];
    if (isLeaf(error)) {
      const value = valueAt(values, fieldPath);
      const blank =
        value === null ||
        value === undefined ||
        (typeof value === 'string' && value.trim() === '') ||
        (Array.isArray(value) && value.length === 0);
      const last = fieldPath[fieldPath.length - 1] ?? '';
      const inSource = fieldPath[0] === 'sources';
      const requiredKey = last === 'description' && !inSource ? undefined : requiredKeys[last];
      if (blank && requiredKey) error.message = text(`required.${requiredKey}`);
      else if (last === 'occurredOn' && error.type === 'custom') error.message = text('future');
    }
    explainBlanks(error, values, fieldPath);
  }
}

// zodResolver over the shared schema (createIncidentInput for a new incident,
// updateIncidentInput for an existing one), given the API's input made of the form's values.
// The version is the save's business (a stale one is the server's 409), not the user's.
const create = zodResolver(createIncidentInput, { error: zodMessage });
const update = zodResolver(updateIncidentInput.omit({ version: true }), { error: zodMessage });

export const incidentResolver: Resolver<IncidentFormValues, FormContext> = async (
  values,
  context,
  options,
) => {
  const { exists = false, withSources = true } = context ?? {};
  const result = exists
    ? await update(toUpdateFields(values, { withSources }) as never, context, options as never)
    : await create(toCreateInput(values) as never, context, options as never);
  if (Object.keys(result.errors).length === 0) return { values, errors: {} };
  explainBlanks(result.errors, values);
  return { values: {}, errors: result.errors as FieldErrors<IncidentFormValues> };
};

export interface ErrorEntry {
  path: string;
  message: string;
}

// The form's errors, one per field, in the order of the form.
export function flattenErrors(errors: unknown, path: string[] = []): ErrorEntry[] {
  if (errors === null || typeof errors !== 'object') return [];
  const entries: ErrorEntry[] = [];
  if (isLeaf(errors) && typeof errors.message === 'string' && errors.message) {
    entries.push({ path: path.join('.'), message: errors.message });
  }
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    if (key === 'ref' || key === 'message' || key === 'type' || key === 'types') continue;
    entries.push(...flattenErrors(value, key === 'root' ? path : [...path, key]));
  }
  return entries;
}
