import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Server } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import type { Role } from '@vigil/shared/enums';
import { createApp } from '../../server/src/app.ts';
import { loadConfig, projectRoot } from '../../server/src/config.ts';
import { configuredAttachments } from '../../server/src/modules/attachments/index.ts';
import { answerClientErrors } from '../../server/src/http/client-errors.ts';
import { createLimitedServer, type SlowClientLimits } from '../../server/src/http/slow-clients.ts';
import { openDatabase, type Database } from '../../server/src/db/prisma.ts';
import { configuredFieldCipher } from '../../server/src/security/field-cipher.ts';
import { ensureVocabularies } from '../../server/src/modules/vocabularies/vocabularies.seed.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  url: string;
  database: Database;
  // DATA_DIR of the app: attachments under attachments/
  dataDir: string;
  // the listening HTTP server (its open connections, for the slow-client attacks)
  server: Server;
  close: () => Promise<void>;
}

// The real Express app on a free port, over a fresh database of its own, with vocabularies
// seeded as at start-up. `client: true` serves the built client too (browser tests); `clientDir`
// serves that folder as the client instead.
export async function startTestApp(
  options: {
    client?: boolean;
    clientDir?: string;
    production?: boolean;
    logStream?: { write: (line: string) => void };
    // the attachments' size limit (else the configured one)
    attachmentMaxBytes?: number;
    // proxies trusted for the client's address and protocol (X-Forwarded-*), as TRUST_PROXY
    trustProxy?: number;
    // origins besides its own whose pages may send writes, as ALLOWED_ORIGINS (else none)
    allowedOrigins?: string[];
    // how long a slow client may take (else the production limits)
    slowClientLimits?: SlowClientLimits;
    // roles that must sign in with a second factor (else none)
    twoFactorRequiredRoles?: Role[];
    // the time two-factor codes are checked against (else the real time)
    clock?: () => number;
  } = {},
) {
  // each app keeps its attachments, and its data key, in a folder of its own
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-data-'));
  const database = openDatabase(await createTestDatabase());
  await ensureVocabularies(database.db);
  const app = createApp({
    database,
    logger: options.logStream
      ? pino({ level: 'debug' }, options.logStream)
      : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    production: options.production ?? false,
    trustProxy: options.trustProxy ?? 0,
    allowedOrigins: options.allowedOrigins ?? [],
    twoFactorRequiredRoles: options.twoFactorRequiredRoles ?? [],
    ...(options.clock ? { clock: options.clock } : {}),
    attachments: configuredAttachments(
      {
        ...loadConfig(),
        DATA_DIR: dataDir,
        VIGIL_DATA_KEY: undefined,
        ATTACHMENT_S3_BUCKET: undefined,
        NODE_ENV: 'test',
        ...(options.attachmentMaxBytes ? { ATTACHMENT_MAX_BYTES: options.attachmentMaxBytes } : {}),
      },
      () => {},
    ),
    fieldCipher: configuredFieldCipher({ NODE_ENV: 'test', DATA_DIR: dataDir }, () => {}),
    ...(options.clientDir
      ? { clientDir: options.clientDir }
      : options.client
        ? // VIGIL_CLIENT_DIR: a client built elsewhere (`vite build --outDir`), else client/dist
          { clientDir: process.env.VIGIL_CLIENT_DIR ?? path.join(projectRoot, 'client/dist') }
        : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = createLimitedServer(app, options.slowClientLimits).listen(
      0,
      '127.0.0.1',
      () => resolve(listening),
    );
  });
  answerClientErrors(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    dataDir,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  } satisfies TestApp;
}
