import { subject } from '@casl/ability';
import type { AppSubjects } from '@vigil/shared/auth/abilities';

type SubjectType = Extract<AppSubjects, string>;

// CASL checks plain records against the rules' conditions (country, createdById, ...). The
// records are API or select shapes, not the Prisma models AppSubjects names, hence the cast.
export function asSubject(type: SubjectType, record: object): AppSubjects {
  return subject(type, { ...record }) as unknown as AppSubjects;
}
