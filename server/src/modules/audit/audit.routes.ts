import { createRoutes } from '../../http/routes.ts';

export const auditRoutes = createRoutes('/audit');
