// Fixed value sets of the contract (API.md). Controlled vocabularies, which admins can
// extend, live in vocabularies.ts instead.
export const roles = ['ADMIN', 'MANAGER', 'ADVOCACY', 'RESEARCHER'] as const;
export const genders = ['FEMALE', 'MALE', 'NON_BINARY', 'UNKNOWN'] as const;
export const consents = ['PUBLIC', 'ANONYMISED', 'CONFIDENTIAL'] as const;
// may the name be given to the government concerned (UN Special Procedures); UNKNOWN counts as NO
export const shareWithAuthoritiesValues = ['YES', 'NO', 'UNKNOWN'] as const;
export const riskLevels = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const datePrecisions = ['DAY', 'MONTH', 'YEAR'] as const;
export const verifications = ['UNVERIFIED', 'POSSIBLE', 'LIKELY', 'CONFIRMED'] as const;
export const incidentStatuses = ['DRAFT', 'SUBMITTED', 'VERIFIED', 'ARCHIVED'] as const;
export const confidentialities = ['STANDARD', 'RESTRICTED'] as const;
export const reliabilities = [
  'HIGHLY_RELIABLE',
  'RELIABLE',
  'FAIRLY_RELIABLE',
  'UNRELIABLE',
  'UNKNOWN',
] as const;
export const advocacyKinds = [
  'STATEMENT',
  'JOINT_LETTER',
  'URGENT_APPEAL',
  'UN_SUBMISSION',
  'SIDE_EVENT',
  'MEDIA',
] as const;
export const advocacyStatuses = ['PLANNED', 'DRAFT', 'PUBLISHED', 'DONE'] as const;
export const auditActions = [
  'CREATE',
  'UPDATE',
  'DELETE',
  'TRANSITION',
  'EXPORT',
  'LOGIN',
  'LOGIN_FAILED',
  'READ_SENSITIVE',
  'ATTACHMENT_ADD',
  'ATTACHMENT_DOWNLOAD',
  'ATTACHMENT_DELETE',
] as const;

export type Role = (typeof roles)[number];
export type IncidentStatus = (typeof incidentStatuses)[number];

// The workflow of API.md: which status may follow which.
export const incidentTransitions: Record<IncidentStatus, readonly IncidentStatus[]> = {
  DRAFT: ['SUBMITTED'],
  SUBMITTED: ['VERIFIED', 'DRAFT'],
  VERIFIED: ['ARCHIVED'],
  ARCHIVED: [],
};
