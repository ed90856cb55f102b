import { Router } from 'express';

export const incidentRoutes = Router();
