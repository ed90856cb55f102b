// Fault: the server killed with SIGKILL in the middle of writes (incidents with their acts,
// charges and sources, created and then edited). Started again over the same data, it has every
// write it acknowledged, as it was acknowledged, and no incident half-written: each has exactly
// the acts, charges and sources its own summary counts, acknowledged or not.
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword } from '../../prisma/seed/demo-accounts.ts';
import { asOwner, createTestDatabase } from '../support/database.ts';
import { signIn, type Client } from '../support/http.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';
import {
  incidentWrite,
  steadyStream,
  storedIds,
  timed,
  uniqueMarker,
  until,
  type Answer,
} from '../support/traffic.ts';

const prefix = 'Sigkill incident';

type IncidentWrite = ReturnType<typeof incidentWrite>;
interface Stored {
  id: string;
  version: number;
}

let databaseUrl: string;
let server: ServerProcess;
let researcher: Client;
let defenderIds: string[];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  server = await startServerProcess({ databaseUrl, ownerUrl: asOwner(databaseUrl) });
  researcher = await signIn(server, 'researcher@vigil.test', demoPassword);
  const defenders = (await (await researcher.get('/api/defenders?country=KH&limit=4')).json()) as {
    items: { id: string }[];
  };
  defenderIds = defenders.items.map((defender) => defender.id);
  // a fresh process answers its first writes slowly: warmed up before the test
  await researcher.request('POST', '/api/incidents', incidentWrite('Warm-up', defenderIds, 'KH'));
});

afterAll(() => server?.dispose());

// What each incident should hold: the body of the last write acknowledged for it, or, when a
// write to it was under way at the kill, either that or the body it was sent.
const expected = new Map<string, { acknowledged: IncidentWrite; underWay?: IncidentWrite }>();
const writes: Answer[] = [];

// Each worker creates an incident with one to four defenders, then edits it with another number
// of them (lists given to PATCH replace the incident's own).
async function createThenEdit(worker: number): Promise<Answer> {
  const created = incidentWrite(uniqueMarker(prefix), defenderIds.slice(0, 1 + (worker % 4)), 'KH');
  const post = await timed(
    'POST /api/incidents',
    () => researcher.request('POST', '/api/incidents', created),
    created.title,
  );
  writes.push(post);
  if (post.status !== 201) return post;
  const { id, version } = post.body as Stored;
  const edited = incidentWrite(uniqueMarker(prefix), defenderIds.slice(0, 4 - (worker % 4)), 'KH');
  expected.set(id, { acknowledged: created, underWay: edited });
  const patch = await timed(
    'PATCH /api/incidents/:id',
    () => researcher.request('PATCH', `/api/incidents/${id}`, { ...edited, version }),
    edited.title,
  );
  writes.push(patch);
  if (patch.status === 200) expected.set(id, { acknowledged: edited });
  return patch;
}

interface IncidentOutput {
  title: string;
  summary: string;
  acts: { defenderId: string; violation: string; perpetrators: string[]; notes: string | null }[];
  charges: { defenderId: string; law: string; status: string }[];
  sources: { kind: string; reliability: string; description: string; identity?: string | null }[];
}

// The fields a write sets, as the API gives them back.
function written(incident: IncidentWrite | IncidentOutput) {
  return {
    title: incident.title,
    summary: incident.summary,
    acts: incident.acts.map(({ defenderId, violation, perpetrators, notes }) => ({
      defenderId,
      violation,
      perpetrators,
      notes,
    })),
    charges: incident.charges.map(({ defenderId, law, status }) => ({ defenderId, law, status })),
    sources: incident.sources.map(({ kind, reliability, description, identity }) => ({
      kind,
      reliability,
      description,
      identity,
    })),
  };
}

// Every incident of this test, with the number of acts, charges and sources its summary says and
// the number it has, read with SQL as the owner.
async function childCounts() {
  const client = new pg.Client({ connectionString: asOwner(databaseUrl) });
  await client.connect();
  try {
    const { rows } = await client.query<{ summary: string; children: string }>(
      `SELECT i.summary,
              (SELECT count(*) FROM "IncidentAct" a WHERE a."incidentId" = i.id) || ' ' ||
              (SELECT count(*) FROM "IncidentCharge" c WHERE c."incidentId" = i.id) || ' ' ||
              (SELECT count(*) FROM "IncidentSource" s WHERE s."incidentId" = i.id) AS children
       FROM "Incident" i WHERE i.title LIKE $1`,
      [`${prefix}%`],
    );
    return rows.map((row) => {
      const said = /: (\d+) acts, charges and sources\.$/.exec(row.summary)?.[1];
      return { said: `${said} ${said} ${said}`, has: row.children };
    });
  } finally {
    await client.end();
  }
}

it('when the server is killed with SIGKILL mid-writes and started again, then every acknowledged write is there as acknowledged and no incident is half-written', async () => {
  const stream = steadyStream(8, createThenEdit);
  await until(() => writes.filter((w) => w.status === 200).length >= 10, 30_000);
  await server.stop('SIGKILL');
  await stream.stop();

  server = await startServerProcess({
    databaseUrl,
    ownerUrl: asOwner(databaseUrl),
    dataDir: server.dataDir,
    port: server.port,
  });
  // the session lives in the database: it outlives the process
  const stored = await Promise.all(
    [...expected].map(async ([id, writes]) => {
      const response = await researcher.get(`/api/incidents/${id}?include=sensitive`);
      return {
        id,
        writes,
        status: response.status,
        incident: (await response.json()) as IncidentOutput,
      };
    }),
  );
  const counts = await childCounts();
  const titles = await storedIds(
    asOwner(databaseUrl),
    'incident',
    writes.flatMap((w) => (w.marker ? [w.marker] : [])),
  );
  const acknowledged = writes.filter((w) => w.status === 200 || w.status === 201);
  // never answered: under way at the kill (those sent after it were refused)
  const cut = writes.filter((w) => w.status === 0 && w.failure !== 'ECONNREFUSED');
  console.info(
    `SIGKILL: ${writes.length} writes sent, ${acknowledged.length} acknowledged ` +
      `(${acknowledged.filter((w) => w.status === 201).length} incidents created, ${acknowledged.filter((w) => w.status === 200).length} edited), ` +
      `${cut.length} unanswered (under way at the kill); after restart ${stored.length} acknowledged incidents checked field by field, ` +
      `${counts.length} incidents of the test counted for acts, charges and sources`,
  );

  expect(acknowledged.length).toBeGreaterThan(20);
  expect(cut.length).toBeGreaterThan(0);
  expect(writes.every((w) => [0, 200, 201].includes(w.status))).toBe(true);
  for (const { id, writes, status, incident } of stored) {
    expect(status, id).toBe(200);
    const candidates = [writes.acknowledged, writes.underWay].flatMap((w) =>
      w ? [written(w)] : [],
    );
    expect(candidates, id).toContainEqual(written(incident));
  }
  expect(counts.filter((count) => count.said !== count.has)).toEqual([]);
  // each incident is stored once, under its acknowledged title or the one under way
  const storedOnce = [...expected].filter(
    ([id, { acknowledged, underWay }]) =>
      [acknowledged, underWay].flatMap((w) => (w ? titles.get(w.title)! : [])).join() === id,
  );
  expect(storedOnce.length).toBe(expected.size);
}, 90_000);
