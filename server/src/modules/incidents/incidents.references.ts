import type { Tx } from '../../db/prisma.ts';

// The next reference of the incident's country and year, like KH-2014-0042. The upsert locks
// the counter row until the creating transaction ends, so concurrent creations queue for their
// numbers instead of sharing one, and a rolled-back creation gives its number back.
export async function nextReference(tx: Tx, country: string, occurredOn: string): Promise<string> {
  const year = Number(occurredOn.slice(0, 4));
  const [counter] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "IncidentReferenceCounter" ("country", "year", "last")
    VALUES (${country}, ${year}, 1)
    ON CONFLICT ("country", "year")
    DO UPDATE SET "last" = "IncidentReferenceCounter"."last" + 1
    RETURNING "last"`;
  if (!counter) throw new Error('the reference counter returned no row');
  return `${country}-${year}-${String(counter.last).padStart(4, '0')}`;
}
