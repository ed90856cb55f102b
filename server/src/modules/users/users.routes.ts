import { createRoutes } from '../../http/routes.ts';

export const userRoutes = createRoutes('/users');
