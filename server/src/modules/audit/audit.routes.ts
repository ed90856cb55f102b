import { auditListOutput, auditListQuery } from '@vigil/shared/schemas/audit';
import { ctxOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes = createRoutes('/audit');

auditRoutes.get(
  '/',
  {
    summary: 'The audit log, newest first (managers: their countries; admins: all)',
    query: auditListQuery,
    response: auditListOutput,
  },
  ({ query }, req) => listAudit(ctxOf(req), query),
);
