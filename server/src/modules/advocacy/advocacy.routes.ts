import { Router } from 'express';

export const advocacyRoutes = Router();
