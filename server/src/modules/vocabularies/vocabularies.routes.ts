import { Router } from 'express';

export const vocabularyRoutes = Router();
