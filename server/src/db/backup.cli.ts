// npm run backup [-- --out FILE]     a consistent encrypted archive of the configured database
// npm run restore -- --in FILE       loads one into the configured database, migrated and empty
// The data key is the one attachments use (VIGIL_DATA_KEY, or DATA_DIR/data-key outside
// production): keep it apart from the archives, which are worthless without it.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { loadKeyRing } from '../security/data-key.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { connectConfiguredDatabase, runTool } from './connect.ts';

const usage = 'Usage: npm run backup [-- --out FILE] | npm run restore -- --in FILE';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, in: { type: 'string' } },
  });
  const command = positionals[0];
  if ((command !== 'backup' && command !== 'restore') || (command === 'restore' && !values.in)) {
    throw new Error(usage);
  }
  const config = loadConfig();
  const log = (message: string) => console.error(message);
  // the current key seals; any key of the ring opens (an archive from before a rotation)
  const keys = loadKeyRing(config, log);
  const database = await connectConfiguredDatabase(config, log, log, { shareRunning: true });
  try {
    if (command === 'backup') {
      const file = values.out ?? `vigil-${new Date().toISOString().replace(/[:.]/g, '-')}.backup`;
      const client = await database.pool.connect();
      try {
        const started = performance.now();
        const output = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
        const { tables, rows } = await backupDatabase(client, keys[0]!, output);
        const ms = Math.round(performance.now() - started);
        console.log(`Backed up ${rows} rows of ${tables} tables to ${file} in ${ms} ms`);
      } finally {
        client.release();
      }
    } else {
      const owner = new pg.Client({ connectionString: database.ownerUrl });
      await owner.connect();
      try {
        const { tables, rows } = await restoreDatabase(
          owner,
          keys,
          fs.createReadStream(values.in!),
        );
        console.log(`Restored ${rows} rows of ${tables} tables from ${values.in}`);
      } finally {
        await owner.end();
      }
    }
  } finally {
    await database.close();
  }
}

await runTool(main);
