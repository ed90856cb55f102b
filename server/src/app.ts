import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Database } from './db/prisma.ts';
import { loadSession } from './http/authenticate.ts';
import { apiNotFound, errorHandler } from './http/error-handler.ts';
import { advocacyRoutes } from './modules/advocacy/advocacy.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes, type AuthSettings } from './modules/auth/auth.routes.ts';
import { defenderRoutes } from './modules/defenders/defenders.routes.ts';
import { incidentRoutes } from './modules/incidents/incidents.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { vocabularyRoutes } from './modules/vocabularies/vocabularies.routes.ts';
import { createLoginLimiter } from './modules/auth/login-limiter.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { openapiRoutes } from './modules/openapi/openapi.routes.ts';
import { requestSerializers } from './logger.ts';

export interface AppOptions {
  database: Database;
  logger: Logger;
  // the built client (client/dist); absent in API-only tests
  clientDir?: string;
  trustProxy?: number;
  // demo credentials are refused in production
  production?: boolean;
}

function apiRouter(): Router {
  const api = Router();
  api.use(express.json({ limit: '1mb' }), cookieParser());
  api.use(loadSession);
  const features = [
    healthRoutes,
    authRoutes,
    defenderRoutes,
    incidentRoutes,
    advocacyRoutes,
    vocabularyRoutes,
    userRoutes,
    auditRoutes,
    openapiRoutes,
  ];
  for (const feature of features) api.use(feature.path, feature.router);
  api.use(apiNotFound);
  return api;
}

function clientRoutes(clientDir: string): Router {
  const index = path.join(clientDir, 'index.html');
  const router = Router();
  router.use(express.static(clientDir, { index: false, maxAge: '1h' }));
  // history fallback: every other page is the single-page app
  router.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(index));
  return router;
}

export function createApp(options: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? 0);
  app.locals.db = options.database.db;
  const authSettings: AuthSettings = {
    loginLimiter: createLoginLimiter(options.database.pool),
    production: options.production ?? false,
  };
  Object.assign(app.locals, authSettings);
  app.use(
    pinoHttp({
      logger: options.logger,
      genReqId: (req) =>
        (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) ?? randomUUID(),
      serializers: requestSerializers,
    }),
  );
  app.use(helmet());
  app.use('/api', apiRouter());
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    app.use(clientRoutes(options.clientDir));
  }
  app.use(errorHandler);
  return app;
}
