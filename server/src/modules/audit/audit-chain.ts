// Checks the audit log's hash chain (migration 20261203020000_audit_chain) with its own sha256,
// not the database's function: an attacker who holds the owner could replace that function, not
// this code. The text hashed is the same: each field as its length in bytes, a colon and the
// text, or '-' for NULL, in the order below.
import { createHash } from 'node:crypto';
import type pg from 'pg';

export const genesisHash = '0'.repeat(64);

interface ChainRow {
  seq: string;
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  country: string | null;
  changes: string | null;
  ip: string | null;
  prevHash: string;
  hash: string;
}

export type ChainReport =
  | { intact: true; events: number; head: { seq: string; hash: string } | null }
  | {
      intact: false;
      events: number;
      firstBroken: { seq: string; id: string; at: Date };
      reason: string;
    };

const field = (value: string | null) =>
  value === null ? '-' : `${Buffer.byteLength(value, 'utf8')}:${value}`;

export function eventHash(row: Omit<ChainRow, 'hash'>): string {
  const text = [
    row.prevHash,
    row.seq,
    row.id,
    row.at.toISOString(),
    row.actorId,
    row.action,
    row.entity,
    row.entityId,
    row.country,
    row.changes,
    row.ip,
  ]
    .map(field)
    .join('');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// What is wrong with `row` after `previous` (null: it is the first), or undefined.
function flaw(row: ChainRow, previous: ChainRow | null): string | undefined {
  const expectedSeq = previous ? BigInt(previous.seq) + 1n : 1n;
  if (BigInt(row.seq) !== expectedSeq) {
    return `seq ${expectedSeq} is missing: an event was removed before this one`;
  }
  if (row.prevHash !== (previous?.hash ?? genesisHash)) {
    return 'its link to the previous event does not match: an event before it was removed or replaced';
  }
  if (eventHash(row) !== row.hash) return 'its content does not match its hash: it was altered';
  return undefined;
}

// Walks the whole chain by seq in batches, inside one repeatable-read snapshot so that events
// appended meanwhile do not matter; stops at the first broken event.
export async function verifyAuditChain(
  client: pg.ClientBase,
  batchSize = 1000,
): Promise<ChainReport> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    let previous = null as ChainRow | null;
    let events = 0;
    for (;;) {
      const { rows }: pg.QueryResult<ChainRow> = await client.query<ChainRow>(
        `SELECT "seq"::text AS seq, "id"::text AS id, "at", "actorId"::text AS "actorId",
                "action"::text AS action, "entity", "entityId", "country"::text AS country,
                "changes"::text AS changes, "ip", "prevHash", "hash"
         FROM "AuditEvent" AS e WHERE e."seq" > $1 ORDER BY e."seq" LIMIT $2`,
        [previous?.seq ?? '0', batchSize],
      );
      for (const row of rows) {
        const reason = flaw(row, previous);
        if (reason) {
          return {
            intact: false,
            events,
            firstBroken: { seq: row.seq, id: row.id, at: row.at },
            reason,
          };
        }
        events += 1;
        previous = row;
      }
      if (rows.length < batchSize) {
        return {
          intact: true,
          events,
          head: previous ? { seq: previous.seq, hash: previous.hash } : null,
        };
      }
    }
  } finally {
    await client.query('ROLLBACK');
  }
}

export function describeReport(report: ChainReport): string {
  if (report.intact) {
    return report.head
      ? `The audit chain is intact: ${report.events} events, the last seq ${report.head.seq} with hash ${report.head.hash}`
      : 'The audit chain is intact: the log is empty';
  }
  const { seq, id, at } = report.firstBroken;
  const before =
    report.events === 1 ? 'The event before it is' : `The ${report.events} events before it are`;
  return `The audit chain is broken at seq ${seq} (id ${id}, at ${at.toISOString()}): ${report.reason}. ${before} intact.`;
}
