export { recordAudit, type AuditInput } from './audit.service.ts';
