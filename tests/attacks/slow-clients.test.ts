// Slow clients (slowloris): headers or a body trickled a byte at a time, from raw sockets, are
// cut off by the server's limits (server/src/http/slow-clients.ts) while ordinary requests keep
// being answered. The limits are set small here so that the attacks last a second or two.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlowClientLimits } from '../../server/src/http/slow-clients.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const limits: SlowClientLimits = {
  headersMs: 1_000,
  requestMs: 3_000,
  idleMs: 1_000,
  keepAliveMs: 500,
  maxHeaders: 100,
};
// a byte this often never leaves the socket idle for the idle limit
const trickleMs = 100;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ slowClientLimits: limits });
});
afterAll(() => app.close());

interface SlowClient {
  // resolves once the server has closed the socket (the client never closes it itself)
  closed: Promise<void>;
  isOpen: () => boolean;
}

// Opens a socket, sends `opening` at once, then `trickled` a byte every `everyMs` until the
// server cuts the socket off.
function slowClient(opening: string, trickled: string, everyMs = trickleMs): SlowClient {
  const { port } = new URL(app.url);
  const socket = net.connect(Number(port), '127.0.0.1');
  socket.on('error', () => {}); // a reset is one way of being cut off
  socket.resume();
  let open = true;
  let sent = 0;
  socket.write(opening);
  const timer = setInterval(() => {
    if (socket.writable) socket.write(trickled[sent % trickled.length]!);
    sent += 1;
  }, everyMs);
  const closed = new Promise<void>((resolve) =>
    socket.on('close', () => {
      open = false;
      clearInterval(timer);
      resolve();
    }),
  );
  return { closed, isOpen: () => open };
}

const trickledHeaders = () =>
  slowClient('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: a\r\n');

function trickledBody(everyMs: number) {
  const body = JSON.stringify({ email: 'slow@vigil.test', password: 'x'.repeat(500) });
  return slowClient(
    'POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 1)}`,
    body.slice(1),
    everyMs,
  );
}

// An ordinary GET /api/health on a socket of its own; its status once answered.
async function health(): Promise<number> {
  const response = await fetch(`${app.url}/api/health`, { headers: { Connection: 'close' } });
  await response.arrayBuffer();
  return response.status;
}

async function openConnections() {
  return new Promise<number>((resolve, reject) =>
    app.server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}

// a client not cut off within twice the request limit, or without the server's frequent checks
// (every 30 s by default), fails its test by this timeout
describe('slow clients', { timeout: limits.requestMs * 2 + 2_000 }, () => {
  it('when a client sends its headers a byte at a time past the header limit, then it is cut off while another client is answered at once', async () => {
    const slow = trickledHeaders();
    expect(await health()).toBe(200);
    expect(slow.isOpen()).toBe(true);
    await slow.closed;
  });

  it('when a client sends headers then stops sending its declared JSON body for longer than the idle limit, then it is cut off', async () => {
    const slow = trickledBody(limits.idleMs * 5);
    await slow.closed;
  });

  it('when a client trickles its declared JSON body without ever pausing, then it is cut off at the request limit', async () => {
    const slow = trickledBody(trickleMs);
    await slow.closed;
  });

  it('when 50 slow clients are open at once, then an ordinary request is answered and, once they are cut off, the server holds no socket for them', async () => {
    const slow = Array.from({ length: 50 }, (_, i) =>
      i % 2 ? trickledHeaders() : trickledBody(trickleMs),
    );
    expect(await health()).toBe(200);
    expect(slow.every((client) => client.isOpen())).toBe(true);
    await Promise.all(slow.map((client) => client.closed));
    expect(await openConnections()).toBe(0);
  });
});
