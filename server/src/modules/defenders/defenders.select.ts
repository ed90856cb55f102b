import {
  defenderSummary,
  type DefenderOutput,
  type DefenderSummary,
} from '@vigil/shared/schemas/defenders';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { JsonColumns } from '../../db/json-page.ts';

export const defenderSelect = {
  id: true,
  displayName: true,
  legalName: true,
  aliases: true,
  pseudonym: true,
  gender: true,
  genderSelfDescription: true,
  birthYear: true,
  country: true,
  region: true,
  sectors: true,
  organisation: true,
  consent: true,
  shareWithAuthorities: true,
  riskLevel: true,
  contact: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
} satisfies Prisma.DefenderSelect;

export type DefenderRow = Prisma.DefenderGetPayload<{ select: typeof defenderSelect }>;

// A list item as json-page writes it. Lists never carry sensitive fields, whoever asks: they
// are read one defender at a time, so that each reading is a deliberate act with its own
// READ_SENSITIVE event.
export const defenderListColumns = {
  id: 'value',
  displayName: 'value',
  aliases: 'value',
  pseudonym: 'value',
  gender: 'value',
  genderSelfDescription: 'value',
  birthYear: 'value',
  country: 'value',
  sectors: 'value',
  organisation: 'value',
  consent: 'value',
  shareWithAuthorities: 'value',
  riskLevel: 'value',
  notes: 'value',
  version: 'value',
  createdAt: 'timestamp',
  updatedAt: 'timestamp',
  createdById: 'value',
} as const satisfies JsonColumns<DefenderOutput>;

export function toDefenderOutput(row: DefenderRow): DefenderOutput {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

// exactly the fields of the summary schema
export const defenderSummarySelect = Object.fromEntries(
  Object.keys(defenderSummary.shape).map((field) => [field, true]),
) as { [F in keyof typeof defenderSummary.shape]: true } satisfies Prisma.DefenderSelect;

export type DefenderSummaryRow = Prisma.DefenderGetPayload<{
  select: typeof defenderSummarySelect;
}>;

export function toDefenderSummary(row: DefenderSummaryRow): DefenderSummary {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

// What the audit log compares: the fields a user edits, not the bookkeeping around them.
export function auditedFieldsOf(row: DefenderRow) {
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, createdById: _by, ...fields } = row;
  return fields;
}
