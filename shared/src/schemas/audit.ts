import { z } from 'zod';
import { auditActions } from '../enums.ts';
import {
  country,
  id,
  isoDate,
  listOf,
  listQuery,
  oneOrMany,
  plainText,
  timestamp,
} from './common.ts';

// A day (`2026-03-01`, the whole day) or an exact moment.
const dayOrMoment = z.union([isoDate, timestamp]);

export const auditListQuery = z.strictObject({
  entity: oneOrMany(plainText.min(1).max(64))
    .optional()
    .describe('Defender, Incident, AdvocacyAction, User, VocabularyTerm, ...'),
  entityId: oneOrMany(plainText.min(1).max(200)).optional(),
  actorId: oneOrMany(id).optional(),
  action: oneOrMany(z.enum(auditActions)).optional(),
  from: dayOrMoment.optional().describe('on or after this day or moment'),
  to: dayOrMoment.optional().describe('on or before this day (the whole day) or moment'),
  ...listQuery,
});
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditEventOutput = z.object({
  id,
  at: timestamp,
  // null for a failed sign-in with an unknown email
  actorId: id.nullable(),
  action: z.enum(auditActions),
  entity: z.string(),
  entityId: z.string().nullable(),
  // the record's country, for records that have one
  country: country.nullable(),
  // {field: {from, to}} for changes, with sensitive values masked; other details for the rest
  changes: z.unknown().optional(),
});
export type AuditEventOutput = z.infer<typeof auditEventOutput>;

export const auditListOutput = listOf(auditEventOutput);
export type AuditListOutput = z.infer<typeof auditListOutput>;
