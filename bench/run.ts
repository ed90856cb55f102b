// The benchmark at scale (issue 10): generates realistic data into its own embedded PostgreSQL
// (bench/dataset/generate.ts), starts the real server in a process of its own, signs in, and
// measures each request of bench/cases.ts with autocannon against its floor (the best single
// SQL statement for the same answer, sent with `pg` at the same concurrency), then a 10,000-
// incident CSV export. Results go to bench/results/<date>.json and bench/README.md.
// Usage: npm run bench -- [incidents, default 10000] [--seconds 10] [--as manager@bench.test]
//   [--load-only: generate, report the load rate and check the audit chain, measure nothing]
//   [--only TEXT: measure only the requests whose name contains TEXT, and write no results]
//   [--profile: the server writes a V8 CPU profile of the run to a temporary folder]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { defineAbilityFor, type AbilityUser } from '@vigil/shared/auth/abilities';
import { projectRoot } from '../server/src/config.ts';
import { whereSql } from '../server/src/db/where-sql.ts';
import { openDatabase } from '../server/src/db/prisma.ts';
import { verifyAuditChain } from '../server/src/modules/audit/audit-chain.ts';
import { hashPassword } from '../server/src/modules/auth/passwords.ts';
import { readableIncidents } from '../server/src/modules/incidents/index.ts';
import { ensureVocabularies } from '../server/src/modules/vocabularies/vocabularies.seed.ts';
import { createFieldCipher } from '../server/src/security/field-cipher.ts';
import { Prisma } from '../prisma/generated/client.ts';
import { benchCases, countTableFor, floorRows, incidentPage, type Case } from './cases.ts';
import { clusterSettings, startBenchCluster } from './cluster.ts';
import { generateData } from './dataset/generate.ts';
import { measureExportApi, measureExportFloor } from './export.ts';
import { connections, measureApi, measureFloor, type Target } from './measure.ts';
import { postgresCpuMs } from './processes.ts';
import { renderRun, writeResults, type CaseResult, type RunResult } from './report.ts';
import { startServerProcess } from './server-process.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const incidents = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 10_000);
const secondsEach = Number(option('--seconds') ?? 10);
const email = option('--as') ?? 'manager@bench.test';
const loadOnly = args.includes('--load-only');
const only = option('--only');
const profileDir = args.includes('--profile')
  ? fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-profile-'))
  : undefined;
const exportSize = 10_000;

const log = (message: string) => console.log(`[bench] ${message}`);
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

async function signIn(url: string, password: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`signing in as ${email} answered ${response.status}`);
  const body = (await response.json()) as { user: AbilityUser; csrfToken: string };
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { user: body.user, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

async function getJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

// The cursor of the 20th page, by following nextCursor as a client does.
async function page20Cursor(url: string, headers: Record<string, string>): Promise<string> {
  let cursor: string | null = null;
  for (let page = 1; page < 20; page++) {
    const query: string = cursor ? `?cursor=${cursor}` : '';
    ({ nextCursor: cursor } = (await getJson(`${url}/api/incidents${query}`, headers)) as {
      nextCursor: string | null;
    });
    if (!cursor) throw new Error(`the list ends at page ${page}: too few incidents for page 20`);
  }
  return cursor!;
}

const cluster = await startBenchCluster(log);
try {
  const owner = openDatabase(cluster.ownerUrl, 2);
  await ensureVocabularies(owner.db);
  await owner.close();
  const dataKey = randomBytes(32);
  const password = randomBytes(18).toString('base64url');
  log(`generating ${incidents.toLocaleString('en')} incidents`);
  // the CPU the load took, apart from the wall time that other work on the machine stretches
  const postgresBefore = postgresCpuMs(cluster.dataDir);
  const nodeBefore = process.cpuUsage();
  const { accounts: _accounts, ...generated } = await generateData(cluster.ownerUrl, {
    incidents,
    cipher: createFieldCipher([dataKey]),
    passwordHash: await hashPassword(password),
    log,
    postgresCpuMs: () => postgresCpuMs(cluster.dataDir),
  });
  const nodeCpu = process.cpuUsage(nodeBefore);
  const loadAverage = round(os.loadavg()[0]!, 1);
  const load = {
    ...generated,
    cpuSeconds: {
      postgres: round((postgresCpuMs(cluster.dataDir) - postgresBefore) / 1000, 1),
      node: round((nodeCpu.user + nodeCpu.system) / 1e6, 1),
    },
  };
  log(`loaded in ${load.seconds.toFixed(1)} s: ${JSON.stringify(load.rows)}`);

  const sql = new pg.Client({ connectionString: cluster.servingUrl });
  await sql.connect();
  const chain = await verifyAuditChain(sql, 10_000);
  log(`audit chain: ${chain.intact ? 'intact' : 'BROKEN'} over ${chain.events} events`);
  if (loadOnly) {
    log(
      `${Math.round(incidents / load.seconds)} incidents/s (${load.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join(', ')}), CPU ${JSON.stringify(load.cpuSeconds)}, load average ${loadAverage}`,
    );
    await sql.end();
    process.exitCode = chain.intact ? 0 : 1;
  } else {
    const server = await startServerProcess({
      servingUrl: cluster.servingUrl,
      ownerUrl: cluster.ownerUrl,
      dataKey: dataKey.toString('base64'),
      profileDir,
    });
    try {
      const { user, headers } = await signIn(server.url, password);
      const ability = defineAbilityFor(user);
      const readable = whereSql('Incident', 'i', readableIncidents(ability));
      const sampled = Prisma.sql`SELECT i."id" FROM "Incident" AS i WHERE ${readable}
      ORDER BY random() LIMIT 1000`;
      const { rows: sample } = await sql.query<{ id: string }>(sampled.text, sampled.values);
      const countTable = await countTableFor(sql, ability);
      log(`the statistics' floors count from "${countTable ?? 'Incident'}"`);
      const cases = benchCases({
        ability,
        incidentIds: sample.map((row) => row.id),
        page20Cursor: await page20Cursor(server.url, headers),
        defenderWord: 'Sokha',
        filter: { country: 'KH', violation: 'PHYSICAL_ASSAULT' },
        countTable,
      });
      const target: Target = {
        url: server.url,
        pid: server.pid,
        headers,
        postgresDataDir: cluster.dataDir,
      };
      const results: CaseResult[] = [];
      const measured = cases.filter((item) => only === undefined || item.name.includes(only));
      for (const item of measured) {
        const result = await measureCase(item, target, sql, cluster.servingUrl, cluster.dataDir);
        results.push(result);
        log(
          `${item.name}: API ${result.api.perSecond}/s p99 ${result.api.p99} ms (CPU per request: server ${result.api.serverCpuMs} ms, PostgreSQL ${result.api.postgresCpuMs} ms), floor ${result.floor.perSecond}/s p99 ${result.floor.p99} ms${result.inconsistency ? `; DIFFERS: ${result.inconsistency}` : ''}`,
        );
      }

      if (only !== undefined) {
        log(`only the requests named "${only}": no export, no results written`);
      } else {
        // about 10,000 incidents: the newest, from the day the 10,000th falls on
        const edgeQuery = Prisma.sql`SELECT to_char(i."occurredOn", 'YYYY-MM-DD') AS day
        FROM "Incident" AS i WHERE ${readable}
        ORDER BY i."occurredOn" DESC OFFSET ${exportSize - 1} LIMIT 1`;
        const { rows: edge } = await sql.query<{ day: string }>(edgeQuery.text, edgeQuery.values);
        const from = edge[0]?.day ?? undefined;
        const filters = from ? { from } : {};
        const exported = incidentPage(ability, filters, { limit: null, details: true });
        const { rows: counted } = await sql.query<{ count: number }>(
          `SELECT count(*)::int AS count FROM (${exported.text}) AS e`,
          exported.values,
        );
        const exportCount = counted[0]!.count;
        const filter = from ? `from=${from}` : 'every incident';
        log(`exporting ${exportCount} incidents (${filter})`);
        const exportResult = {
          filter,
          api: await measureExportApi(
            `${server.url}/api/exports/case-summary?format=csv${from ? `&from=${from}` : ''}`,
            headers,
            server.pid,
            exportCount,
          ),
          floor: await measureExportFloor(
            cluster.servingUrl,
            { text: exported.text, values: exported.values },
            exportCount,
          ),
        };

        const run: RunResult = {
          date: new Date().toISOString().slice(0, 10),
          machine: {
            cores: os.cpus().length,
            cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
            memoryGb: Math.round(os.totalmem() / 1024 ** 3),
            node: process.version,
            postgres: cluster.postgresVersion,
            settings: clusterSettings,
          },
          incidents,
          role: `${user.role}${user.countries.length ? ` (${user.countries.join(', ')})` : ' (all countries)'}`,
          secondsEach,
          connections,
          load: { ...load, incidentsPerSecond: Math.round(incidents / load.seconds), loadAverage },
          chainVerified: chain.intact,
          cases: results,
          export: exportResult,
        };
        const file = await writeResults(path.join(projectRoot, 'bench'), run);
        console.log(`\n${renderRun(run)}\nwritten to ${path.relative(projectRoot, file)}`);
      }
    } finally {
      await sql.end();
      await server.stop();
      if (profileDir) log(`the server's CPU profile is in ${profileDir}`);
    }
  }
} finally {
  await cluster.stop();
}

// The API's answer and the floor's agree (checked once), then each is measured in turn.
async function measureCase(
  item: Case,
  target: Target,
  sql: pg.Client,
  servingUrl: string,
  dataDir: string,
): Promise<CaseResult> {
  const samplePath = typeof item.path === 'string' ? item.path : item.path();
  const inconsistency = item.same(
    await getJson(`${target.url}${samplePath}`, target.headers),
    await floorRows(sql, item.floor(samplePath)),
  );
  const api = await measureApi(target, item, secondsEach);
  const floor = await measureFloor(servingUrl, dataDir, item, secondsEach);
  // where the floor's time goes, measured alone after the runs
  const statement = item.floor(samplePath);
  const { rows: plan } = await sql.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
    statement.values,
  );
  return {
    name: item.name,
    path: typeof item.path === 'string' ? item.path : `${samplePath} (random)`,
    api,
    floor,
    // none when either side had no answer in time
    ratio:
      api.requests > 0 && floor.requests > 0
        ? { p99: round(api.p99 / floor.p99), perSecond: round(floor.perSecond / api.perSecond) }
        : null,
    ...(inconsistency ? { inconsistency } : {}),
    floorPlan: plan.map((row) => row['QUERY PLAN']),
    loadAverage: round(os.loadavg()[0]!, 1),
  };
}
