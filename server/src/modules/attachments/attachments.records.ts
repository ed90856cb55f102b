import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { AttachmentEntity } from '@vigil/shared/schemas/attachments';
import { notFound } from '../../http/app-error.ts';
import type { Ctx } from '../../http/request-context.ts';
import { asSubject } from '../../http/subject.ts';

// What an attachment's rights come from: the record it belongs to.
export interface OwningRecord {
  entity: AttachmentEntity;
  id: string;
  // for the audit log (advocacy actions have none)
  country: string | null;
  mayUpdate: boolean;
  // sensitive attachments and original photos need the right to the record's sensitive fields
  seesSensitive: boolean;
}

// Advocacy actions carry no sensitive field of their own: their sensitive attachments go to the
// roles that see sensitive fields beyond the records they created themselves (API.md, roles).
const seesAllSensitive = new Set(['MANAGER', 'ADMIN']);

// The record if the caller may read it (deleted ones are gone), else 404: an unreadable record
// does not exist, and neither do its attachments.
export async function loadOwningRecord(
  ctx: Ctx,
  entity: AttachmentEntity,
  id: string,
): Promise<OwningRecord> {
  if (entity === 'DEFENDER') {
    const row = await ctx.db.defender.findFirst({
      where: {
        AND: [accessibleBy(ctx.ability, 'read').ofType('Defender'), { id, deletedAt: null }],
      },
      select: { id: true, country: true, createdById: true },
    });
    if (!row) throw notFound('Defender');
    const target = asSubject('Defender', row);
    return {
      entity,
      id,
      country: row.country,
      mayUpdate: ctx.ability.can('update', target),
      seesSensitive: ctx.ability.can('read', target, 'legalName'),
    };
  }
  if (entity === 'INCIDENT') {
    const row = await ctx.db.incident.findFirst({
      where: {
        AND: [accessibleBy(ctx.ability, 'read').ofType('Incident'), { id, deletedAt: null }],
      },
      select: { id: true, country: true, createdById: true, status: true, confidentiality: true },
    });
    if (!row) throw notFound('Incident');
    const target = asSubject('Incident', row);
    return {
      entity,
      id,
      country: row.country,
      mayUpdate: ctx.ability.can('update', target),
      seesSensitive: ctx.ability.can('read', target, 'sources.identity'),
    };
  }
  const row = await ctx.db.advocacyAction.findFirst({
    where: {
      AND: [accessibleBy(ctx.ability, 'read').ofType('AdvocacyAction'), { id, deletedAt: null }],
    },
    select: { id: true, createdById: true },
  });
  if (!row) throw notFound('Advocacy action');
  return {
    entity,
    id,
    country: null,
    mayUpdate: ctx.ability.can('update', asSubject('AdvocacyAction', row)),
    seesSensitive: seesAllSensitive.has(ctx.user.role),
  };
}
