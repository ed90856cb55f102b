import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import type { Db, Tx } from '../../db/prisma.ts';
import { present } from '../../http/present.ts';
import type { Ctx } from '../../http/request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { incidentEvent } from './incidents.select.ts';

// The incident as this caller may see it. Showing a source's identity is itself a reading of
// sensitive data, so it is audited (in the caller's transaction when there is one).
export async function presentIncident(
  ctx: Ctx,
  incident: IncidentOutput,
  db: Db | Tx = ctx.db,
): Promise<Partial<IncidentOutput>> {
  const { data, sensitiveShown } = present(ctx.ability, 'Incident', incident);
  if (sensitiveShown) {
    await recordAudit(db, incidentEvent(ctx, 'READ_SENSITIVE', incident));
  }
  return data;
}
