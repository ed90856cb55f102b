// The real server (server/src/server.ts) as a process of its own, started as `npm start` starts
// it, for the suites that load it, stop its database, kill it or signal it from outside.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../server/src/config.ts';
import { freePort } from '../../server/src/db/embedded-postgres.ts';

export interface ServerProcessOptions {
  // the serving role's URL (DATABASE_URL) and the owner's, which migrates (DATABASE_OWNER_URL)
  databaseUrl: string;
  ownerUrl: string;
  // DATA_DIR (its data key and attachments): give the same one to start again over the same data
  dataDir?: string;
  // PORT (else a free one): give the same one to start again where clients expect it
  port?: number;
  logLevel?: string;
  // how much of its output to keep (the end of it), 256 KiB unless given
  keptOutputBytes?: number;
  // how long start-up (migrations, demo data) may take
  startTimeoutMs?: number;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  dataDir: string;
  // the end of what it wrote (pino's JSON lines), for a failing test's message
  output: () => string;
  // its log lines at warn and above, counted by message and error
  problems: () => string[];
  exited: Promise<Exit>;
  // sends the signal and waits for the process to end
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
  // kills it if it still runs and removes its DATA_DIR: after the last test
  dispose: () => Promise<void>;
}

// pino's JSON, as much as is read of it
interface LogLine {
  level: number;
  msg: string;
  err?: { code?: string; message?: string };
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-process-'));
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_URL: options.databaseUrl,
      DATABASE_OWNER_URL: options.ownerUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: options.logLevel ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // the last chunks only, cheaply: a loaded server logging every request writes a lot
  const keptOutput = options.keptOutputBytes ?? 256 * 1024;
  const chunks: Buffer[] = [];
  let kept = 0;
  let dropped = false;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept - chunks[0]!.length > keptOutput) {
      kept -= chunks.shift()!.length;
      dropped = true;
    }
  };
  // whole lines only: once the first chunks are dropped, the first line kept is a part of one
  const output = () => {
    const text = Buffer.concat(chunks).toString();
    return dropped ? text.slice(text.indexOf('\n') + 1) : text;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve((exit = { code, signal }))),
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!exit) child.kill(signal);
    return exited;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exit) throw new Error(`the server exited while starting (${exit.code}):\n${output()}`);
    const status = await fetch(`${url}/api/health`).then(
      (response) => response.status,
      () => undefined,
    );
    if (status === 200) break;
    if (Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`the server did not answer /api/health in time:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const problems = () => {
    const counts = new Map<string, number>();
    for (const line of output().split('\n')) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as LogLine;
      if (entry.level < 40) continue;
      const error = entry.err ? ` (${entry.err.code ?? entry.err.message})` : '';
      counts.set(`${entry.msg}${error}`, (counts.get(`${entry.msg}${error}`) ?? 0) + 1);
    }
    return [...counts].map(([problem, count]) => `${count} × ${problem}`);
  };
  const dispose = async () => {
    await stop('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, pid: child.pid!, dataDir, output, problems, exited, stop, dispose };
}
