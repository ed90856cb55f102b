// Fault: SIGTERM (a restart, a deployment) while requests are under way. Every request under way
// is answered in full, a client that keeps its connection alive and sends one request after
// another cannot hold the process open, new connections are refused, and the process exits 0
// well within its 10 s grace.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../prisma/seed/demo-accounts.ts';
import { asOwner, createTestDatabase } from '../support/database.ts';
import { signIn, type Client } from '../support/http.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { incidentWrite, steadyStream, storedIds, timed, uniqueMarker } from '../support/traffic.ts';

// the process is gone this long after the last request under way was answered
const exitAfterLastAnswerMs = 2_000;

let databaseUrl: string;
let server: ServerProcess;
let manager: Client;
let researcher: Client;
let defenderIds: string[];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  server = await startServerProcess({ databaseUrl, ownerUrl: asOwner(databaseUrl) });
  manager = await signIn(server, 'manager@vigil.test', demoPassword);
  researcher = await signIn(server, 'researcher@vigil.test', demoPassword);
  const defenders = (await (await researcher.get('/api/defenders?country=KH&limit=3')).json()) as {
    items: { id: string }[];
  };
  defenderIds = defenders.items.map((defender) => defender.id);
});

afterAll(() => server?.dispose());

// How long after `since` a new connection is first refused (undefined: not within `withinMs`).
async function refusedAfter(url: string, since: number, withinMs: number) {
  while (performance.now() - since < withinMs) {
    if (await connectionRefused(url)) return performance.now() - since;
    await sleep(20);
  }
  return undefined;
}

function connectionRefused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

it('when SIGTERM arrives with requests under way, then each is answered, new connections are refused and the process exits 0 soon after', async () => {
  // connections opened beforehand, so that the requests below are read by the server at once
  // (one still waiting to be accepted when the signal comes is refused with the listener)
  await Promise.all(
    Array.from({ length: 10 }, () => timed('warm', () => manager.get('/api/health'))),
  );
  // a client that keeps its connection alive and sends one request after another
  const keepAlive = steadyStream(
    1,
    () => timed('GET /api/auth/me', () => manager.get('/api/auth/me')),
    20,
  );
  const underWay = [
    // every incident, streamed as CSV (a PDF would hold the event loop, and so every other
    // request, for seconds on a busy machine)
    timed('GET /api/exports/case-summary (csv)', () =>
      manager.get('/api/exports/case-summary?format=csv&country=KH&country=TH&country=MM'),
    ),
    timed('GET /api/incidents (200)', () => manager.get('/api/incidents?limit=200')),
    ...Array.from({ length: 4 }, () => {
      const marker = uniqueMarker('Sigterm incident');
      return timed(
        'POST /api/incidents',
        () =>
          researcher.request('POST', '/api/incidents', incidentWrite(marker, defenderIds, 'KH')),
        marker,
      );
    }),
  ];
  await sleep(300);
  const signalled = performance.now();
  process.kill(server.pid, 'SIGTERM');

  const refused = await refusedAfter(server.url, signalled, 5_000);
  const answers = await Promise.all(underWay);
  const lastAnswer = performance.now();
  const exit = await server.exited;
  const exitedAfterLastAnswer = performance.now() - lastAnswer;
  const kept = await keepAlive.stop();
  // what the keep-alive client got, each run of the same outcome once
  const keptOutcomes = kept
    .map((a) => (a.status === 200 ? 'answered' : `${a.status} ${a.failure}`))
    .filter((outcome, i, all) => outcome !== all[i - 1]);
  const writes = answers.filter((answer) => answer.marker);
  const stored = await storedIds(
    asOwner(databaseUrl),
    'incident',
    writes.map((write) => write.marker!),
  );
  console.info(
    `SIGTERM: ${answers.length} requests under way answered ${answers.map((a) => `${a.status || a.failure} in ${a.ms.toFixed(0)} ms`).join(', ')}, ` +
      `the last ${(lastAnswer - signalled).toFixed(0)} ms after the signal; new connections refused from ${refused?.toFixed(0)} ms; the process exited ${exit.code} ` +
      `${exitedAfterLastAnswer.toFixed(0)} ms after it; the keep-alive client got ${keptOutcomes.join(', then ')} (${kept.length} requests)`,
  );

  expect(
    answers.map((a) => `${a.what} ${a.status}`),
    server.problems().join('\n'),
  ).toEqual(answers.map((a) => `${a.what} ${a.what.startsWith('POST') ? 201 : 200}`));
  // each write stored once, under the id it was answered with
  expect(writes.map((write) => stored.get(write.marker!))).toEqual(
    writes.map((write) => [(write.body as { id: string }).id]),
  );
  // refused while the requests were still under way
  expect(refused).toBeLessThan(lastAnswer - signalled);
  expect(exit).toEqual({ code: 0, signal: null });
  expect(exitedAfterLastAnswer).toBeLessThan(exitAfterLastAnswerMs);
  // the keep-alive client was answered in full until it was refused. Between the two, one request
  // may meet a connection that closed before the server read anything from it (a request the
  // server never saw, which HTTP clients retry): a new one that the kernel took into the
  // listener's backlog just as the listener closed is reset (ECONNRESET), and an idle pooled one
  // that the server closed as the request went out is seen closed (undici's UND_ERR_SOCKET).
  const neverRead = (outcome: string) =>
    outcome === '0 ECONNRESET' || outcome === '0 UND_ERR_SOCKET';
  expect(keptOutcomes.filter((outcome) => !neverRead(outcome))).toEqual([
    'answered',
    '0 ECONNREFUSED',
  ]);
  expect(kept.filter((a) => neverRead(`${a.status} ${a.failure}`)).length).toBeLessThanOrEqual(1);
}, 60_000);
