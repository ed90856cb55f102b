import type {
  confidentialities,
  datePrecisions,
  reliabilities,
  verifications,
} from '@vigil/shared/enums';
import {
  createIncidentInput,
  updateIncidentInput,
  type CreateIncidentInput,
  type IncidentOutput,
  type UpdateIncidentInput,
} from '@vigil/shared/schemas/incidents';

type DatePrecision = (typeof datePrecisions)[number];
type Reliability = (typeof reliabilities)[number];
type Verification = (typeof verifications)[number];
type Confidentiality = (typeof confidentialities)[number];

// What the inputs hold while the user types: a blank is '' or null where the API wants the
// value left out. The paths are the API's own (`acts.0.violation`), so that client and server
// errors land on the same field; toCreateInput and toUpdateInput make the API's input of it.
export interface ActValues {
  defenderId: string;
  violation: string | null;
  perpetrators: string[];
  victimStatus: string | null;
  notes: string;
}

export interface ChargeValues {
  defenderId: string | null;
  law: string;
  description: string;
  status: string | null;
  filedOn: string | null;
  sentence: string;
}

export interface SourceValues {
  kind: string | null;
  reliability: Reliability;
  description: string;
  identity: string;
}

export interface IncidentFormValues {
  title: string;
  summary: string;
  occurredOn: string | null;
  datePrecision: DatePrecision;
  country: string | null;
  location: string;
  acts: ActValues[];
  charges: ChargeValues[];
  sources: SourceValues[];
  verification: Verification;
  confidentiality: Confidentiality;
}

export function emptyValues(countries: readonly string[]): IncidentFormValues {
  return {
    title: '',
    summary: '',
    occurredOn: null,
    datePrecision: 'DAY',
    // someone who works on one country logs incidents there
    country: countries.length === 1 ? countries[0]! : null,
    location: '',
    acts: [],
    charges: [],
    sources: [],
    verification: 'UNVERIFIED',
    confidentiality: 'STANDARD',
  };
}

export const newAct = (defenderId: string): ActValues => ({
  defenderId,
  violation: null,
  perpetrators: [],
  victimStatus: null,
  notes: '',
});

export const newCharge = (defenderId: string | null): ChargeValues => ({
  defenderId,
  law: '',
  description: '',
  status: null,
  filedOn: null,
  sentence: '',
});

export const newSource = (): SourceValues => ({
  kind: null,
  reliability: 'UNKNOWN',
  description: '',
  identity: '',
});

export function valuesFromIncident(incident: IncidentOutput): IncidentFormValues {
  return {
    title: incident.title,
    summary: incident.summary,
    occurredOn: incident.occurredOn,
    datePrecision: incident.datePrecision,
    country: incident.country,
    location: incident.location ?? '',
    acts: incident.acts.map((act) => ({
      defenderId: act.defenderId,
      violation: act.violation,
      perpetrators: [...act.perpetrators],
      victimStatus: act.victimStatus,
      notes: act.notes ?? '',
    })),
    charges: incident.charges.map((charge) => ({
      defenderId: charge.defenderId,
      law: charge.law,
      description: charge.description ?? '',
      status: charge.status,
      filedOn: charge.filedOn,
      sentence: charge.sentence ?? '',
    })),
    sources: incident.sources.map((source) => ({
      kind: source.kind,
      reliability: source.reliability,
      description: source.description,
      identity: source.identity ?? '',
    })),
    verification: incident.verification,
    confidentiality: incident.confidentiality,
  };
}

const isBlank = (value: string | null | undefined) => !value || value.trim() === '';

// On create a blank optional field is left out; on update it is null, which clears it.
function inputOf(values: IncidentFormValues, blank: undefined | null) {
  const optional = (value: string | null) => (isBlank(value) ? blank : value);
  return {
    title: values.title,
    summary: values.summary,
    occurredOn: values.occurredOn ?? undefined,
    datePrecision: values.datePrecision,
    country: values.country ?? undefined,
    location: optional(values.location),
    acts: values.acts.map((act) => ({
      defenderId: act.defenderId,
      violation: act.violation ?? undefined,
      perpetrators: act.perpetrators,
      victimStatus: act.victimStatus ?? blank,
      notes: optional(act.notes),
    })),
    charges: values.charges.map((charge) => ({
      defenderId: charge.defenderId ?? undefined,
      law: charge.law,
      description: optional(charge.description),
      status: charge.status ?? undefined,
      filedOn: charge.filedOn ?? blank,
      sentence: optional(charge.sentence),
    })),
    sources: values.sources.map((source) => ({
      kind: source.kind ?? undefined,
      reliability: source.reliability,
      description: source.description,
      identity: optional(source.identity),
    })),
    verification: values.verification,
    confidentiality: values.confidentiality,
  };
}

export const toCreateInput = (values: IncidentFormValues) => inputOf(values, undefined);

// `withSources: false` leaves the sources out of the PATCH: lists given replace the old ones
// wholesale, so sending sources without the identities the caller cannot see would erase them.
export function toUpdateFields(values: IncidentFormValues, { withSources = true } = {}) {
  const { sources, ...rest } = inputOf(values, null);
  return { ...rest, ...(withSources ? { sources } : {}) };
}

export type SaveInput =
  { kind: 'create'; input: CreateIncidentInput } | { kind: 'update'; input: UpdateIncidentInput };

// How many rows were left out of an autosave because they are not complete yet.
export interface LeftOut {
  acts: number;
  charges: number;
  sources: number;
}

// What autosave can send now: the incident with the rows that are complete enough. Incomplete
// rows stay in the form (and in the tab's sessionStorage) until they are.
export function completeRowsOf(values: IncidentFormValues): {
  values: IncidentFormValues;
  leftOut: LeftOut;
} {
  const acts = values.acts.filter((act) => act.violation);
  const charges = values.charges.filter(
    (charge) =>
      charge.defenderId &&
      charge.status &&
      !isBlank(charge.law) &&
      acts.some((act) => act.defenderId === charge.defenderId),
  );
  const sources = values.sources.filter((source) => source.kind && !isBlank(source.description));
  return {
    values: { ...values, acts, charges, sources },
    leftOut: {
      acts: values.acts.length - acts.length,
      charges: values.charges.length - charges.length,
      sources: values.sources.length - sources.length,
    },
  };
}

// The top-level fields an incident needs before it can be created, as autosave names them.
export const requiredFields = ['title', 'summary', 'occurredOn', 'country', 'acts'] as const;
export type RequiredField = (typeof requiredFields)[number];

export type DraftCheck =
  | { ok: true; save: SaveInput; leftOut: LeftOut }
  // `missing`: required fields without a value; `invalid`: fields with a value that is wrong
  | { ok: false; missing: RequiredField[]; invalid: string[] };

export function checkDraft(
  values: IncidentFormValues,
  target: { version: number | null; withSources: boolean },
): DraftCheck {
  const { values: complete, leftOut } = completeRowsOf(values);
  const parsed =
    target.version === null
      ? createIncidentInput.safeParse(toCreateInput(complete))
      : updateIncidentInput.safeParse({
          ...toUpdateFields(complete, { withSources: target.withSources }),
          version: target.version,
        });
  if (parsed.success) {
    const save: SaveInput =
      target.version === null
        ? { kind: 'create', input: parsed.data as CreateIncidentInput }
        : { kind: 'update', input: parsed.data as UpdateIncidentInput };
    return { ok: true, save, leftOut };
  }
  const missing = new Set<RequiredField>();
  const invalid = new Set<string>();
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    const value = (complete as unknown as Record<string, unknown>)[field];
    const empty =
      value === null || (typeof value === 'string' && isBlank(value)) || Array.isArray(value);
    if ((requiredFields as readonly string[]).includes(field) && empty) {
      missing.add(field as RequiredField);
    } else {
      invalid.add(issue.path.join('.'));
    }
  }
  return {
    ok: false,
    missing: requiredFields.filter((field) => missing.has(field)),
    invalid: [...invalid],
  };
}

// Each field's element id, so that the error summary can link to it.
export const fieldId = (path: string) => `incident-${path.replaceAll('.', '-')}`;

// The defenders of the incident, in the order they were added (the order of their first act).
export function defenderIdsOf(acts: readonly Pick<ActValues, 'defenderId'>[]): string[] {
  return [...new Set(acts.map((act) => act.defenderId))];
}
