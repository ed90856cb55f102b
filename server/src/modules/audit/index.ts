export { auditorOf, recordAudit, recordAudits } from './audit.service.ts';
export { changesOf } from './changes.ts';
