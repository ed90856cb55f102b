import type {
  consents,
  genders,
  riskLevels,
  shareWithAuthoritiesValues,
} from '@vigil/shared/enums';
import type { CreateDefenderInput, DefenderOutput } from '@vigil/shared/schemas/defenders';

// What the form holds: every field of the contract, an empty optional text as null (which the
// shared schemas accept on create and read as "clear" on update).
export interface DefenderFormValues {
  displayName: string;
  aliases: string[];
  pseudonym: string | null;
  gender: (typeof genders)[number];
  genderSelfDescription: string | null;
  birthYear: number | null;
  country: string;
  sectors: string[];
  organisation: string | null;
  consent: (typeof consents)[number];
  shareWithAuthorities: (typeof shareWithAuthoritiesValues)[number];
  riskLevel: (typeof riskLevels)[number];
  notes: string | null;
  legalName: string | null;
  contact: string | null;
  region: string | null;
  // the version last read, on edit only
  version?: number;
}

export type DefenderField = Exclude<keyof DefenderFormValues, 'version'>;

export const sensitiveFields = [
  'legalName',
  'contact',
  'region',
] as const satisfies DefenderField[];

// In the order of the form, for the error summary and the conflict review.
export const formFields: DefenderField[] = [
  'displayName',
  'aliases',
  'pseudonym',
  'gender',
  'genderSelfDescription',
  'birthYear',
  'country',
  'sectors',
  'organisation',
  'consent',
  'shareWithAuthorities',
  'riskLevel',
  'legalName',
  'contact',
  'region',
  'notes',
];

export const fieldId = (field: string) => `defender-${field}`;

export function emptyDefender(country: string): DefenderFormValues {
  return {
    displayName: '',
    aliases: [],
    pseudonym: null,
    gender: 'UNKNOWN',
    genderSelfDescription: null,
    birthYear: null,
    country,
    sectors: [],
    organisation: null,
    // never public until someone decides so
    consent: 'CONFIDENTIAL',
    shareWithAuthorities: 'UNKNOWN',
    riskLevel: 'MEDIUM',
    notes: null,
    legalName: null,
    contact: null,
    region: null,
  };
}

// A defender as the form holds it; sensitive values only when they were read.
export function toFormValues(defender: DefenderOutput): DefenderFormValues {
  return {
    displayName: defender.displayName,
    aliases: defender.aliases,
    pseudonym: defender.pseudonym,
    gender: defender.gender,
    genderSelfDescription: defender.genderSelfDescription,
    birthYear: defender.birthYear,
    country: defender.country,
    sectors: defender.sectors,
    organisation: defender.organisation,
    consent: defender.consent,
    shareWithAuthorities: defender.shareWithAuthorities,
    riskLevel: defender.riskLevel,
    notes: defender.notes,
    legalName: defender.legalName ?? null,
    contact: defender.contact ?? null,
    region: defender.region ?? null,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

// The fields among `fields` whose value differs between two versions of the form.
export function changedFields(
  values: Partial<DefenderFormValues>,
  base: Partial<DefenderFormValues>,
  fields: readonly DefenderField[],
): DefenderField[] {
  return fields.filter((field) => !same(values[field], base[field]));
}

// The create body: sensitive values only from a form that offered them.
export function toCreateInput(
  values: DefenderFormValues,
  { withSensitive }: { withSensitive: boolean },
): CreateDefenderInput {
  const { version: _version, legalName, contact, region, ...rest } = values;
  return withSensitive ? { ...rest, legalName, contact, region } : rest;
}
