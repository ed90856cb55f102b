// The fields a response may carry, per subject, and which of them are sensitive: only roles
// whose rules grant them see these (API.md, "Roles"). Nested fields use a dot.
export const defenderFields = [
  'id',
  'displayName',
  'legalName',
  'aliases',
  'pseudonym',
  'gender',
  'genderSelfDescription',
  'birthYear',
  'country',
  'region',
  'sectors',
  'organisation',
  'consent',
  'shareWithAuthorities',
  'riskLevel',
  'contact',
  'notes',
  'version',
  'createdAt',
  'updatedAt',
  'createdById',
  'deletedAt',
] as const;
export const defenderSensitiveFields = ['legalName', 'contact', 'region'] as const;

export const incidentFields = [
  'id',
  'reference',
  'title',
  'summary',
  'occurredOn',
  'datePrecision',
  'country',
  'location',
  'acts',
  'charges',
  'sources',
  'sources.identity',
  'verification',
  'status',
  'confidentiality',
  'defenderIds',
  'violations',
  'perpetrators',
  'sourceCount',
  'version',
  'createdAt',
  'updatedAt',
  'createdById',
  'deletedAt',
  // the comments of its workflow history (GET /api/incidents/:id/transitions)
  'transitions.comment',
] as const;
export const incidentSensitiveFields = ['sources.identity'] as const;
// Internal review notes (why a reviewer returned or verified it): for the roles that take part
// in review, i.e. its author, and managers and admins of its country; never advocacy officers,
// nor other researchers who may read the incident.
export const incidentReviewFields = ['transitions.comment'] as const;

export const sensitiveFields = {
  Defender: defenderSensitiveFields,
  Incident: incidentSensitiveFields,
} as const;

export function withoutSensitive<T extends string>(
  fields: readonly T[],
  sensitive: readonly string[],
): T[] {
  return fields.filter((field) => !sensitive.includes(field));
}
