import { subject } from '@casl/ability';
import type { AppSubjects } from '@vigil/shared/auth/abilities';
import type { DefenderOutput } from '@vigil/shared/schemas/defenders';

// The defender as the ability's conditions read it (country and author). The ability only
// decides what to show: the server checks every request again.
export function defenderSubject(
  defender: Pick<DefenderOutput, 'country' | 'createdById'>,
): AppSubjects {
  const { country, createdById } = defender;
  return subject('Defender', { country, createdById }) as unknown as AppSubjects;
}
