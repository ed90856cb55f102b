import type { AppSubjects } from '@vigil/shared/auth/abilities';
import type { IncidentListItem, IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { JsonChildren, JsonColumns } from '../../db/json-page.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { asSubject } from '../../http/subject.ts';
import { auditorOf } from '../audit/index.ts';

// The child rows an incident carries, in their order: as json-page writes them, and (with the
// sources' identities) as Prisma reads them for loadIncident. json-page never reads identities: a
// sensitive value is read with `include=sensitive` only, where each reading is audited, and never
// in bulk.
export const incidentChildren = {
  acts: {
    model: 'IncidentAct',
    parentKey: 'incidentId',
    columns: {
      defenderId: 'value',
      violation: 'value',
      perpetrators: 'value',
      victimStatus: 'value',
      notes: 'value',
    },
  },
  charges: {
    model: 'IncidentCharge',
    parentKey: 'incidentId',
    columns: {
      defenderId: 'value',
      law: 'value',
      description: 'value',
      status: 'value',
      filedOn: 'date',
      sentence: 'value',
    },
  },
  sources: {
    model: 'IncidentSource',
    parentKey: 'incidentId',
    columns: { kind: 'value', reliability: 'value', description: 'value' },
  },
} as const satisfies Record<'acts' | 'charges' | 'sources', JsonChildren>;

// Prisma's select of the same child columns
function childSelect<C extends JsonChildren['columns']>(columns: C) {
  const select = Object.fromEntries(Object.keys(columns).map((column) => [column, true]));
  return { select: select as { [K in keyof C]: true }, orderBy: { position: 'asc' } } as const;
}

export const incidentSelect = {
  id: true,
  reference: true,
  title: true,
  summary: true,
  occurredOn: true,
  datePrecision: true,
  country: true,
  location: true,
  verification: true,
  status: true,
  confidentiality: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
  deletedAt: true,
  acts: childSelect(incidentChildren.acts.columns),
  charges: childSelect(incidentChildren.charges.columns),
  sources: childSelect({ ...incidentChildren.sources.columns, identity: 'value' }),
} satisfies Prisma.IncidentSelect;

// A list item as json-page writes it: the incident's own columns and those that sum up its acts
// and sources (kept by triggers), no child rows; one index scan of one table per page.
export const incidentSummaryColumns = {
  id: 'value',
  reference: 'value',
  title: 'value',
  occurredOn: 'date',
  datePrecision: 'value',
  country: 'value',
  location: 'value',
  verification: 'value',
  status: 'value',
  confidentiality: 'value',
  defenderIds: 'value',
  violations: 'value',
  perpetrators: 'value',
  sourceCount: 'value',
  version: 'value',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
  createdById: 'value',
  deletedAt: 'timestamp',
} as const satisfies JsonColumns<IncidentListItem>;

// The incident's own columns in its detail (and in a list item with `include=details`).
export const incidentColumns = {
  ...incidentSummaryColumns,
  summary: 'value',
} as const satisfies Partial<JsonColumns<IncidentOutput>>;

type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;

const dateOnly = (date: Date) => date.toISOString().slice(0, 10);
const distinct = <T>(values: T[]) => [...new Set(values)];

// The row in the API's shape: dates as YYYY-MM-DD, and the lists derived from the acts.
export function toIncidentOutput(row: IncidentRow): IncidentOutput {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    summary: row.summary,
    occurredOn: dateOnly(row.occurredOn),
    datePrecision: row.datePrecision,
    country: row.country,
    location: row.location,
    acts: row.acts,
    charges: row.charges.map((charge) => ({
      ...charge,
      filedOn: charge.filedOn ? dateOnly(charge.filedOn) : null,
    })),
    sources: row.sources,
    verification: row.verification,
    status: row.status,
    confidentiality: row.confidentiality,
    defenderIds: distinct(row.acts.map((act) => act.defenderId)),
    violations: distinct(row.acts.map((act) => act.violation)),
    perpetrators: distinct(row.acts.flatMap((act) => act.perpetrators)),
    sourceCount: row.sources.length,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdById: row.createdById,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

export const incidentEvent = auditorOf('Incident');

// What the audit log compares: the fields people edit, without bookkeeping (version,
// timestamps) or lists derived from the acts.
export function auditedFields(incident: IncidentOutput) {
  const {
    id: _id,
    version: _version,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    defenderIds: _defenderIds,
    violations: _violations,
    perpetrators: _perpetrators,
    sourceCount: _sourceCount,
    ...edited
  } = incident;
  return edited;
}

// The fields the ability's conditions look at, and only those.
export interface IncidentConditions {
  country: string;
  createdById: string;
  status: IncidentOutput['status'];
  confidentiality: IncidentOutput['confidentiality'];
}

export function incidentSubject(incident: IncidentConditions): AppSubjects {
  const { country, createdById, status, confidentiality } = incident;
  return asSubject('Incident', { country, createdById, status, confidentiality });
}
