// Fault: PostgreSQL stops in the middle of a steady stream of signed-in reads and writes, then
// comes back on the same port and data. The server process must answer 503 UNAVAILABLE at once
// while it is gone (never hang, never 500 or 401), stay up, serve again soon after it returns,
// and have lost none of the writes it acknowledged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../prisma/seed/demo-accounts.ts';
import {
  ensureDatabase,
  freePort,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from '../../server/src/db/embedded-postgres.ts';
import { signIn, type Client } from '../support/http.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  defenderWrite,
  steadyStream,
  storedIds,
  timed,
  uniqueMarker,
  until,
  type Answer,
} from '../support/traffic.ts';

// each request is answered within this while the database is down (Prisma's maxWait is 10 s)
const failFastMs = 2_000;
// the server serves again within this once PostgreSQL accepts connections again
const recoveryMs = 5_000;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-outage-'));
const dataDir = path.join(root, 'pg');
let port: number;
let cluster: EmbeddedPostgres;
let server: ServerProcess;
let researcher: Client;
let manager: Client;

beforeAll(async () => {
  port = await freePort();
  cluster = await startEmbeddedPostgres({ dataDir, port });
  await ensureDatabase(cluster.url('postgres'), 'vigil');
  server = await startServerProcess({
    databaseUrl: cluster.servingUrl('vigil'),
    ownerUrl: cluster.url('vigil'),
  });
  researcher = await signIn(server, 'researcher@vigil.test', demoPassword);
  manager = await signIn(server, 'manager@vigil.test', demoPassword);
});

afterAll(async () => {
  await server?.dispose();
  await cluster?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

// Half the workers read as the manager, half write as the researcher.
function nextRequest(worker: number): Promise<Answer> {
  if (worker % 2 === 0) {
    return timed('GET /api/incidents', () =>
      manager.get('/api/incidents?country=KH&sort=-updatedAt&limit=20'),
    );
  }
  const marker = uniqueMarker('Outage defender');
  return timed(
    'POST /api/defenders',
    () => researcher.request('POST', '/api/defenders', defenderWrite(marker, 'KH')),
    marker,
  );
}

const errorMessageOf = (answer: Answer) =>
  (answer.body as { error?: { message?: unknown } } | undefined)?.error?.message;

const health = () => timed('GET /api/health', () => fetch(`${server.url}/api/health`));

async function firstHealthy(since: number, within: number): Promise<number | undefined> {
  while (performance.now() - since < within) {
    if ((await health()).status === 200) return performance.now() - since;
    await sleep(50);
  }
  return undefined;
}

it('when PostgreSQL stops mid-stream and returns, then requests fail fast with 503, the process stays up, serves again within 5 s and keeps every acknowledged write', async () => {
  const stream = steadyStream(8, nextRequest);
  const served = (since: number) => () =>
    stream.answers.filter((a) => a.startedAt > since && (a.status === 200 || a.status === 201))
      .length >= 20;
  await until(served(0), 20_000);

  const stopping = performance.now();
  await cluster.stop();
  const down = performance.now();
  await until(() => stream.answers.filter((a) => a.startedAt > down).length >= 40, 10_000);
  const healthWhileDown = await health();

  // PostgreSQL accepts connections a little before its start resolves: only what was answered
  // before the start began was surely answered while it was down
  const restarting = performance.now();
  cluster = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
  const up = performance.now();
  const recoveredAfter = await firstHealthy(up, recoveryMs);
  await until(served(up + (recoveredAfter ?? 0)), 20_000);
  const answers = await stream.stop();

  const before = answers.filter((a) => a.startedAt + a.ms < stopping);
  const whileDown = answers.filter((a) => a.startedAt > down && a.startedAt + a.ms < restarting);
  const after = answers.filter((a) => a.startedAt > up + (recoveredAfter ?? 0));
  const firstUnavailable = Math.min(
    ...answers.filter((a) => a.status === 503).map((a) => a.startedAt + a.ms - stopping),
  );
  const acknowledged = answers.filter((a) => a.what.startsWith('POST') && a.status === 201);
  const stored = await storedIds(
    cluster.url('vigil'),
    'defender',
    acknowledged.map((a) => a.marker!),
  );
  // each acknowledged defender once, under the id it was answered with
  const storedOnce = acknowledged.filter(
    (a) => stored.get(a.marker!)!.join() === (a.body as { id: string }).id,
  );
  console.info(
    `database outage: ${answers.length} requests (${before.length} before, ${whileDown.length} while down, ${after.length} after); ` +
      `first 503 ${firstUnavailable.toFixed(0)} ms after the stop began (PostgreSQL took ${(down - stopping).toFixed(0)} ms to stop), slowest while down ${Math.max(...whileDown.map((a) => a.ms)).toFixed(0)} ms; ` +
      `serving again ${recoveredAfter?.toFixed(0)} ms after PostgreSQL was up; ${acknowledged.length} writes acknowledged, ${storedOnce.length} found once`,
  );

  // before: served
  expect(before.length).toBeGreaterThanOrEqual(20);
  expect(before.every((a) => a.status === 200 || a.status === 201)).toBe(true);
  // while down: every request answered 503 UNAVAILABLE in the error shape, and fast
  expect(whileDown.length).toBeGreaterThan(20);
  expect(whileDown.map((a) => `${a.status} ${a.code}`)).toEqual(
    whileDown.map(() => '503 UNAVAILABLE'),
  );
  expect(whileDown.every((a) => typeof errorMessageOf(a) === 'string')).toBe(true);
  expect(Math.max(...whileDown.map((a) => a.ms))).toBeLessThan(failFastMs);
  expect(healthWhileDown.status).toBe(503);
  expect(healthWhileDown.code).toBe('UNAVAILABLE');
  // nothing but 200, 201 and 503 at any time: no 500, no 401 for a session it could not read
  expect(new Set(answers.map((a) => a.status))).toEqual(new Set([200, 201, 503]));
  // the process stayed up and serves again
  expect(recoveredAfter).toBeLessThan(recoveryMs);
  expect(after.length).toBeGreaterThanOrEqual(20);
  expect(after.every((a) => a.status === 200 || a.status === 201)).toBe(true);
  // no acknowledged write lost or doubled
  expect(acknowledged.length).toBeGreaterThan(10);
  expect(storedOnce.length).toBe(acknowledged.length);
}, 60_000);
