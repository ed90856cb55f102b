// The results: bench/results/<date>.json (one entry per size run that day, the latest run of
// each size kept) and the tables of bench/README.md between its results markers.
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { GenerateReport } from './dataset/generate.ts';
import type { ExportFigures } from './export.ts';
import type { Figures } from './measure.ts';

export interface CaseResult {
  name: string;
  path: string;
  api: Figures;
  floor: Figures;
  // API over floor: p99 latency, and floor over API in requests per second (above 1: slower)
  ratio: { p99: number; perSecond: number } | null;
  // what differs between the API's answer and the floor's, if anything
  inconsistency?: string;
  // EXPLAIN (ANALYZE, BUFFERS) of the floor statement, run alone (absent from older runs)
  floorPlan?: string[];
  // the machine's 1-minute load average after the run: above the core count, other work shared
  // the CPUs and the figures are slower than on a machine of its own
  loadAverage?: number;
}

export interface RunResult {
  date: string;
  machine: {
    cores: number;
    cpu: string;
    memoryGb: number;
    node: string;
    postgres: string;
    settings: Record<string, string>;
  };
  incidents: number;
  role: string;
  secondsEach: number;
  connections: number;
  load: Omit<GenerateReport, 'accounts'> & {
    incidentsPerSecond: number;
    // CPU time of the load: on a machine of its own, at least their sum over the cores in wall time
    // (absent from runs before they were recorded)
    cpuSeconds?: { postgres: number; node: number };
    // the machine's 1-minute load average when the load ended
    loadAverage?: number;
  };
  chainVerified: boolean;
  cases: CaseResult[];
  export: { api: ExportFigures; floor: ExportFigures; filter: string };
}

interface DayFile {
  runs: Record<string, RunResult>;
}

const markers = { start: '<!-- results:start -->', end: '<!-- results:end -->' };

export async function writeResults(benchDir: string, run: RunResult): Promise<string> {
  const file = path.join(benchDir, 'results', `${run.date}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const day: DayFile = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DayFile)
    : { runs: {} };
  day.runs[String(run.incidents)] = run;
  fs.writeFileSync(file, `${JSON.stringify(day, null, 2)}\n`);
  const readme = path.join(benchDir, 'README.md');
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.indexOf(markers.start);
  const end = text.indexOf(markers.end);
  if (start >= 0 && end > start) {
    const runs = Object.values(day.runs).sort((a, b) => a.incidents - b.incidents);
    const updated = `${text.slice(0, start + markers.start.length)}\n${runs.map(renderRun).join('\n')}\n${text.slice(end)}`;
    // formatted as the repository's lint wants it (aligned tables)
    const options = await prettier.resolveConfig(readme);
    fs.writeFileSync(readme, await prettier.format(updated, { ...options, filepath: readme }));
  }
  return file;
}

const n = (value: number) => value.toLocaleString('en');
const x = (value: number | undefined) => (value === undefined ? '—' : `${value.toFixed(2)}×`);

export function renderRun(run: RunResult): string {
  const { load, machine } = run;
  const rows = run.cases.map(
    (c) =>
      `| ${c.name}${c.inconsistency ? ' (**differs**)' : ''} | ${n(c.api.perSecond)} | ${c.api.p50} | ${c.api.p99} | ${c.api.errors} | ${c.api.serverCpuMs} | ${c.api.postgresCpuMs} | ${n(c.floor.perSecond)} | ${c.floor.p99} | ${x(c.ratio?.p99)} | ${x(c.ratio?.perSecond)} | ${c.loadAverage ?? ''} |`,
  );
  const e = run.export;
  return [
    `### ${n(run.incidents)} incidents (${run.date})`,
    '',
    `${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}; ` +
      `${run.connections} connections, ${run.secondsEach} s per request, signed in as ${run.role}. ` +
      `Loaded ${n(load.rows.incidents ?? 0)} incidents, ${n(load.rows.defenders ?? 0)} defenders, ${n(load.rows.acts ?? 0)} acts, ` +
      `${n(load.rows.sources ?? 0)} sources, ${n(load.rows.charges ?? 0)} charges, ${n(load.rows.transitions ?? 0)} transitions, ` +
      `${n(load.rows.auditEvents ?? 0)} audit events in ${load.seconds.toFixed(0)} s (${n(load.incidentsPerSecond)} incidents/s: ` +
      `${load.steps.map((s) => `${s.step} ${s.seconds.toFixed(0)} s`).join(', ')})` +
      (load.cpuSeconds
        ? `, using ${load.cpuSeconds.postgres} s of PostgreSQL CPU and ${load.cpuSeconds.node} s of Node CPU (load average ${load.loadAverage} on ${machine.cores} cores)`
        : '') +
      `; audit chain ${run.chainVerified ? 'verified' : '**broken**'}.`,
    '',
    '| request | req/s | p50 ms | p99 ms | errors | server CPU ms/req | PostgreSQL CPU ms/req | floor req/s | floor p99 ms | p99 API/floor | req/s floor/API | load average |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `CSV export of ${n(e.api.incidents)} incidents (${e.filter}): first byte ${e.api.firstByteMs} ms, complete ${e.api.completeMs} ms, ` +
      `${e.api.megabytes} MB, server memory growth ${e.api.memoryGrowthMb} MB; floor (one COPY of the rows with their acts, charges ` +
      `and sources): first byte ${e.floor.firstByteMs} ms, complete ${e.floor.completeMs} ms, ${e.floor.megabytes} MB.`,
    '',
  ].join('\n');
}
