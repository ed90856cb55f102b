import { subject } from '@casl/ability';
import type { AppSubjects } from '@vigil/shared/auth/abilities';
import type { AdvocacyOutput } from '@vigil/shared/schemas/advocacy';

// The action as the ability's conditions read it (its author: advocacy officers delete only
// their own). The ability only decides what to show: the server checks every request again.
export function advocacySubject(action: Pick<AdvocacyOutput, 'createdById'>): AppSubjects {
  return subject('AdvocacyAction', {
    createdById: action.createdById,
  }) as unknown as AppSubjects;
}
