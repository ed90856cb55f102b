import { z } from 'zod';
import { vocabularyNames, type VocabularyName } from '../vocabularies.ts';
import { plainText } from './common.ts';

export const vocabularyName = z.enum(vocabularyNames);

// Codes are stable identifiers stored on records; labels are what people read.
export const termCode = z
  .string()
  .max(64)
  .regex(/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/, 'An UPPER_SNAKE code, like ARBITRARY_ARREST');

const label = plainText.trim().min(1).max(200);
const description = plainText.trim().min(1).max(1000);

export const vocabularyTerm = z.object({
  code: z.string(),
  label: z.string(),
  description: z.string().optional(),
  // the group a term belongs to (`LIBERTY` for ARBITRARY_ARREST)
  parent: z.string().optional(),
  // retired terms stay readable on old records but are refused for new uses
  retired: z.boolean(),
});
export type VocabularyTermOutput = z.infer<typeof vocabularyTerm>;

export const vocabulariesOutput = z.object(
  Object.fromEntries(vocabularyNames.map((name) => [name, z.array(vocabularyTerm)])) as Record<
    VocabularyName,
    z.ZodArray<typeof vocabularyTerm>
  >,
);
export type VocabulariesOutput = z.infer<typeof vocabulariesOutput>;

// The name is checked by the service, so that an unknown vocabulary is 404 like any record.
export const vocabularyParams = z.strictObject({
  name: z
    .string()
    .max(64)
    .describe(`One of ${vocabularyNames.join(', ')}`),
});
export const vocabularyTermParams = z.strictObject({
  name: vocabularyParams.shape.name,
  code: plainText.max(64),
});

export const createTermInput = z.strictObject({
  code: termCode,
  label,
  description: description.optional(),
  parent: termCode.optional(),
});
export type CreateTermInput = z.infer<typeof createTermInput>;

// null clears description or parent; codes are never deleted, only retired
export const updateTermInput = z
  .strictObject({
    label: label.optional(),
    description: description.nullable().optional(),
    parent: termCode.nullable().optional(),
    retired: z.boolean().optional(),
  })
  .refine((input) => Object.keys(input).length > 0, 'Give at least one field to change');
export type UpdateTermInput = z.infer<typeof updateTermInput>;
