import { z } from 'zod';
import { consents, genders, riskLevels, shareWithAuthoritiesValues } from '../enums.ts';
import { country, id, listOf, listQuery, oneOrMany, plainText, timestamp } from './common.ts';

const line = (max: number) => plainText.trim().min(1).max(max);
// optional on create; null clears the value on update
const optionalLine = (max: number) => line(max).nullable().optional();
const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'Lists a value twice');

// a code of the `sectors` vocabulary; whether it exists is checked against the database
export const sectorCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'A vocabulary code, like JOURNALIST_MEDIA');

const name = line(200);

// Without defaults, so that the update schema below stays a true partial.
const defenderShape = {
  displayName: name,
  legalName: optionalLine(200),
  aliases: uniqueList(name, 50),
  // shown instead of the name in public outputs when consent is ANONYMISED
  pseudonym: optionalLine(200),
  gender: z.enum(genders),
  genderSelfDescription: optionalLine(200),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  country,
  region: optionalLine(200),
  sectors: uniqueList(sectorCode, 30),
  organisation: optionalLine(300),
  consent: z.enum(consents),
  // whether the name may be given to the government concerned in a confidential UN communication
  shareWithAuthorities: z.enum(shareWithAuthoritiesValues),
  riskLevel: z.enum(riskLevels),
  contact: optionalLine(2000),
  notes: optionalLine(20_000),
};

export const createDefenderInput = z.strictObject({
  ...defenderShape,
  aliases: defenderShape.aliases.default([]),
  gender: defenderShape.gender.default('UNKNOWN'),
  sectors: defenderShape.sectors.default([]),
  // never public until someone decides so
  consent: defenderShape.consent.default('CONFIDENTIAL'),
  // not asked yet, which counts as no
  shareWithAuthorities: defenderShape.shareWithAuthorities.default('UNKNOWN'),
  riskLevel: defenderShape.riskLevel.default('MEDIUM'),
});
export type CreateDefenderInput = z.infer<typeof createDefenderInput>;

export const updateDefenderInput = z.strictObject({
  // the version the caller last read: a stale one is 409 CONFLICT
  version: z.number().int().min(1),
  ...z.object(defenderShape).partial().shape,
});
export type UpdateDefenderInput = z.infer<typeof updateDefenderInput>;

export const defenderSorts = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const defenderListQuery = z.strictObject({
  // every word must occur in a name or alias, whatever the case and accents
  q: plainText.trim().max(200).optional(),
  id: oneOrMany(id)
    .optional()
    .describe('only these defenders (up to 50); those the caller may not read are left out'),
  country: oneOrMany(country).optional(),
  sector: oneOrMany(sectorCode).optional(),
  riskLevel: oneOrMany(z.enum(riskLevels)).optional(),
  sort: z.enum(defenderSorts).default('-createdAt'),
  ...listQuery,
});
export type DefenderListQuery = z.infer<typeof defenderListQuery>;

export const similarDefendersQuery = z.strictObject({
  name: plainText.trim().min(1).max(200),
  // only defenders of this country when given
  country: country.optional(),
});
export type SimilarDefendersQuery = z.infer<typeof similarDefendersQuery>;

// Sensitive fields (legalName, region, contact) are absent unless the caller's rules grant them.
export const defenderOutput = z.object({
  id,
  displayName: z.string(),
  legalName: z.string().nullable().optional(),
  aliases: z.array(z.string()),
  pseudonym: z.string().nullable(),
  gender: z.enum(genders),
  genderSelfDescription: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  country,
  region: z.string().nullable().optional(),
  sectors: z.array(z.string()),
  organisation: z.string().nullable(),
  consent: z.enum(consents),
  shareWithAuthorities: z.enum(shareWithAuthoritiesValues),
  riskLevel: z.enum(riskLevels),
  contact: z.string().nullable().optional(),
  notes: z.string().nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  createdById: id,
});
export type DefenderOutput = z.infer<typeof defenderOutput>;

export const defenderList = listOf(defenderOutput);
export type DefenderList = z.infer<typeof defenderList>;

// enough to tell whether a likely duplicate is the same person, and no sensitive field
export const defenderSummary = defenderOutput.pick({
  id: true,
  displayName: true,
  aliases: true,
  gender: true,
  birthYear: true,
  country: true,
  sectors: true,
  organisation: true,
  riskLevel: true,
  createdAt: true,
  createdById: true,
});
export type DefenderSummary = z.infer<typeof defenderSummary>;

export const similarDefenders = z.object({
  items: z.array(defenderSummary.extend({ similarity: z.number().min(0).max(1) })),
});
export type SimilarDefenders = z.infer<typeof similarDefenders>;
