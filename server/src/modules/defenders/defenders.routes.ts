import { Router } from 'express';

export const defenderRoutes = Router();
