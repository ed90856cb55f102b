import type { IncidentFormValues } from './form-model.ts';

// The parts of an incident that a conflict compares, each kept or taken as a whole: the date
// goes with its precision, and lists (acts, charges, sources) are compared as lists.
export const conflictFields = [
  'title',
  'summary',
  'date',
  'country',
  'location',
  'acts',
  'charges',
  'sources',
  'verification',
  'confidentiality',
] as const;
export type ConflictField = (typeof conflictFields)[number];
export type Choice = 'mine' | 'theirs';

const trimmed = (value: unknown): unknown => {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, trimmed(item)]));
  }
  return value;
};

function partOf(values: IncidentFormValues, field: ConflictField): unknown {
  if (field === 'date') return { occurredOn: values.occurredOn, precision: values.datePrecision };
  return values[field];
}

const same = (a: unknown, b: unknown) => JSON.stringify(trimmed(a)) === JSON.stringify(trimmed(b));

export interface Difference {
  field: ConflictField;
  // whether the other person changed it since the version the user started from (unknown
  // without that version: then it counts as theirs)
  theyChanged: boolean;
  youChanged: boolean;
}

// The fields where the user's version and the other person's differ.
export function differencesOf(
  mine: IncidentFormValues,
  theirs: IncidentFormValues,
  base: IncidentFormValues | null,
  fields: readonly ConflictField[] = conflictFields,
): Difference[] {
  return fields
    .filter((field) => !same(partOf(mine, field), partOf(theirs, field)))
    .map((field) => ({
      field,
      theyChanged: base ? !same(partOf(base, field), partOf(theirs, field)) : true,
      youChanged: base ? !same(partOf(base, field), partOf(mine, field)) : true,
    }));
}

// What to propose: the user's own changes are kept, the rest is taken from the other person.
export function defaultChoice(difference: Difference): Choice {
  return difference.youChanged ? 'mine' : 'theirs';
}

export function mergeValues(
  mine: IncidentFormValues,
  theirs: IncidentFormValues,
  choices: Partial<Record<ConflictField, Choice>>,
): IncidentFormValues {
  const merged: IncidentFormValues = structuredClone(mine);
  for (const field of conflictFields) {
    if (choices[field] !== 'theirs') continue;
    if (field === 'date') {
      merged.occurredOn = theirs.occurredOn;
      merged.datePrecision = theirs.datePrecision;
    } else {
      // each field keeps its own type; the compiler cannot follow the loop variable
      (merged as unknown as Record<string, unknown>)[field] = structuredClone(theirs[field]);
    }
  }
  return merged;
}
