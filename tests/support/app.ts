import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../server/src/app.ts';
import { projectRoot } from '../../server/src/config.ts';
import { answerClientErrors } from '../../server/src/http/client-errors.ts';
import { openDatabase, type Database } from '../../server/src/db/prisma.ts';
import { ensureVocabularies } from '../../server/src/modules/vocabularies/vocabularies.seed.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  url: string;
  database: Database;
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
  } = {},
) {
  const database = openDatabase(await createTestDatabase());
  await ensureVocabularies(database.db);
  const app = createApp({
    database,
    logger: options.logStream
      ? pino({ level: 'debug' }, options.logStream)
      : pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    production: options.production ?? false,
    ...(options.clientDir
      ? { clientDir: options.clientDir }
      : options.client
        ? // VIGIL_CLIENT_DIR: a client built elsewhere (`vite build --outDir`), else client/dist
          { clientDir: process.env.VIGIL_CLIENT_DIR ?? path.join(projectRoot, 'client/dist') }
        : {}),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  answerClientErrors(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await database.close();
    },
  } satisfies TestApp;
}
