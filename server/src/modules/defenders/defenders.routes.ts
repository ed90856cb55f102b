import { createRoutes } from '../../http/routes.ts';

export const defenderRoutes = createRoutes('/defenders');
