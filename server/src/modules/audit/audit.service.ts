import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';

export type AuditInput = Prisma.AuditEventUncheckedCreateInput;

// Written in the caller's transaction, so that a change and its history land together.
export async function recordAudit(db: Db | Tx, event: AuditInput): Promise<void> {
  await db.auditEvent.create({ data: event, select: { id: true } });
}
