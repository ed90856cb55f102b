import type { AppAbility } from '@vigil/shared/auth/abilities';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import { readableDefenders } from '../defenders/index.ts';
import { readableIncidents } from '../incidents/index.ts';

const fieldSelect = {
  id: true,
  kind: true,
  title: true,
  date: true,
  venue: true,
  status: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdById: true,
} satisfies Prisma.AdvocacyActionSelect;

// Every link, restricted or not: for the audit log and for keeping the links a caller cannot
// see when they replace the ones they can. Never returned as is.
export const advocacyRecordSelect = {
  ...fieldSelect,
  incidents: { select: { incidentId: true }, orderBy: { incidentId: 'asc' } },
  defenders: { select: { defenderId: true }, orderBy: { defenderId: 'asc' } },
} satisfies Prisma.AdvocacyActionSelect;

// What a caller gets: links only to the records they may read, so that an action never leaks
// the id of a restricted or out-of-country incident or defender.
export function advocacySelect(ability: AppAbility) {
  return {
    ...fieldSelect,
    incidents: {
      where: { incident: readableIncidents(ability) },
      select: { incidentId: true },
      orderBy: { incidentId: 'asc' },
    },
    defenders: {
      where: { defender: readableDefenders(ability) },
      select: { defenderId: true },
      orderBy: { defenderId: 'asc' },
    },
  } satisfies Prisma.AdvocacyActionSelect;
}

export type AdvocacyRow = Prisma.AdvocacyActionGetPayload<{ select: typeof advocacyRecordSelect }>;

export function toAdvocacyOutput(row: AdvocacyRow): AdvocacyOutput {
  const { date, createdAt, updatedAt, incidents, defenders, ...fields } = row;
  return {
    ...fields,
    date: date.toISOString().slice(0, 10),
    incidentIds: incidents.map((link) => link.incidentId),
    defenderIds: defenders.map((link) => link.defenderId),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  };
}

// What the audit log compares: the fields a user edits, not the bookkeeping around them.
export function auditedFieldsOf(action: AdvocacyOutput) {
  const {
    id: _id,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    createdById: _by,
    ...fields
  } = action;
  return fields;
}
