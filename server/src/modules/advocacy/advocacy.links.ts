import type { AppAbility } from '@vigil/shared/auth/abilities';
import type { Db, Tx } from '../../db/prisma.ts';
import { validationError } from '../../http/app-error.ts';
import { assertReadableDefenders } from '../defenders/index.ts';
import { readableIncidents } from '../incidents/index.ts';

interface Links {
  incidentIds?: string[] | undefined;
  defenderIds?: string[] | undefined;
}

// Unknown, deleted and unreadable incidents get the same answer, so that the error never
// reveals that a hidden incident exists.
async function assertReadableIncidents(tx: Db | Tx, ability: AppAbility, ids: string[]) {
  if (ids.length === 0) return;
  const found = await tx.incident.findMany({
    where: readableIncidents(ability, { id: { in: ids } }),
    select: { id: true },
  });
  const readable = new Set(found.map((incident) => incident.id));
  const problems = ids.flatMap((id, index) =>
    readable.has(id)
      ? []
      : [
          {
            path: `body.incidentIds.${index}`,
            code: 'unknown_incident',
            message: 'No such incident',
          },
        ],
  );
  if (problems.length > 0) throw validationError(problems);
}

// An action may only point at records its author can read.
export async function assertReadableLinks(tx: Db | Tx, ability: AppAbility, links: Links) {
  await assertReadableIncidents(tx, ability, links.incidentIds ?? []);
  await assertReadableDefenders(
    tx,
    ability,
    (links.defenderIds ?? []).map((id, index) => ({ id, path: `body.defenderIds.${index}` })),
  );
}

// The caller replaces the links they can see; links to records hidden from them stay, so that
// an officer of one country never unlinks another country's cases by saving.
export function linkWrites(
  links: Links,
  all: { incidentIds: string[]; defenderIds: string[] },
  visible: { incidentIds: string[]; defenderIds: string[] },
) {
  const kept = (given: string[], every: string[], seen: string[]) => [
    ...new Set([...every.filter((id) => !seen.includes(id)), ...given]),
  ];
  const incidentIds =
    links.incidentIds && kept(links.incidentIds, all.incidentIds, visible.incidentIds);
  const defenderIds =
    links.defenderIds && kept(links.defenderIds, all.defenderIds, visible.defenderIds);
  return {
    ...(incidentIds && {
      incidents: {
        deleteMany: { incidentId: { notIn: incidentIds } },
        createMany: {
          data: incidentIds.map((incidentId) => ({ incidentId })),
          skipDuplicates: true,
        },
      },
    }),
    ...(defenderIds && {
      defenders: {
        deleteMany: { defenderId: { notIn: defenderIds } },
        createMany: {
          data: defenderIds.map((defenderId) => ({ defenderId })),
          skipDuplicates: true,
        },
      },
    }),
  };
}
