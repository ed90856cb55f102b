import { subject } from '@casl/ability';
import type { AppSubjects } from '@vigil/shared/auth/abilities';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';

// The incident as the ability's conditions read it (the server's incidentSubject does the same).
// The ability only decides what to show: the server checks every request again.
export function incidentSubject(
  incident: Pick<IncidentOutput, 'country' | 'createdById' | 'status' | 'confidentiality'>,
): AppSubjects {
  const { country, createdById, status, confidentiality } = incident;
  return subject('Incident', {
    country,
    createdById,
    status,
    confidentiality,
  }) as unknown as AppSubjects;
}
