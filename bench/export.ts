// A large CSV case summary (about 10,000 incidents), one at a time: when its first byte and its
// last arrive, and how much the server's resident memory grows meanwhile (sampled every 20 ms).
// Its floor streams the same incidents with their acts, charges and sources out of PostgreSQL
// as CSV with one COPY.
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Statement } from './cases.ts';
import { rssBytes } from './processes.ts';

export interface ExportFigures {
  incidents: number;
  // medians over the runs, in milliseconds
  firstByteMs: number;
  completeMs: number;
  megabytes: number;
  // the largest growth of the server's RSS over a run
  memoryGrowthMb?: number;
}

const runs = 3;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number, digits = 1) => Number(value.toFixed(digits));

async function timed(read: () => AsyncIterable<Uint8Array>) {
  const started = performance.now();
  let firstByte = 0;
  let bytes = 0;
  for await (const chunk of read()) {
    if (bytes === 0) firstByte = performance.now() - started;
    bytes += chunk.length;
  }
  return { firstByte, complete: performance.now() - started, bytes };
}

function summary(incidents: number, results: Awaited<ReturnType<typeof timed>>[]): ExportFigures {
  return {
    incidents,
    firstByteMs: round(median(results.map((r) => r.firstByte))),
    completeMs: round(median(results.map((r) => r.complete))),
    megabytes: round(median(results.map((r) => r.bytes)) / 1024 / 1024, 2),
  };
}

export async function measureExportApi(
  url: string,
  headers: Record<string, string>,
  pid: number,
  incidents: number,
): Promise<ExportFigures> {
  const results = [];
  let growth = 0;
  for (let run = 0; run < runs; run++) {
    const before = rssBytes(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
    try {
      results.push(
        await timed(async function* () {
          const response = await fetch(url, { headers });
          if (!response.ok) throw new Error(`the export answered ${response.status}`);
          const reader = response.body!.getReader();
          for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
            yield chunk.value;
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    growth = Math.max(growth, peak - before);
  }
  return { ...summary(incidents, results), memoryGrowthMb: round(growth / 1024 / 1024) };
}

// COPY takes no parameters: the statement's values are written into it as literals.
function literal(client: pg.ClientBase, { text, values }: Statement): string {
  return text.replace(/\$(\d+)/g, (_match, n: string) => {
    const value = values[Number(n) - 1];
    return client.escapeLiteral(value instanceof Date ? value.toISOString() : String(value));
  });
}

export async function measureExportFloor(
  servingUrl: string,
  floor: Statement,
  incidents: number,
): Promise<ExportFigures> {
  const client = new pg.Client({ connectionString: servingUrl });
  await client.connect();
  try {
    const query = `COPY (${literal(client, floor)}) TO STDOUT WITH (FORMAT csv, HEADER)`;
    const results = [];
    for (let run = 0; run < runs; run++) {
      results.push(await timed(() => client.query(copyTo(query))));
    }
    return summary(incidents, results);
  } finally {
    await client.end();
  }
}
