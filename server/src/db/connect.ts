import path from 'node:path';
import { projectRoot, type Config } from '../config.ts';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from './embedded-postgres.ts';
import { migrate } from './migrator.ts';
import { openDatabase, type Database } from './prisma.ts';

// The database the configuration names, migrated: DATABASE_URL, or else the embedded cluster
// in DATA_DIR/postgres, which `close` then stops too. Shared by the server and the CLI tools.
export async function connectConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR'>,
  log: (message: string) => void = () => {},
): Promise<Database & { url: string }> {
  let embedded: EmbeddedPostgres | undefined;
  let url = config.DATABASE_URL;
  try {
    if (!url) {
      embedded = await startEmbeddedPostgres({
        dataDir: path.join(config.DATA_DIR, 'postgres'),
        log,
      });
      await ensureDatabase(embedded.url('postgres'), 'vigil');
      url = embedded.url('vigil');
    }
    await migrate(url, path.join(projectRoot, 'prisma/migrations'), log);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const database = openDatabase(url);
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await embedded?.stop();
    },
  };
}
