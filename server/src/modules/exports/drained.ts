import { once } from 'node:events';
import type { Writable } from 'node:stream';

const closedEarly = () => new Error('The output closed before the export ended');

// Waits while the reader is slower than the export, so that nothing piles up in memory; a
// reader who went away ends the export instead of leaving it waiting, or writing for no one.
export async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw closedEarly();
  if (!out.writableNeedDrain) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'close', { signal: stop.signal }).then(() => {
        throw closedEarly();
      }),
    ]);
  } finally {
    stop.abort();
  }
}

// Settles (as a failure) only if the output closes: to race against work that would otherwise
// wait for a reader who is gone. Closing after a complete export is nobody's concern.
export function closing(out: Writable): Promise<never> {
  const closed = new Promise<never>((_resolve, reject) => {
    out.once('close', () => {
      if (!out.writableFinished) reject(closedEarly());
    });
  });
  closed.catch(() => {});
  return closed;
}
