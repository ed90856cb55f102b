export { recordAudit, type AuditInput } from './audit.service.ts';
export { changesOf, type Changes } from './changes.ts';
