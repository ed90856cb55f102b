import type { advocacyKinds, advocacyStatuses } from '@vigil/shared/enums';
import type { AdvocacyOutput, CreateAdvocacyInput } from '@vigil/shared/schemas/advocacy';

// What the form holds: an empty optional text as null (which the shared schemas accept on
// create and read as "clear" on update); kind and date are null until chosen.
export interface AdvocacyFormValues {
  kind: (typeof advocacyKinds)[number] | null;
  title: string;
  date: string | null;
  venue: string | null;
  status: (typeof advocacyStatuses)[number];
  incidentIds: string[];
  defenderIds: string[];
  notes: string | null;
  // the version last read, on edit only
  version?: number;
}

export type AdvocacyField = Exclude<keyof AdvocacyFormValues, 'version'>;

// In the order of the form, for the error summary and the conflict review.
export const formFields: AdvocacyField[] = [
  'kind',
  'title',
  'date',
  'venue',
  'status',
  'incidentIds',
  'defenderIds',
  'notes',
];

export const fieldId = (field: string) => `advocacy-${field}`;

export const emptyAdvocacy: AdvocacyFormValues = {
  kind: null,
  title: '',
  date: null,
  venue: null,
  status: 'PLANNED',
  incidentIds: [],
  defenderIds: [],
  notes: null,
};

export function toFormValues(action: AdvocacyOutput): AdvocacyFormValues {
  return {
    kind: action.kind,
    title: action.title,
    date: action.date,
    venue: action.venue,
    status: action.status,
    incidentIds: action.incidentIds,
    defenderIds: action.defenderIds,
    notes: action.notes,
  };
}

const same = (a: unknown, b: unknown) => {
  // link lists are sets: their order does not matter
  if (Array.isArray(a) && Array.isArray(b)) {
    return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
};

export function sameValue(a: unknown, b: unknown): boolean {
  return same(a, b);
}

export function changedFields(
  values: Partial<AdvocacyFormValues>,
  base: Partial<AdvocacyFormValues>,
): AdvocacyField[] {
  return formFields.filter((field) => !same(values[field], base[field]));
}

// Validated values are complete: kind and date were chosen.
export function toCreateInput(values: AdvocacyFormValues): CreateAdvocacyInput {
  const { version: _version, kind, date, ...rest } = values;
  return { ...rest, kind: kind!, date: date! };
}
