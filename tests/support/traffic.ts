// Traffic for the load and fault suites: writes that each carry a unique marker (a defender's
// display name, an incident's title or summary), a steady stream of timed requests, and the rows
// in the database that carry the markers of the writes that were acknowledged.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const run = randomBytes(3).toString('hex');
let written = 0;

// Unique across the test run.
export function uniqueMarker(prefix: string): string {
  written += 1;
  return `${prefix} ${run}x${written}`;
}

export function defenderWrite(marker: string, country: string) {
  return { displayName: marker, country, riskLevel: 'HIGH', sectors: ['LAND_ENVIRONMENT'] };
}

// An incident with an act, a charge and a source per defender: enough children that a write
// cut half-way would show. Its summary says how many of each it has.
export function incidentWrite(marker: string, defenderIds: string[], country: string) {
  return {
    title: marker,
    summary: `${marker}: ${defenderIds.length} acts, charges and sources.`,
    occurredOn: '2024-03-08',
    country,
    acts: defenderIds.map((defenderId, position) => ({
      defenderId,
      violation: position % 2 ? 'ARBITRARY_DETENTION' : 'ARBITRARY_ARREST',
      perpetrators: ['POLICE'],
      notes: `act ${position + 1} of ${marker}`,
    })),
    charges: defenderIds.map((defenderId, position) => ({
      defenderId,
      law: `Penal code article ${position + 100}`,
      status: 'CHARGED',
    })),
    sources: defenderIds.map((_, position) => ({
      kind: 'WITNESS_TESTIMONY',
      reliability: 'RELIABLE',
      description: `witness ${position + 1} of ${marker}`,
      identity: `Witness ${position + 1}, phone 0${position}1234567`,
    })),
  };
}

export interface Answer {
  // the request, e.g. 'POST /api/defenders'
  what: string;
  // 0: no answer (the connection failed)
  status: number;
  // why there was no answer: the socket error's code (ECONNREFUSED, UND_ERR_SOCKET...)
  failure?: string;
  // the error code of an error body
  code?: string;
  // parsed when JSON, else its length in bytes
  body?: unknown;
  // the write's marker
  marker?: string;
  startedAt: number;
  ms: number;
}

export async function timed(
  what: string,
  send: () => Promise<Response>,
  marker?: string,
): Promise<Answer> {
  const startedAt = performance.now();
  const answer = (status: number, body?: unknown, failure?: string): Answer => ({
    what,
    status,
    ...(failure === undefined ? {} : { failure }),
    ...(body === undefined ? {} : { body }),
    ...(typeof body === 'object' && body && 'error' in body
      ? { code: (body as { error: { code: string } }).error.code }
      : {}),
    ...(marker === undefined ? {} : { marker }),
    startedAt,
    ms: performance.now() - startedAt,
  });
  try {
    const response = await send();
    const json = response.headers.get('content-type')?.startsWith('application/json');
    const body = json ? await response.json() : (await response.arrayBuffer()).byteLength;
    return answer(response.status, body);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return answer(0, undefined, cause?.code ?? String(error));
  }
}

// `workers` loops, each sending its next request `pauseMs` after the last one was answered,
// until stopped.
export function steadyStream(
  workers: number,
  next: (worker: number) => Promise<Answer>,
  pauseMs = 0,
) {
  const answers: Answer[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    while (running) {
      answers.push(await next(worker));
      if (pauseMs) await sleep(pauseMs);
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

// Waits until `done` holds, for at most `withinMs` (a loaded machine is slow, a fast one need not
// wait); whether it held.
export async function until(done: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = performance.now() + withinMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

const markedColumns = {
  defender: { table: '"Defender"', column: '"displayName"' },
  incident: { table: '"Incident"', column: '"title"' },
  'incident summary': { table: '"Incident"', column: '"summary"' },
};

// The ids of the rows that carry each marker (none, one, or more for a write stored twice),
// read with SQL as the owner, not through the app.
export async function storedIds(
  ownerUrl: string,
  kind: keyof typeof markedColumns,
  markers: string[],
): Promise<Map<string, string[]>> {
  const { table, column } = markedColumns[kind];
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ marker: string; ids: string[] }>(
      `SELECT ${column} AS marker, array_agg(id::text) AS ids FROM ${table}
       WHERE ${column} = ANY($1::text[]) GROUP BY ${column}`,
      [markers],
    );
    const found = new Map(rows.map((row) => [row.marker, row.ids]));
    return new Map(markers.map((marker) => [marker, found.get(marker) ?? []]));
  } finally {
    await client.end();
  }
}
