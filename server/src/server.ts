import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { demoAccounts, demoPassword } from '../../prisma/seed/demo-accounts.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { createApp } from './app.ts';
import { loadConfig, projectRoot } from './config.ts';
import { connectConfiguredDatabase } from './db/connect.ts';
import { loggableError } from './db/database-errors.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { gracefulClose } from './http/graceful-close.ts';
import { createLimitedServer } from './http/slow-clients.ts';
import { createLogger } from './logger.ts';
import { configuredFieldCipher } from './security/field-cipher.ts';
import { sealPlaintext } from './security/reseal.ts';
import { configuredAttachments } from './modules/attachments/index.ts';
import { ensureVocabularies } from './modules/vocabularies/vocabularies.seed.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
// first: without a data key in production, fail before anything else starts
const attachments = configuredAttachments(config, (message) => logger.info(message));
const fieldCipher = configuredFieldCipher(config, (message) => logger.info(message));

const database = await connectConfiguredDatabase(
  config,
  (message) => logger.info(message),
  (message) => logger.warn(message),
);
await ensureVocabularies(database.db);
if (config.NODE_ENV !== 'production') {
  await seedDemo(database.db, logger);
  logger.info(
    `demo accounts (password ${demoPassword}): ${demoAccounts.map((a) => `${a.email} (${a.role})`).join(', ')}`,
  );
}
await sealPlaintext(database.pool, fieldCipher, (message) => logger.info(message));

const app = createApp({
  database,
  logger,
  clientDir: path.join(projectRoot, 'client/dist'),
  trustProxy: config.TRUST_PROXY,
  production: config.NODE_ENV === 'production',
  attachments,
  fieldCipher,
});
const server = createLimitedServer(app).listen(config.PORT, () => {
  const { port } = server.address() as AddressInfo;
  logger.info(`Vigil is listening on http://localhost:${port}`);
});
answerClientErrors(server);
const closeServer = gracefulClose(server);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info(`${signal}: finishing open requests, then stopping`);
  await closeServer(10_000);
  await database.close();
  logger.info('stopped');
  process.exit(0);
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (error) => {
  logger.fatal({ err: loggableError(error) }, 'unhandled rejection');
  void shutdown('unhandledRejection');
});
