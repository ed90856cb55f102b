import { ForbiddenError } from '@casl/ability';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type {
  AdvocacyList,
  AdvocacyListQuery,
  AdvocacyOutput,
  CreateAdvocacyInput,
  UpdateAdvocacyInput,
} from '@vigil/shared/schemas/advocacy';
import { escapeLike } from '../../db/escape-like.ts';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { notFound } from '../../http/app-error.ts';
import { conflict } from '../../http/conflict.ts';
import { pageQuery, parseSort, toPage } from '../../http/pagination.ts';
import type { Ctx } from '../../http/request-context.ts';
import { asSubject } from '../../http/subject.ts';
import { auditorOf, changesOf, recordAudit } from '../audit/index.ts';
import { readableDefenders } from '../defenders/index.ts';
import { readableIncidents } from '../incidents/index.ts';
import { assertReadableLinks, linkWrites } from './advocacy.links.ts';
import {
  advocacyRecordSelect,
  advocacySelect,
  auditedFieldsOf,
  toAdvocacyOutput,
} from './advocacy.select.ts';

const entity = 'AdvocacyAction';
// advocacy actions span countries, so their history (logged without one) is for admins and
// all-country managers
const audit = auditorOf(entity);

function readable(
  ctx: Ctx,
  ...filters: Prisma.AdvocacyActionWhereInput[]
): Prisma.AdvocacyActionWhereInput {
  return {
    AND: [accessibleBy(ctx.ability, 'read').ofType(entity), { deletedAt: null }, ...filters],
  };
}

const dayOf = (date: string) => new Date(`${date}T00:00:00.000Z`);

function filtersOf(ctx: Ctx, query: AdvocacyListQuery): Prisma.AdvocacyActionWhereInput[] {
  const words = query.q?.split(/\s+/).filter(Boolean) ?? [];
  const dates: Prisma.DateTimeFilter = {
    ...(query.from && { gte: dayOf(query.from) }),
    ...(query.to && { lte: dayOf(query.to) }),
  };
  return [
    ...words.map((word) => ({
      title: { contains: escapeLike(word), mode: 'insensitive' as const },
    })),
    ...(query.kind ? [{ kind: { in: query.kind } }] : []),
    ...(query.status ? [{ status: { in: query.status } }] : []),
    // only through links the caller can see, or the filter would confirm a hidden case
    ...(query.incidentId
      ? [
          {
            incidents: {
              some: {
                incidentId: { in: query.incidentId },
                incident: readableIncidents(ctx.ability),
              },
            },
          },
        ]
      : []),
    ...(query.defenderId
      ? [
          {
            defenders: {
              some: {
                defenderId: { in: query.defenderId },
                defender: readableDefenders(ctx.ability),
              },
            },
          },
        ]
      : []),
    ...(query.from || query.to ? [{ date: dates }] : []),
  ];
}

// The action as the caller sees it, links to unreadable records left out.
async function findVisible(db: Db | Tx, ctx: Ctx, id: string): Promise<AdvocacyOutput> {
  const row = await db.advocacyAction.findFirst({
    where: readable(ctx, { id }),
    select: advocacySelect(ctx.ability),
  });
  if (!row) throw notFound('Advocacy action');
  return toAdvocacyOutput(row);
}

// The action as the database holds it, every link included; only readable actions.
async function findRecord(db: Db | Tx, ctx: Ctx, id: string): Promise<AdvocacyOutput> {
  const row = await db.advocacyAction.findFirst({
    where: readable(ctx, { id }),
    select: advocacyRecordSelect,
  });
  if (!row) throw notFound('Advocacy action');
  return toAdvocacyOutput(row);
}

export async function listAdvocacy(ctx: Ctx, query: AdvocacyListQuery): Promise<AdvocacyList> {
  const sort = parseSort(query.sort);
  const page = pageQuery(sort, query.limit, query.cursor);
  const rows = await ctx.db.advocacyAction.findMany({
    where: readable(ctx, ...filtersOf(ctx, query), page.where),
    orderBy: page.orderBy,
    take: page.take,
    select: advocacySelect(ctx.ability),
  });
  const { items, nextCursor } = toPage(rows, query.limit, sort);
  return { items: items.map(toAdvocacyOutput), nextCursor };
}

export async function getAdvocacy(ctx: Ctx, id: string): Promise<AdvocacyOutput> {
  return findVisible(ctx.db, ctx, id);
}

export async function createAdvocacy(
  ctx: Ctx,
  { incidentIds, defenderIds, ...fields }: CreateAdvocacyInput,
): Promise<AdvocacyOutput> {
  const data = { ...fields, createdById: ctx.user.id };
  ForbiddenError.from(ctx.ability).throwUnlessCan('create', asSubject(entity, data));
  return ctx.db.$transaction(async (tx) => {
    await assertReadableLinks(tx, ctx.ability, { incidentIds, defenderIds });
    const { id } = await tx.advocacyAction.create({
      data: {
        ...data,
        date: dayOf(fields.date),
        incidents: { create: incidentIds.map((incidentId) => ({ incidentId })) },
        defenders: { create: defenderIds.map((defenderId) => ({ defenderId })) },
      },
      select: { id: true },
    });
    const created = await findRecord(tx, ctx, id);
    await recordAudit(tx, audit(ctx, 'CREATE', { id }, changesOf(null, auditedFieldsOf(created))));
    return created;
  });
}

export async function updateAdvocacy(
  ctx: Ctx,
  id: string,
  { version, incidentIds, defenderIds, ...fields }: UpdateAdvocacyInput,
): Promise<AdvocacyOutput> {
  const visible = await findVisible(ctx.db, ctx, id);
  const before = await findRecord(ctx.db, ctx, id);
  const rules = ForbiddenError.from(ctx.ability);
  rules.throwUnlessCan('update', asSubject(entity, before));
  rules.throwUnlessCan('update', asSubject(entity, { ...before, ...fields }));
  if (before.version !== version) throw conflict(visible);

  const updated = await ctx.db.$transaction(async (tx) => {
    await assertReadableLinks(tx, ctx.ability, { incidentIds, defenderIds });
    // the version in the WHERE makes the second of two concurrent saves match nothing
    const { count } = await tx.advocacyAction.updateMany({
      where: { id, version, deletedAt: null },
      data: {
        ...fields,
        ...(fields.date && { date: dayOf(fields.date) }),
        version: { increment: 1 },
      },
    });
    if (count === 0) return null;
    const links = linkWrites({ incidentIds, defenderIds }, before, visible);
    if (Object.keys(links).length > 0) {
      await tx.advocacyAction.update({ where: { id }, data: links, select: { id: true } });
    }
    const after = await findRecord(tx, ctx, id);
    const changes = changesOf(auditedFieldsOf(before), auditedFieldsOf(after));
    await recordAudit(tx, audit(ctx, 'UPDATE', { id }, changes));
    return findVisible(tx, ctx, id);
  });
  if (!updated) throw conflict(await getAdvocacy(ctx, id));
  return updated;
}

export async function deleteAdvocacy(ctx: Ctx, id: string): Promise<void> {
  const before = await findRecord(ctx.db, ctx, id);
  ForbiddenError.from(ctx.ability).throwUnlessCan('delete', asSubject(entity, before));
  await ctx.db.$transaction(async (tx) => {
    const deletedAt = new Date();
    const { count } = await tx.advocacyAction.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt, version: { increment: 1 } },
    });
    if (count === 0) throw notFound('Advocacy action');
    await recordAudit(
      tx,
      audit(ctx, 'DELETE', { id }, changesOf({ deletedAt: null }, { deletedAt })),
    );
  });
}

// Only admins (`manage`) see deleted actions, so to everyone else they stay 404.
export async function restoreAdvocacy(ctx: Ctx, id: string): Promise<AdvocacyOutput> {
  const row = await ctx.db.advocacyAction.findFirst({
    where: { AND: [accessibleBy(ctx.ability, 'read').ofType(entity), { id }] },
    select: { id: true, createdById: true, deletedAt: true },
  });
  if (!row) throw notFound('Advocacy action');
  const { deletedAt, ...record } = row;
  if (deletedAt && ctx.ability.cannot('manage', asSubject(entity, record))) {
    throw notFound('Advocacy action');
  }
  ForbiddenError.from(ctx.ability).throwUnlessCan('manage', asSubject(entity, record));
  if (!deletedAt) return getAdvocacy(ctx, id);

  return ctx.db.$transaction(async (tx) => {
    const { count } = await tx.advocacyAction.updateMany({
      where: { id, deletedAt: { not: null } },
      data: { deletedAt: null, version: { increment: 1 } },
    });
    if (count > 0) {
      await recordAudit(
        tx,
        audit(ctx, 'UPDATE', { id }, changesOf({ deletedAt }, { deletedAt: null })),
      );
    }
    return findVisible(tx, ctx, id);
  });
}
