import type { AppAbility } from '@vigil/shared/auth/abilities';
import { accessibleBy } from '@vigil/shared/auth/casl-prisma';
import type { Prisma } from '../../../../prisma/generated/client.ts';
import type { Db, Tx } from '../../db/prisma.ts';
import { validationError } from '../../http/app-error.ts';

// The defenders the caller may read, deleted ones left out, narrowed by any further filters.
export function readableDefenders(
  ability: AppAbility,
  ...filters: Prisma.DefenderWhereInput[]
): Prisma.DefenderWhereInput {
  return {
    AND: [accessibleBy(ability, 'read').ofType('Defender'), { deletedAt: null }, ...filters],
  };
}

export interface DefenderUse {
  id: string;
  // where the id sits in the request, for the error details: `body.acts.0.defenderId`
  path: string;
}

// Records that point at defenders (acts, charges, advocacy) may only name defenders the caller
// can read. Unknown, deleted and unreadable ids get the same answer, so that the error never
// reveals that a hidden defender exists.
export async function assertReadableDefenders(
  tx: Db | Tx,
  ability: AppAbility,
  uses: DefenderUse[],
): Promise<void> {
  if (uses.length === 0) return;
  const found = await tx.defender.findMany({
    where: readableDefenders(ability, { id: { in: [...new Set(uses.map((use) => use.id))] } }),
    select: { id: true },
  });
  const readable = new Set(found.map((defender) => defender.id));
  const problems = uses
    .filter((use) => !readable.has(use.id))
    .map((use) => ({ path: use.path, code: 'unknown_defender', message: 'No such defender' }));
  if (problems.length > 0) throw validationError(problems);
}
