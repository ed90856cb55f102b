// Benchmarks the API over the demo data set on a fresh embedded PostgreSQL. Every figure is a
// ratio to the baseline measured in the same run (GET /api/health: HTTP, session-less, one
// trivial query), so that results compare across machines. Usage: npm run bench [-- seconds]
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { demoPassword } from '../prisma/seed/demo-accounts.ts';
import { seedDemo } from '../prisma/seed/demo.ts';
import { createApp } from '../server/src/app.ts';
import { projectRoot } from '../server/src/config.ts';
import { ensureDatabase, startEmbeddedPostgres } from '../server/src/db/embedded-postgres.ts';
import { migrate } from '../server/src/db/migrator.ts';
import { openDatabase } from '../server/src/db/prisma.ts';
import { ensureVocabularies } from '../server/src/modules/vocabularies/vocabularies.seed.ts';

const secondsEach = Number(process.argv[2] ?? 3);
const concurrency = 8;

interface Case {
  name: string;
  path: string;
  as?: string;
}

const cases: Case[] = [
  { name: 'baseline: health', path: '/api/health' },
  { name: 'session: /auth/me', path: '/api/auth/me', as: 'admin@vigil.test' },
  { name: 'defenders: first page', path: '/api/defenders', as: 'manager@vigil.test' },
  {
    name: 'defenders: first page, researcher',
    path: '/api/defenders',
    as: 'researcher@vigil.test',
  },
  { name: 'defenders: q search', path: '/api/defenders?q=sok', as: 'manager@vigil.test' },
  {
    name: 'defenders: similar',
    path: '/api/defenders/similar?name=sokha%20chann',
    as: 'manager@vigil.test',
  },
  { name: 'incidents: first page', path: '/api/incidents', as: 'manager@vigil.test' },
  {
    name: 'incidents: first page, researcher',
    path: '/api/incidents',
    as: 'researcher@vigil.test',
  },
  { name: 'incidents: 200 per page', path: '/api/incidents?limit=200', as: 'manager@vigil.test' },
  {
    name: 'incidents: violation filter',
    path: '/api/incidents?violation=ARBITRARY_ARREST',
    as: 'manager@vigil.test',
  },
  { name: 'incidents: q search', path: '/api/incidents?q=arrest', as: 'manager@vigil.test' },
  { name: 'advocacy: first page', path: '/api/advocacy', as: 'advocacy@vigil.test' },
  { name: 'audit: first page', path: '/api/audit', as: 'admin@vigil.test' },
];

async function signIn(base: string, email: string) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: demoPassword }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function measure(url: string, cookie: string | undefined) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const first = await fetch(url, { headers });
  if (!first.ok) return { status: first.status, perSecond: 0, p95: 0 };
  await first.arrayBuffer();
  const deadline = performance.now() + secondsEach * 1000;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    status: 200,
    perSecond: latencies.length / secondsEach,
    p95: latencies[Math.floor(latencies.length * 0.95)] ?? 0,
  };
}

const dataDir = path.join(os.tmpdir(), `vigil-bench-${randomBytes(4).toString('hex')}`, 'pg');
const cluster = await startEmbeddedPostgres({ dataDir, ephemeral: true });
try {
  await ensureDatabase(cluster.url('postgres'), 'vigil');
  const url = cluster.url('vigil');
  await migrate(url, path.join(projectRoot, 'prisma/migrations'));
  const database = openDatabase(url);
  await ensureVocabularies(database.db);
  await seedDemo(database.db, pino({ level: 'silent' }));
  const app = createApp({ database, logger: pino({ level: 'silent' }) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const cookies = new Map<string, string>();
  const rows: string[] = [];
  let baseline = 0;
  for (const item of cases) {
    if (item.as && !cookies.has(item.as)) cookies.set(item.as, await signIn(base, item.as));
    const result = await measure(`${base}${item.path}`, item.as ? cookies.get(item.as) : undefined);
    if (!baseline) baseline = result.perSecond;
    const ratio = result.perSecond ? (baseline / result.perSecond).toFixed(2) : 'n/a';
    rows.push(
      `| ${item.name} | ${result.status === 200 ? result.perSecond.toFixed(0) : `HTTP ${result.status}`} | ${result.p95.toFixed(1)} | ${ratio} |`,
    );
    console.log(rows.at(-1));
  }
  const report = [
    `# Benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, ${concurrency} concurrent clients, ${secondsEach} s each, demo data set)`,
    '',
    '| case | requests/s | p95 ms | cost vs baseline (×) |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  fs.mkdirSync(path.join(projectRoot, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(projectRoot, 'bench/results/latest.md'), report);
  console.log(`\n${report}`);
  server.closeAllConnections();
  server.close();
  await database.close();
} finally {
  await cluster.stop();
}
