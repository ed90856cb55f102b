import { ForbiddenError } from '@casl/ability';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { AuditEventOutput, AuditListQuery } from '@vigil/shared/schemas/audit';
import type { AuditAction, Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { pageQuery, parseSort, toPage } from '../../http/pagination.ts';
import type { Ctx } from '../../http/request-context.ts';
import type { Changes } from './changes.ts';

export type AuditInput = Omit<Prisma.AuditEventUncheckedCreateInput, 'changes'> & {
  // field-level changes from changesOf, or any other JSON detail (the email of a failed login)
  changes?: Changes | Prisma.InputJsonObject;
};

// changesOf returns JSON-safe values (it round-trips them through JSON)
function toRow({ changes, ...event }: AuditInput): Prisma.AuditEventUncheckedCreateInput {
  return {
    ...event,
    ...(changes === undefined ? {} : { changes: changes as Prisma.InputJsonObject }),
  };
}

// Written in the caller's transaction, so that a change and its history land together.
export async function recordAudit(db: Db | Tx, event: AuditInput): Promise<void> {
  await db.auditEvent.create({ data: toRow(event), select: { id: true } });
}

// Many events in one insert, however many records a list shows.
export async function recordAudits(db: Db | Tx, events: AuditInput[]): Promise<void> {
  if (events.length > 0) await db.auditEvent.createMany({ data: events.map(toRow) });
}

// Services audit what the signed-in caller does to one record of `entity`; records without a
// country (advocacy actions, users) are logged with none.
export function auditorOf(entity: string) {
  return (
    ctx: Pick<Ctx, 'user' | 'ip'>,
    action: AuditAction,
    record: { id: string; country?: string | null },
    changes?: AuditInput['changes'],
  ): AuditInput => ({
    actorId: ctx.user.id,
    action,
    entity,
    entityId: record.id,
    country: record.country ?? null,
    ...(changes === undefined ? {} : { changes }),
    ip: ctx.ip,
  });
}

const newestFirst = parseSort('-at');
const day = /^\d{4}-\d{2}-\d{2}$/;

// `to` as a day includes the whole of it
function atRange(from: string | undefined, to: string | undefined): Prisma.DateTimeFilter {
  const range: Prisma.DateTimeFilter = {};
  if (from) range.gte = new Date(from);
  if (to && day.test(to)) range.lt = new Date(Date.parse(to) + 24 * 60 * 60 * 1000);
  else if (to) range.lte = new Date(to);
  return range;
}

const eventSelect = {
  id: true,
  at: true,
  actorId: true,
  action: true,
  entity: true,
  entityId: true,
  country: true,
  changes: true,
} as const;

type EventRow = Prisma.AuditEventGetPayload<{ select: typeof eventSelect }>;

function toEvent({ at, changes, ...row }: EventRow): AuditEventOutput {
  return { ...row, at: at.toISOString(), ...(changes === null ? {} : { changes }) };
}

// Managers read the history of their countries' records, admins all of it; for everyone else
// the log does not exist (403 rather than an always-empty list).
export async function listAudit(ctx: Ctx, query: AuditListQuery) {
  ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'AuditEvent');
  const page = pageQuery(newestFirst, query.limit, query.cursor);
  const where: Prisma.AuditEventWhereInput[] = [
    accessibleBy(ctx.ability, 'read').ofType('AuditEvent'),
    page.where,
  ];
  if (query.entity) where.push({ entity: { in: query.entity } });
  if (query.entityId) where.push({ entityId: { in: query.entityId } });
  if (query.actorId) where.push({ actorId: { in: query.actorId } });
  if (query.action) where.push({ action: { in: query.action } });
  if (query.from || query.to) where.push({ at: atRange(query.from, query.to) });
  const rows = await ctx.db.auditEvent.findMany({
    where: { AND: where },
    orderBy: page.orderBy,
    take: page.take,
    select: eventSelect,
  });
  const { items, nextCursor } = toPage(rows, query.limit, newestFirst);
  return { items: items.map(toEvent), nextCursor };
}
