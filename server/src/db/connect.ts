import path from 'node:path';
import { projectRoot, type Config } from '../config.ts';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres.ts';
import { migrate } from './migrator.ts';
import { openDatabase, type Database } from './prisma.ts';
import { auditLogPowers, currentRole } from './serving-role.ts';

export type DatabaseSettings = Pick<
  Config,
  'DATABASE_URL' | 'DATABASE_OWNER_URL' | 'DATA_DIR' | 'NODE_ENV'
>;

// The database the configuration names, migrated by its owner and opened as the serving role:
// DATABASE_OWNER_URL and DATABASE_URL, or the embedded cluster in DATA_DIR/postgres (which
// `close` then stops too). Given DATABASE_URL alone, its role migrates and serves. Production
// refuses to serve as a role that could rewrite the audit log; elsewhere the log says so.
// Shared by the server and the CLI tools.
export async function connectConfiguredDatabase(
  config: DatabaseSettings,
  log: (message: string) => void = () => {},
  warn: (message: string) => void = log,
  // the command-line tools: use the embedded cluster a running server holds, if there is one
  { shareRunning = false }: { shareRunning?: boolean } = {},
): Promise<Database & { url: string; ownerUrl: string }> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  let ownerUrl = config.DATABASE_OWNER_URL ?? url;
  try {
    if (!url) {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        log,
        shareRunning,
      });
      await ensureDatabase(embedded.url('postgres'), 'vigil');
      ownerUrl = embedded.url('vigil');
      url = embedded.servingUrl('vigil');
    }
    const sameRole = ownerUrl === url;
    await migrate(ownerUrl!, path.join(projectRoot, 'prisma/migrations'), log, {
      servingRole: await currentRole(url),
    });
    const powers = await auditLogPowers(url);
    if (powers.length > 0) {
      const risk = `the database role "${await currentRole(url)}" that serves the app ${powers.join(', ')}: whoever takes over the app could rewrite its audit log`;
      if (config.NODE_ENV === 'production') {
        throw new Error(
          `${risk}. Serve as a role that may only read and append audit events (DATABASE_URL) and migrate as the owner (DATABASE_OWNER_URL); see the README`,
        );
      }
      warn(
        `${risk}${sameRole ? ' (it migrates and serves as the same role)' : ''}. Not recommended: give the owner as DATABASE_OWNER_URL and a serving role as DATABASE_URL (README)`,
      );
    }
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const database = openDatabase(url);
  return {
    ...database,
    url,
    // for the tools that must act as the owner (restore)
    ownerUrl: ownerUrl!,
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}

// What a command-line tool says when it could not open the database: the embedded cluster
// answers with its lock file while a server holds it.
export const openFailureMessage = (error: unknown) =>
  /postmaster\.pid/.test(String(error))
    ? 'The embedded database is in use: stop the server first, or set DATABASE_URL.'
    : (error as Error).message;

// A command-line tool's body: whatever stops it is said in one line, with exit code 1.
export async function runTool(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(openFailureMessage(error));
    process.exitCode = 1;
  }
}
