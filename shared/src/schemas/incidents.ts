import { z } from 'zod';
import {
  confidentialities,
  datePrecisions,
  incidentStatuses,
  reliabilities,
  verifications,
} from '../enums.ts';
import {
  country,
  id,
  isoDate,
  listOf,
  listQuery,
  oneOrMany,
  queryBoolean,
  timestamp,
} from './common.ts';

// A vocabulary code; whether it names a living term is checked against the database.
const code = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, 'A vocabulary code, like ARBITRARY_ARREST')
  .max(64);
// PostgreSQL text cannot hold NUL, so it is refused here rather than failing the write.
const plainText = z
  .string()
  .refine((value) => !value.includes('\u0000'), 'Text without NUL characters');
const text = (max: number) => plainText.trim().min(1).max(max);
// optional on create; null clears it on update
const optionalText = (max: number) => text(max).nullable().optional();

function distinct<T>(values: T[]) {
  return new Set(values).size === values.length;
}

// An incident that "occurred" after tomorrow (UTC, so that Asia's today is never refused) is
// a typing mistake.
const occurredOn = isoDate.refine(
  (value) => Date.parse(value) <= Date.now() + 24 * 60 * 60 * 1000,
  'The date is in the future',
);

export const incidentActInput = z.strictObject({
  defenderId: id,
  violation: code,
  perpetrators: z.array(code).max(20).refine(distinct, 'Each perpetrator once').default([]),
  victimStatus: code.nullable().optional(),
  notes: optionalText(5000),
});

export const incidentChargeInput = z.strictObject({
  defenderId: id,
  law: text(500),
  description: optionalText(5000),
  status: code,
  filedOn: isoDate.nullable().optional(),
  sentence: optionalText(500),
});

export const incidentSourceInput = z.strictObject({
  kind: code,
  reliability: z.enum(reliabilities),
  description: text(5000),
  // sensitive: who the source is (a name, a phone number); shown only to roles allowed to
  identity: optionalText(1000),
});

// Shared by create and update; defaults are added for create only, so that a PATCH never
// resets a field it does not mention.
const incidentFields = {
  title: text(300),
  summary: text(20_000),
  occurredOn,
  datePrecision: z.enum(datePrecisions),
  country,
  location: optionalText(300),
  acts: z.array(incidentActInput).min(1, 'At least one act').max(200),
  charges: z.array(incidentChargeInput).max(200),
  sources: z.array(incidentSourceInput).max(100),
  verification: z.enum(verifications),
  confidentiality: z.enum(confidentialities),
};

// `status` is absent on purpose: new incidents are DRAFT and only transitions move them.
export const createIncidentInput = z.strictObject({
  ...incidentFields,
  datePrecision: incidentFields.datePrecision.default('DAY'),
  charges: incidentFields.charges.default([]),
  sources: incidentFields.sources.default([]),
  verification: incidentFields.verification.default('UNVERIFIED'),
  confidentiality: incidentFields.confidentiality.default('STANDARD'),
});
export type CreateIncidentInput = z.infer<typeof createIncidentInput>;

// Lists given here replace the incident's lists wholesale.
export const updateIncidentInput = z.strictObject({
  ...z.object(incidentFields).partial().shape,
  version: z.number().int().positive(),
});
export type UpdateIncidentInput = z.infer<typeof updateIncidentInput>;

// The OHCHR standard: a fact is verified by at least two independent sources, so VERIFIED
// (and ARCHIVED, which follows it) incidents keep two.
export const sourcesToVerify = 2;

export const transitionIncidentInput = z
  .strictObject({
    to: z.enum(incidentStatuses),
    version: z.number().int().positive(),
    comment: text(5000).optional(),
  })
  .refine((input) => input.to !== 'DRAFT' || input.comment !== undefined, {
    path: ['comment'],
    message: 'Say why the incident goes back to its author',
  });
export type TransitionIncidentInput = z.infer<typeof transitionIncidentInput>;

export const incidentSorts = [
  'occurredOn',
  '-occurredOn',
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
] as const;

// The filters of the incident list, which exports and statistics accept too.
export const incidentFilters = {
  q: plainText.trim().max(200).optional(),
  country: oneOrMany(country).optional(),
  violation: oneOrMany(code).optional(),
  perpetrator: oneOrMany(code).optional(),
  status: oneOrMany(z.enum(incidentStatuses)).optional(),
  verification: oneOrMany(z.enum(verifications)).optional(),
  defenderId: oneOrMany(id).optional(),
  id: oneOrMany(id)
    .optional()
    .describe('only these incidents (up to 50); those the caller may not read are left out'),
  from: isoDate.optional(),
  to: isoDate.optional(),
  createdById: oneOrMany(id).optional().describe('incidents created by these users'),
  returned: queryBoolean
    .optional()
    .describe(
      'true: DRAFT incidents a reviewer sent back (their latest transition was SUBMITTED → DRAFT); false: all others',
    ),
  linkedToAdvocacy: queryBoolean
    .optional()
    .describe('true: linked to at least one advocacy action that is not deleted; false: to none'),
};
export type IncidentFilters = z.output<z.ZodObject<typeof incidentFilters>>;

export const incidentListQuery = z.strictObject({
  ...incidentFilters,
  sort: z.enum(incidentSorts).default('-occurredOn'),
  include: z
    .literal('details')
    .optional()
    .describe('details: each item also carries its summary, acts, charges and sources'),
  ...listQuery,
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentAct = z.object({
  defenderId: id,
  violation: z.string(),
  perpetrators: z.array(z.string()),
  victimStatus: z.string().nullable(),
  notes: z.string().nullable(),
});

export const incidentCharge = z.object({
  defenderId: id,
  law: z.string(),
  description: z.string().nullable(),
  status: z.string(),
  filedOn: isoDate.nullable(),
  sentence: z.string().nullable(),
});

export const incidentSource = z.object({
  kind: z.string(),
  reliability: z.enum(reliabilities),
  description: z.string(),
  // absent unless the caller may see sensitive fields of this incident
  identity: z.string().nullable().optional(),
});

export const incidentOutput = z.object({
  id,
  reference: z.string(),
  title: z.string(),
  summary: z.string(),
  occurredOn: isoDate,
  datePrecision: z.enum(datePrecisions),
  country,
  location: z.string().nullable(),
  acts: z.array(incidentAct),
  charges: z.array(incidentCharge),
  sources: z.array(incidentSource),
  verification: z.enum(verifications),
  status: z.enum(incidentStatuses),
  confidentiality: z.enum(confidentialities),
  // distinct values over the acts, read-only
  defenderIds: z.array(id),
  violations: z.array(z.string()),
  perpetrators: z.array(z.string()),
  sourceCount: z.number().int().describe('how many sources the incident has, read-only'),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  createdById: id,
  // set on deleted incidents, which only admins see
  deletedAt: timestamp.nullable(),
});
export type IncidentOutput = z.infer<typeof incidentOutput>;

// An item of the incident list: what a list shows, the incident's own fields and what its acts
// and sources add up to, without the child rows, which make a page ten times heavier. With
// `include=details` an item also carries its summary, acts, charges and sources (never source
// identities), for the few screens that show them per incident.
export const incidentListItem = incidentOutput
  .omit({ summary: true, acts: true, charges: true, sources: true })
  .extend(
    incidentOutput.pick({ summary: true, acts: true, charges: true, sources: true }).partial()
      .shape,
  );
export type IncidentListItem = z.infer<typeof incidentListItem>;

export const incidentList = listOf(incidentListItem);
export type IncidentList = z.infer<typeof incidentList>;

export const incidentTransition = z.object({
  id,
  from: z.enum(incidentStatuses),
  to: z.enum(incidentStatuses),
  // absent for callers who do not take part in review (shared/src/auth/fields.ts)
  comment: z.string().nullable().optional(),
  actorId: id,
  at: timestamp,
});
export type IncidentTransitionOutput = z.infer<typeof incidentTransition>;

export const incidentTransitionList = listOf(incidentTransition);
export type IncidentTransitionList = z.infer<typeof incidentTransitionList>;
export const incidentTransitionListQuery = z.strictObject(listQuery);
export type IncidentTransitionListQuery = z.infer<typeof incidentTransitionListQuery>;
