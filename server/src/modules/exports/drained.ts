import { once } from 'node:events';
import type { Writable } from 'node:stream';

// Waits while the reader is slower than the export, so that nothing piles up in memory; a
// reader who went away ends the export instead of leaving it waiting.
export async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => {
        throw new Error('The output closed before the export ended');
      }),
    ]);
  } finally {
    stop.abort();
  }
}
