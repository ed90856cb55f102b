import { z } from 'zod';
import { advocacyKinds, advocacyStatuses } from '../enums.ts';
import { id, isoDate, listOf, listQuery, oneOrMany, plainText, timestamp } from './common.ts';

const line = (max: number) => plainText.trim().min(1).max(max);
// optional on create; null clears the value on update
const optionalLine = (max: number) => line(max).nullable().optional();
const idList = z
  .array(id)
  .max(200)
  .refine((ids) => new Set(ids).size === ids.length, 'Lists an id twice');

// Without defaults, so that the update schema below stays a true partial.
const advocacyShape = {
  kind: z.enum(advocacyKinds),
  title: line(300),
  date: isoDate,
  venue: optionalLine(300),
  status: z.enum(advocacyStatuses),
  // the cases the action is about: records the caller may read
  incidentIds: idList,
  defenderIds: idList,
  notes: optionalLine(20_000),
};

export const createAdvocacyInput = z.strictObject({
  ...advocacyShape,
  status: advocacyShape.status.default('PLANNED'),
  incidentIds: advocacyShape.incidentIds.default([]),
  defenderIds: advocacyShape.defenderIds.default([]),
});
export type CreateAdvocacyInput = z.infer<typeof createAdvocacyInput>;

// incidentIds and defenderIds replace the links the caller can see; links to records the
// caller may not read are kept as they are
export const updateAdvocacyInput = z.strictObject({
  // the version the caller last read: a stale one is 409 CONFLICT
  version: z.number().int().min(1),
  ...z.object(advocacyShape).partial().shape,
});
export type UpdateAdvocacyInput = z.infer<typeof updateAdvocacyInput>;

export const advocacySorts = ['date', '-date', 'updatedAt', '-updatedAt'] as const;

export const advocacyListQuery = z.strictObject({
  // every word must occur in the title, whatever the case
  q: plainText.trim().max(200).optional(),
  kind: oneOrMany(z.enum(advocacyKinds)).optional(),
  status: oneOrMany(z.enum(advocacyStatuses)).optional(),
  incidentId: oneOrMany(id).optional(),
  defenderId: oneOrMany(id).optional(),
  from: isoDate.optional().describe('date on or after'),
  to: isoDate.optional().describe('date on or before'),
  sort: z.enum(advocacySorts).default('-date'),
  ...listQuery,
});
export type AdvocacyListQuery = z.infer<typeof advocacyListQuery>;

// incidentIds and defenderIds list only the linked records the caller may read
export const advocacyOutput = z.object({
  id,
  kind: z.enum(advocacyKinds),
  title: z.string(),
  date: isoDate,
  venue: z.string().nullable(),
  status: z.enum(advocacyStatuses),
  incidentIds: z.array(id),
  defenderIds: z.array(id),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  createdById: id,
});
export type AdvocacyOutput = z.infer<typeof advocacyOutput>;

export const advocacyList = listOf(advocacyOutput);
export type AdvocacyList = z.infer<typeof advocacyList>;
