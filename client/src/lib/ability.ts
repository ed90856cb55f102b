import type { RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';
import { Can as CaslCan, useAbility, type CanProps } from '@casl/react';
import type { ReactNode } from 'react';
import type { AppAbility } from '@vigil/shared/auth/abilities';
import { createPrismaAbility } from '@vigil/shared/auth/casl-prisma';

export { AbilityProvider } from '@casl/react';

// The server sends the caller's rules packed (GET /auth/me). The ability built from them only
// decides what to show: the server checks every request again.
export function abilityFromPackedRules(packed: unknown[][]): AppAbility {
  const rules = unpackRules(packed as PackRule<RawRuleOf<AppAbility>>[]);
  return createPrismaAbility<AppAbility>(rules);
}

export const Can: (props: CanProps<AppAbility>) => ReactNode = CaslCan;

export const useAppAbility = () => useAbility<AppAbility>();
