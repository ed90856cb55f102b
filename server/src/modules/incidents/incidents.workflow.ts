import { ForbiddenError } from '@casl/ability';
import { incidentTransitions } from '@vigil/shared/enums';
import {
  sourcesToVerify,
  type IncidentOutput,
  type IncidentTransitionList,
  type IncidentTransitionListQuery,
  type TransitionIncidentInput,
} from '@vigil/shared/schemas/incidents';
import { AppError } from '../../http/app-error.ts';
import { pageQuery, parseSort, toPage } from '../../http/pagination.ts';
import type { Ctx } from '../../http/request-context.ts';
import { present } from '../../http/present.ts';
import { recordAudit } from '../audit/index.ts';
import { presentIncident } from './incidents.presenter.ts';
import {
  incidentEvent,
  incidentSelect,
  incidentSubject,
  toIncidentOutput,
} from './incidents.select.ts';
import { conflictWithCurrent, loadIncident } from './incidents.service.ts';

function assertTransitionAllowed(incident: IncidentOutput, to: IncidentOutput['status']) {
  const allowed = incidentTransitions[incident.status];
  if (!allowed.includes(to)) {
    throw new AppError('INVALID_TRANSITION', `A ${incident.status} incident cannot move to ${to}`, {
      from: incident.status,
      to,
      allowed,
    });
  }
}

function assertReadyFor(incident: IncidentOutput, to: IncidentOutput['status']) {
  if (to === 'VERIFIED' && incident.sources.length < sourcesToVerify) {
    throw new AppError(
      'INVALID_TRANSITION',
      `An incident needs at least ${sourcesToVerify} independent sources to be verified; it has ${incident.sources.length}`,
      { from: incident.status, to, sources: incident.sources.length, required: sourcesToVerify },
    );
  }
}

// Checks in the order the contract promises: unreadable 404, stale version 409 CONFLICT, an
// edge the workflow lacks 409 INVALID_TRANSITION, a caller who may not take it 403, then
// whether the incident is ready for the status it asks for.
export async function transitionIncident(
  ctx: Ctx,
  id: string,
  input: TransitionIncidentInput,
): Promise<Partial<IncidentOutput>> {
  const moved = await ctx.db.$transaction(async (tx) => {
    const before = await loadIncident(tx, ctx.ability, id);
    if (before.version !== input.version) return undefined;
    assertTransitionAllowed(before, input.to);
    ForbiddenError.from(ctx.ability).throwUnlessCan(
      'transition',
      incidentSubject(before),
      input.to,
    );
    assertReadyFor(before, input.to);
    const { count } = await tx.incident.updateMany({
      where: { id, version: input.version },
      data: { status: input.to, version: { increment: 1 } },
    });
    if (count === 0) return undefined;
    const comment = input.comment ?? null;
    await tx.incidentTransition.create({
      data: { incidentId: id, from: before.status, to: input.to, comment, actorId: ctx.user.id },
      select: { id: true },
    });
    await recordAudit(
      tx,
      incidentEvent(ctx, 'TRANSITION', before, {
        status: { from: before.status, to: input.to },
        comment,
      }),
    );
    const row = await tx.incident.findUniqueOrThrow({ where: { id }, select: incidentSelect });
    return presentIncident(ctx, toIncidentOutput(row));
  });
  if (!moved) throw await conflictWithCurrent(ctx, id);
  return moved;
}

export async function listTransitions(
  ctx: Ctx,
  id: string,
  query: IncidentTransitionListQuery,
): Promise<IncidentTransitionList> {
  const incident = await loadIncident(ctx.db, ctx.ability, id, { withDeleted: true });
  const sort = parseSort('at');
  const page = pageQuery(sort, query.limit, query.cursor);
  const rows = await ctx.db.incidentTransition.findMany({
    where: { AND: [{ incidentId: id }, page.where] },
    orderBy: page.orderBy,
    take: page.take,
    select: { id: true, from: true, to: true, comment: true, actorId: true, at: true },
  });
  const { items, nextCursor } = toPage(rows, query.limit, sort);
  const transitions = items.map((row) => ({ ...row, at: row.at.toISOString() }));
  // the comments go only where the ability grants the incident's `transitions.comment`
  const { data } = present(
    ctx.ability,
    'Incident',
    { ...incident, transitions },
    { sensitive: false },
  );
  return { items: data.transitions ?? [], nextCursor };
}
