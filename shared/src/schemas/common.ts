import { z } from 'zod';

export const id = z.uuid();
export const idParams = z.strictObject({ id });

// The query of a single defender or incident: `include=sensitive` asks for its sensitive values
// (shown where the ability allows, and audited as READ_SENSITIVE); without it they are absent.
export const includeQuery = z.strictObject({ include: z.literal('sensitive').optional() });
export type IncludeQuery = z.infer<typeof includeQuery>;
export const country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 country code, like KH')
  .describe('ISO 3166-1 alpha-2');
// Year 0 (1 BC) is valid ISO 8601 but reaches PostgreSQL as a date it refuses.
const yearOne = Date.parse('0001-01-01T00:00:00Z');
const fromYearOne = (value: string) => Date.parse(value) >= yearOne;
export const isoDate = z.iso.date().refine(fromYearOne, 'A date from year 1 on');
export const timestamp = z.iso
  .datetime({ offset: true })
  .refine(fromYearOne, 'A moment from year 1 on');

// PostgreSQL text cannot hold NUL, so it is refused here rather than failing the query.
export const plainText = z
  .string()
  .refine((value) => !value.includes('\u0000'), 'Text without NUL characters');

// One value or several: `country=KH&country=MM` means either.
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z
    .union([item, z.array(item).max(50)])
    .transform((value): z.output<T>[] => (Array.isArray(value) ? value : [value]));
}

// `true` or `false` in a query string, as a boolean; nothing else (no `1`, `yes`, empty)
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
