// One request measured two ways at the same concurrency for the same time: through the API with
// autocannon, and as its floor statement sent straight to PostgreSQL with `pg` (a prepared
// statement per client); with the CPU the server and PostgreSQL spent per request.
import autocannon from 'autocannon';
import pg from 'pg';
import type { Case } from './cases.ts';
import { cpuMs, postgresCpuMs } from './processes.ts';

export interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  // CPU milliseconds per request, of the API server (absent for the floor) and of PostgreSQL
  serverCpuMs?: number;
  postgresCpuMs: number;
}

export interface Target {
  url: string;
  pid: number;
  headers: Record<string, string>;
  postgresDataDir: string;
}

export const connections = 20;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function measureApi(target: Target, item: Case, seconds: number): Promise<Figures> {
  const path = item.path;
  const serverBefore = cpuMs(target.pid);
  const postgresBefore = postgresCpuMs(target.postgresDataDir);
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    headers: target.headers,
    requests: [
      typeof path === 'string'
        ? { method: 'GET', path }
        : { method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) },
    ],
  });
  const requests = result.requests.total;
  return {
    requests,
    perSecond: round(requests / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    serverCpuMs: round((cpuMs(target.pid) - serverBefore) / Math.max(requests, 1), 2),
    postgresCpuMs: round(
      (postgresCpuMs(target.postgresDataDir) - postgresBefore) / Math.max(requests, 1),
      2,
    ),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function measureFloor(
  servingUrl: string,
  postgresDataDir: string,
  item: Case,
  seconds: number,
): Promise<Figures> {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      // as long as autocannon waits for an answer (10 s): a slower one is an error for both.
      // Prepared, so parsed once, but planned for each execution's values as the API's are: a
      // generic plan, which PostgreSQL may settle on after five, walked the date index for
      // country + violation at 100,000 incidents (p99 221 ms against the API's 60 ms).
      const client = new pg.Client({
        connectionString: servingUrl,
        statement_timeout: 10_000,
        options: '-c plan_cache_mode=force_custom_plan',
      });
      await client.connect();
      return client;
    }),
  );
  const latencies: number[] = [];
  let errors = 0;
  const name = `floor-${item.name.replace(/\W+/g, '-')}`;
  try {
    const postgresBefore = postgresCpuMs(postgresDataDir);
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < deadline) {
          const path = typeof item.path === 'string' ? item.path : item.path();
          const { text, values } = item.floor(path);
          const sent = performance.now();
          try {
            await client.query({ name, text, values });
            latencies.push(performance.now() - sent);
          } catch {
            errors += 1;
          }
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      requests: latencies.length,
      perSecond: round(latencies.length / elapsed),
      p50: round(percentile(latencies, 0.5)),
      p99: round(percentile(latencies, 0.99)),
      errors,
      postgresCpuMs: round(
        (postgresCpuMs(postgresDataDir) - postgresBefore) / Math.max(latencies.length, 1),
        2,
      ),
    };
  } finally {
    await Promise.all(clients.map((client) => client.end()));
  }
}
