import { Router } from 'express';

export const auditRoutes = Router();
