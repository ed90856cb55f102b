import { createRoutes } from '../../http/routes.ts';

export const vocabularyRoutes = createRoutes('/vocabularies');
