import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import type { Changes } from './changes.ts';

export type AuditInput = Omit<Prisma.AuditEventUncheckedCreateInput, 'changes'> & {
  // field-level changes from changesOf, or any other JSON detail (the email of a failed login)
  changes?: Changes | Prisma.InputJsonObject;
};

// Written in the caller's transaction, so that a change and its history land together.
export async function recordAudit(db: Db | Tx, { changes, ...event }: AuditInput): Promise<void> {
  await db.auditEvent.create({
    // changesOf returns JSON-safe values (it round-trips them through JSON)
    data: {
      ...event,
      ...(changes === undefined ? {} : { changes: changes as Prisma.InputJsonObject }),
    },
    select: { id: true },
  });
}
