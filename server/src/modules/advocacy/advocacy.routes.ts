import { createRoutes } from '../../http/routes.ts';

export const advocacyRoutes = createRoutes('/advocacy');
