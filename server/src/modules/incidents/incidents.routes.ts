import { createRoutes } from '../../http/routes.ts';

export const incidentRoutes = createRoutes('/incidents');
