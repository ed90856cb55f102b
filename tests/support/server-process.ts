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
  exited: Promise<Exit>;
  // sends the signal and waits for the process to end
  stop: (signal?: NodeJS.Signals) => Promise<Exit>;
}

const keptOutput = 256 * 1024;

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
  const chunks: Buffer[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept - chunks[0]!.length > keptOutput) kept -= chunks.shift()!.length;
  };
  const output = () => Buffer.concat(chunks).toString();
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
  return { url, port, pid: child.pid!, dataDir, output, exited, stop };
}
