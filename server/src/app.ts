import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Router, type RequestHandler } from 'express';
import expressStaticGzip from 'express-static-gzip';
import type { Logger } from 'pino';
import type { Role } from '@vigil/shared/enums';
import { pinoHttp } from 'pino-http';
import type { Database } from './db/prisma.ts';
import { loadSession } from './http/authenticate.ts';
import { notFound } from './http/app-error.ts';
import { apiNotFound, errorHandler } from './http/error-handler.ts';
import { requireSameOrigin } from './http/same-origin.ts';
import { cspNonceOf, cspNoncePlaceholder, securityHeaders } from './http/security-headers.ts';
import { advocacyRoutes } from './modules/advocacy/advocacy.routes.ts';
import {
  advocacyAttachmentRoutes,
  attachmentRoutes,
  defenderAttachmentRoutes,
  incidentAttachmentRoutes,
  configuredAttachments,
  type AttachmentSettings,
} from './modules/attachments/index.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes, type AuthSettings } from './modules/auth/auth.routes.ts';
import { defenderRoutes } from './modules/defenders/defenders.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { incidentRoutes } from './modules/incidents/incidents.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { vocabularyRoutes } from './modules/vocabularies/vocabularies.routes.ts';
import { createLoginLimiter } from './modules/auth/login-limiter.ts';
import { twoFactorPolicy } from './modules/auth/two-factor.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { openapiRoutes } from './modules/openapi/openapi.routes.ts';
import { statsRoutes } from './modules/stats/stats.routes.ts';
import { loadConfig } from './config.ts';
import { requestSerializers } from './logger.ts';
import { configuredFieldCipher, type FieldCipher } from './security/field-cipher.ts';

export interface AppOptions {
  database: Database;
  logger: Logger;
  // the built client (client/dist); absent in API-only tests
  clientDir?: string;
  trustProxy?: number;
  // origins besides its own whose pages may send writes (ALLOWED_ORIGINS by default)
  allowedOrigins?: readonly string[];
  // demo credentials are refused in production
  production?: boolean;
  // where attachments are stored, and their size limit; by default as the environment says
  attachments?: AttachmentSettings;
  // seals sensitive values kept in the database; by default with the configured data key
  fieldCipher?: FieldCipher;
  // roles that must sign in with a second factor; by default TWO_FACTOR_REQUIRED_ROLES, else
  // ADMIN and MANAGER in production and none elsewhere
  twoFactorRequiredRoles?: readonly Role[];
  // the time two-factor codes are checked against, in milliseconds (tests move it)
  clock?: () => number;
}

// Answers name defenders and where they are: no browser or proxy keeps a copy.
const neverStored: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

function apiRouter(allowedOrigins: readonly string[]): Router {
  const api = Router();
  api.use(neverStored, requireSameOrigin(allowedOrigins));
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
    statsRoutes,
    exportRoutes,
    incidentAttachmentRoutes,
    defenderAttachmentRoutes,
    advocacyAttachmentRoutes,
    attachmentRoutes,
    auditRoutes,
    openapiRoutes,
  ];
  for (const feature of features) api.use(feature.path, feature.router);
  api.use(apiNotFound);
  return api;
}

// Vite's files under /assets/ carry a hash of their content in their names, so a browser may
// keep them for good; everything else is revalidated on every use, and index.html, which names
// the current assets, is never stored (see the page below).
const forGood = 'public, max-age=31536000, immutable';

// The built client, precompressed: the build puts x.js.br and x.js.gz beside x.js, and the
// request's Accept-Encoding chooses (brotli first), with Vary: Accept-Encoding for caches.
function clientRoutes(clientDir: string): Router {
  const root = path.resolve(clientDir);
  const assets = path.join(root, 'assets') + path.sep;
  const serve = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        res.setHeader('Cache-Control', file.startsWith(assets) ? forGood : 'no-cache');
      },
    },
  });
  // The page carries this response's style nonce, so it is written per request and never
  // stored: a copy kept by a cache would name a nonce that no later policy allows.
  const page: RequestHandler = async (_req, res) => {
    const html = await fs.promises.readFile(path.join(root, 'index.html'), 'utf8');
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(html.replaceAll(cspNoncePlaceholder, cspNonceOf(res)));
  };
  const router = Router();
  router.get('/index.html', page);
  router.use(serve);
  // a missing hashed file (a tab open across a deployment asks for old chunks) is a 404, not
  // the page in its place
  router.use('/assets', (_req, _res, next) => next(notFound('File')));
  // history fallback: every other page is the single-page app
  router.get(/^(?!\/api\/).*/, page);
  return router;
}

export function createApp(options: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  // no ETag on what res.send writes (the API, the page): they could only serve revalidation of
  // answers that are never stored; the client's files keep theirs (express-static-gzip)
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy ?? 0);
  app.locals.db = options.database.db;
  app.locals.pool = options.database.pool;
  app.locals.attachments =
    options.attachments ??
    configuredAttachments(loadConfig(), (message) => options.logger.info(message));
  app.locals.fieldCipher =
    options.fieldCipher ??
    configuredFieldCipher(loadConfig(), (message) => options.logger.info(message));
  const authSettings: AuthSettings = {
    loginLimiter: createLoginLimiter(options.database.pool),
    production: options.production ?? false,
    twoFactorRequiredRoles: options.twoFactorRequiredRoles ?? twoFactorPolicy(loadConfig()),
    clock: options.clock ?? Date.now,
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
  app.use(securityHeaders());
  app.use('/api', apiRouter(options.allowedOrigins ?? loadConfig().ALLOWED_ORIGINS));
  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    app.use(clientRoutes(options.clientDir));
  }
  app.use(errorHandler);
  return app;
}
