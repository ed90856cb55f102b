import { randomInt } from 'node:crypto';
import type { Tx } from '../../db/prisma.ts';

// Eight random digits: at a million incidents in one country and year, one number in a hundred
// is taken, so a new reference says nothing of how many others exist (a sequence would: a
// researcher handed KH-2014-0002 who sees no KH-2014-0001 learns that a restricted one does).
// References made before this (KH-2014-0042) keep their four digits.
const digits = 8;
const attempts = 10;

// the first key of the transaction-level advisory locks taken on references
const referenceLocks = 0x1ec1d;

// A reference for a new incident of this country and year that no incident holds, like
// KH-2014-48213907. A creation that drew the same number at the same moment holds its lock until
// it commits; the check made after the lock then sees its row, and another number is drawn.
export async function newReference(tx: Tx, country: string, occurredOn: string): Promise<string> {
  const year = occurredOn.slice(0, 4);
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const reference = `${country}-${year}-${String(randomInt(10 ** digits)).padStart(digits, '0')}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${referenceLocks}::int, hashtext(${reference}))`;
    const taken = await tx.incident.count({ where: { reference } });
    if (taken === 0) return reference;
  }
  throw new Error(`no free reference for ${country}-${year} after ${attempts} draws`);
}
