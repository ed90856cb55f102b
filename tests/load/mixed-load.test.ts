// Load (npm run test:load): 200 connections for LOAD_SECONDS (60 by default) of mixed signed-in
// reads and writes, autocannon against the real server process on loopback, as the demo
// researcher, manager, advocacy officer and admin. Then: no 5xx, no socket error or timeout,
// and every write answered 200 or 201 is in the database exactly once, under the id it was
// answered with.
import autocannon from 'autocannon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../prisma/seed/demo-accounts.ts';
import { asOwner, createTestDatabase } from '../support/database.ts';
import { signIn, type Client } from '../support/http.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import { defenderWrite, incidentWrite, storedIds, uniqueMarker } from '../support/traffic.ts';

const seconds = Number(process.env.LOAD_SECONDS ?? 60);
const connections = 200;

interface Session {
  role: 'RESEARCHER' | 'MANAGER' | 'ADVOCACY' | 'ADMIN';
  client: Client;
  // what this account may read, for the detail pages
  incidentIds: string[];
  defenderIds: string[];
  // words of names it may read, for q
  words: string[];
}

type Written = 'defender' | 'incident' | 'incident summary';

// One connection's state for one pass over the steps (autocannon resets it after each pass).
interface Pass {
  session: Session;
  defenderId?: string;
  incident?: { id: string; version: number };
  // the write under way on this connection (one request at a time: no pipelining)
  sending?: { kind: Written; marker: string };
}

interface Acknowledged {
  kind: Written;
  marker: string;
  id: string;
}

let databaseUrl: string;
let server: ServerProcess;
const sessions: Session[] = [];
const acknowledged: Acknowledged[] = [];

const accounts = [
  ['researcher@vigil.test', 'RESEARCHER'],
  ['manager@vigil.test', 'MANAGER'],
  ['advocacy@vigil.test', 'ADVOCACY'],
  ['admin@vigil.test', 'ADMIN'],
] as const;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  // as production logs: every request at info
  server = await startServerProcess({
    databaseUrl,
    ownerUrl: asOwner(databaseUrl),
    logLevel: 'info',
    // all of it, for the warnings and errors in the summary
    keptOutputBytes: 256 * 1024 * 1024,
  });
  for (const [email, role] of accounts) {
    const client = await signIn(server, email, demoPassword);
    const list = async (path: string) =>
      ((await (await client.get(path)).json()) as { items: { id: string; displayName?: string }[] })
        .items;
    const incidents = await list('/api/incidents?limit=100');
    const defenders = await list('/api/defenders?country=KH&limit=100');
    sessions.push({
      role,
      client,
      incidentIds: incidents.map((incident) => incident.id),
      defenderIds: defenders.map((defender) => defender.id),
      words: defenders.map((defender) => defender.displayName!.split(' ')[0]!),
    });
  }
  expect(sessions.every((s) => s.incidentIds.length > 0 && s.defenderIds.length > 0)).toBe(true);
}, 180_000);

afterAll(() => server?.dispose());

let turn = 0;
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;
const writes = (pass: Pass) => pass.session.role !== 'ADVOCACY';

function get(pass: Pass, path: string): autocannon.Request {
  return { method: 'GET', path, headers: { cookie: pass.session.client.cookie } };
}

function write(
  pass: Pass,
  method: 'POST' | 'PATCH',
  path: string,
  kind: Written,
  marker: string,
  body: unknown,
): autocannon.Request {
  pass.sending = { kind, marker };
  return {
    method,
    path,
    headers: {
      cookie: pass.session.client.cookie,
      'x-csrf-token': pass.session.client.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  };
}

// A write answered 200 or 201 is recorded with its marker and the id it was answered with.
function recordWrite(status: number, body: string, pass: Pass) {
  const sending = pass.sending;
  pass.sending = undefined;
  if (!sending || (status !== 200 && status !== 201)) return;
  const stored = JSON.parse(body) as { id: string; version: number };
  acknowledged.push({ ...sending, id: stored.id });
  if (sending.kind === 'defender') pass.defenderId = stored.id;
  if (sending.kind === 'incident') pass.incident = { id: stored.id, version: stored.version };
}

// The requests of one pass: writes first, so that a short run has every kind of write, then
// reads; advocacy officers read where the others write.
const steps: ((pass: Pass) => autocannon.Request)[] = [
  (pass) => {
    if (!writes(pass)) return get(pass, '/api/defenders?country=KH&riskLevel=HIGH');
    const marker = uniqueMarker('Load defender');
    return write(pass, 'POST', '/api/defenders', 'defender', marker, defenderWrite(marker, 'KH'));
  },
  (pass) => {
    if (!writes(pass) || !pass.defenderId) {
      return get(pass, '/api/incidents?status=VERIFIED&violation=ARBITRARY_ARREST');
    }
    const marker = uniqueMarker('Load incident');
    const defenders = [pass.defenderId, pick(pass.session.defenderIds)];
    return write(
      pass,
      'POST',
      '/api/incidents',
      'incident',
      marker,
      incidentWrite(marker, defenders, 'KH'),
    );
  },
  (pass) => {
    if (!pass.incident) return get(pass, '/api/incidents?from=2015-01-01&to=2020-12-31');
    const marker = uniqueMarker('Load edit');
    const { id, version } = pass.incident;
    return write(pass, 'PATCH', `/api/incidents/${id}`, 'incident summary', marker, {
      summary: marker,
      version,
    });
  },
  (pass) => get(pass, '/api/incidents?sort=-updatedAt&limit=50'),
  (pass) => get(pass, `/api/incidents/${pass.incident?.id ?? pick(pass.session.incidentIds)}`),
  (pass) => get(pass, `/api/defenders/${pass.defenderId ?? pick(pass.session.defenderIds)}`),
  (pass) => get(pass, `/api/defenders?q=${encodeURIComponent(pick(pass.session.words))}`),
  (pass) => get(pass, '/api/stats/incidents?groupBy=violation&country=KH&country=TH'),
  (pass) =>
    pass.session.role === 'MANAGER' || pass.session.role === 'ADMIN'
      ? get(pass, '/api/audit?limit=50')
      : get(pass, '/api/incidents?q=arrest'),
  (pass) => get(pass, '/api/incidents?country=KH&violation=ARBITRARY_ARREST&perpetrator=POLICE'),
];

const requests: autocannon.Request[] = steps.map((step, index) => ({
  setupRequest: (_request, context) => {
    const pass = context as Pass;
    // a new pass (autocannon hands each a fresh context): the next account in turn
    if (index === 0) pass.session = sessions[turn++ % sessions.length]!;
    return step(pass);
  },
  onResponse: (status, body, context) => recordWrite(status, body, context as Pass),
}));

it(`when ${connections} connections send mixed reads and writes for ${seconds} s, then nothing fails and every acknowledged write is stored once`, async () => {
  const result = await autocannon({
    url: server.url,
    connections,
    duration: seconds,
    // a request still unanswered after this counts as a timeout (autocannon's default is 10 s:
    // on a 2-core machine shared with other work, 200 connections queue longer than that)
    timeout: 30,
    requests,
  });

  const byKind = (kind: Written) => acknowledged.filter((write) => write.kind === kind);
  const found = new Map<Written, Map<string, string[]>>();
  for (const kind of ['defender', 'incident', 'incident summary'] as const) {
    const markers = byKind(kind).map((write) => write.marker);
    found.set(kind, await storedIds(asOwner(databaseUrl), kind, markers));
  }
  const idsOf = (write: Acknowledged) => found.get(write.kind)!.get(write.marker)!;
  const storedOnce = acknowledged.filter((write) => idsOf(write).join() === write.id);
  const missing = acknowledged.filter((write) => idsOf(write).length === 0);
  const duplicated = acknowledged.filter((write) => idsOf(write).length > 1);
  const problems = server.problems();
  const statuses = Object.entries(result.statusCodeStats ?? {}).map(
    ([status, { count }]) => `${status}: ${count}`,
  );
  console.info(
    [
      `load: ${connections} connections for ${result.duration} s: ${result.requests.total} requests answered ` +
        `(${result.requests.average.toFixed(0)} req/s on average), latency p50 ${result.latency.p50} ms, ` +
        `p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `statuses ${statuses.join(', ')}; socket errors ${result.errors}, timeouts ${result.timeouts}`,
      `writes acknowledged: ${acknowledged.length} (${byKind('defender').length} defenders, ` +
        `${byKind('incident').length} incidents with 2 acts, charges and sources each, ${byKind('incident summary').length} edits); ` +
        `found exactly once: ${storedOnce.length}, missing ${missing.length}, duplicated ${duplicated.length}`,
      `the server's warnings and errors: ${problems.join(', ') || 'none'}`,
    ].join('\n'),
  );

  expect(result['5xx']).toBe(0);
  expect(result.errors).toBe(0);
  expect(result.timeouts).toBe(0);
  expect(result.non2xx).toBe(0);
  expect(byKind('incident summary').length).toBeGreaterThan(0);
  expect(missing).toEqual([]);
  expect(duplicated).toEqual([]);
  expect(storedOnce.length).toBe(acknowledged.length);
});
