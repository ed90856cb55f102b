import { z } from 'zod';
import { loggableError } from '../../db/database-errors.ts';
import { AppError } from '../../http/app-error.ts';
import { dbOf } from '../../http/request-context.ts';
import { createRoutes } from '../../http/routes.ts';

export const healthRoutes = createRoutes('/health');

healthRoutes.get(
  '/',
  {
    summary: 'Liveness and database reachability (503 when the database is down)',
    response: z.object({ status: z.literal('ok'), db: z.literal('ok') }),
    public: true,
  },
  async (_input, req) => {
    try {
      await dbOf(req).$queryRaw`SELECT 1`;
    } catch (error) {
      req.log.warn({ err: loggableError(error) }, 'health check: database unreachable');
      throw new AppError('UNAVAILABLE', 'The database is unreachable', { db: 'down' });
    }
    return { status: 'ok', db: 'ok' };
  },
);
