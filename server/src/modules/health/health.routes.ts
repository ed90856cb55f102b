import { Router } from 'express';
import { AppError } from '../../http/app-error.ts';
import { dbOf } from '../../http/request-context.ts';

export const healthRoutes = Router().get('/', async (req, res) => {
  try {
    await dbOf(req).$queryRaw`SELECT 1`;
  } catch (error) {
    req.log.warn({ err: error }, 'health check: database unreachable');
    throw new AppError('UNAVAILABLE', 'The database is unreachable', {
      status: 'error',
      db: 'down',
    });
  }
  res.json({ status: 'ok', db: 'ok' });
});
