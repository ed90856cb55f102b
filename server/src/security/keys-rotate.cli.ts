// npm run keys:rotate [-- --batch 500] [-- --keep-key]
// Re-seals every sensitive value under the current data key, in batches, while servers run.
// With the key files (VIGIL_DATA_KEY unset) it first makes a new current key; `--keep-key`
// finishes a rotation that was cut short without making another. With VIGIL_DATA_KEY, deploy
// the new key as VIGIL_DATA_KEY and the old one in VIGIL_PREVIOUS_DATA_KEYS first (README).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connectConfiguredDatabase, runTool } from '../db/connect.ts';
import { rotateKeys } from './reseal.ts';

async function main() {
  const { values } = parseArgs({
    options: { batch: { type: 'string', default: '500' }, 'keep-key': { type: 'boolean' } },
  });
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch takes a count');
  const config = loadConfig();
  const log = (message: string) => console.error(message);
  // the database first: if it cannot be opened, no key has changed
  const database = await connectConfiguredDatabase(config, log, log, { shareRunning: true });
  try {
    const started = performance.now();
    const summary = await rotateKeys(config, database.pool, {
      batchSize,
      keepKey: values['keep-key'] ?? false,
      log,
      progress: log,
    });
    const seconds = (performance.now() - started) / 1000;
    let rewritten = 0;
    let unreadable = 0;
    for (const [column, counts] of Object.entries(summary)) {
      rewritten += counts.resealed + counts.plaintextSealed;
      unreadable += counts.unreadable.length;
      console.log(
        `${column}: ${counts.resealed} re-sealed, ${counts.plaintextSealed} plain text sealed, ${counts.alreadyCurrent} already current, ${counts.changedMeanwhile} changed meanwhile (looked at again in a later pass)`,
      );
      for (const place of counts.unreadable) console.log(`  unreadable, left as it is: ${place}`);
    }
    console.log(
      `${rewritten} values rewritten in ${seconds.toFixed(1)} s (${Math.round(rewritten / seconds)} a second)`,
    );
    if (unreadable > 0) {
      console.log(
        `${unreadable} values did not open with any key of the ring: give the key they were sealed under in VIGIL_PREVIOUS_DATA_KEYS, then run again`,
      );
      process.exitCode = 1;
    }
  } finally {
    await database.close();
  }
}

await runTool(main);
