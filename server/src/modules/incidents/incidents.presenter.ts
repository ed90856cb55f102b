import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { present } from '../../http/present.ts';
import type { Ctx } from '../../http/request-context.ts';
import { recordAudit } from '../audit/index.ts';
import { incidentEvent } from './incidents.select.ts';

// The incident as this caller may see it. Source identities go out only when asked for
// (`?include=sensitive` on a single incident) and the ability allows; showing one is itself a
// reading of sensitive data, so it is audited.
export async function presentIncident(
  ctx: Ctx,
  incident: IncidentOutput,
  { sensitive = false } = {},
): Promise<Partial<IncidentOutput>> {
  const { data, sensitiveShown } = present(ctx.ability, 'Incident', incident, { sensitive });
  if (sensitiveShown) {
    await recordAudit(ctx.db, incidentEvent(ctx, 'READ_SENSITIVE', incident));
  }
  return data;
}
