import { z } from 'zod';
import { id, timestamp } from '@vigil/shared/schemas/common';
import { validationError } from './app-error.ts';

// Keyset pagination over a date column with the id as tie-breaker: stable under inserts, and
// each page is one index range scan however deep the list goes.
export interface Sort<F extends string = string> {
  field: F;
  direction: 'asc' | 'desc';
}

// `-occurredOn` → occurredOn descending
export function parseSort<F extends string>(value: `-${F}` | F): Sort<F> {
  return value.startsWith('-')
    ? { field: value.slice(1) as F, direction: 'desc' }
    : { field: value as F, direction: 'asc' };
}

// what toPage hands out; anything else (a forged id or moment) would reach the query
const cursorValue = z.object({ at: timestamp, id });
type CursorValue = z.infer<typeof cursorValue>;

// The position a cursor handed out by toPage stands for; anything else is a 400.
export function afterCursor(cursor: string): CursorValue {
  try {
    const value = cursorValue.safeParse(
      JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')),
    );
    if (value.success) return value.data;
  } catch {
    // reported below
  }
  throw validationError([
    { path: 'query.cursor', message: 'Not a cursor this list handed out', code: 'custom' },
  ]);
}

// The rows after the cursor: (field, id) beyond the cursor's pair. PostgreSQL reads the first
// condition as the start of the (field, id) index range, so a deep page starts where the last one
// ended; the second only sorts out the rows that share the cursor's date.
function after(sort: Sort, { at, id }: CursorValue) {
  const value = new Date(at);
  const [from, beyond] = sort.direction === 'desc' ? ['lte', 'lt'] : ['gte', 'gt'];
  return {
    AND: [
      { [sort.field]: { [from]: value } },
      { OR: [{ [sort.field]: { [beyond]: value } }, { id: { [beyond]: id } }] },
    ],
  };
}

export function pageQuery(sort: Sort, limit: number, cursor: string | undefined) {
  const order = sort.direction;
  const where = cursor ? after(sort, afterCursor(cursor)) : {};
  return { where, orderBy: [{ [sort.field]: order }, { id: order }], take: limit + 1 };
}

// Rows were fetched with take: limit + 1; the extra one only says that there is a next page.
// The sort field is a Date (Prisma's rows) or its text (YYYY-MM-DD or ISO, json-page's rows).
export function toPage<T extends { id: string }>(rows: T[], limit: number, sort: Sort) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(
          JSON.stringify({
            at: new Date(last[sort.field as keyof T] as Date | string).toISOString(),
            id: last.id,
          }),
        ).toString('base64url')
      : null;
  return { items, nextCursor };
}
