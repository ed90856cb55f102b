import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { reachableByOthers, startEmbeddedPostgres } from './embedded-postgres.ts';

const asRoot = process.getuid?.() === 0;
const scratchDirs: string[] = [];

function scratchDir(mode = 0o755) {
  const dir = path.join(os.tmpdir(), `vigil-embedded-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { mode });
  fs.chmodSync(dir, mode);
  scratchDirs.push(dir);
  return dir;
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

afterAll(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('reachableByOthers', () => {
  it('when every folder on the way lets others through, then it is reachable', () => {
    const dir = scratchDir(0o755);
    fs.mkdirSync(path.join(dir, 'a/b'), { recursive: true, mode: 0o755 });
    expect(reachableByOthers(path.join(dir, 'a/b'))).toBe(true);
  });

  it('when a folder does not exist yet under a reachable one, then it is reachable', () => {
    expect(reachableByOthers(path.join(scratchDir(0o755), 'not/made/yet'))).toBe(true);
  });

  it('when a parent folder is mode 700 (a clone under /root), then it is not reachable', () => {
    const privateDir = scratchDir(0o700);
    fs.mkdirSync(path.join(privateDir, 'checkout/data'), { recursive: true, mode: 0o755 });
    expect(reachableByOthers(path.join(privateDir, 'checkout/data'))).toBe(false);
    expect(reachableByOthers(path.join(privateDir, 'checkout/data/postgres'))).toBe(false);
  });
});

describe('startEmbeddedPostgres', () => {
  it('when started in a temporary folder, then it accepts connections and stopping ends it', async () => {
    const dataDir = path.join(scratchDir(), 'pg');
    const logged: string[] = [];
    const cluster = await startEmbeddedPostgres({
      dataDir,
      ephemeral: true,
      log: (message) => logged.push(message),
    });
    const url = cluster.url('postgres');
    try {
      expect(cluster.dataDir).toBe(dataDir);
      const [row] = await query(
        url,
        'SELECT current_user AS "user", current_setting($$server_version_num$$)::int AS version',
      );
      expect(row).toEqual({ user: 'vigil', version: expect.any(Number) });
      expect(row!.version as number).toBeGreaterThanOrEqual(140000);
      expect(logged.some((line) => line.includes(`data in ${dataDir}`))).toBe(true);
    } finally {
      await cluster.stop();
    }

    await expect(query(url, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it("when started, then the app's serving role logs in with a password kept beside the cluster for its owner only, and errors reach the log without statements or values", async () => {
    const dataDir = path.join(scratchDir(), 'pg');
    const logged: string[] = [];
    const cluster = await startEmbeddedPostgres({
      dataDir,
      ephemeral: true,
      log: (message) => logged.push(message),
    });
    try {
      const passwordFile = `${dataDir}.serving-password`;
      expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
      expect(cluster.servingUrl('postgres')).toContain(
        encodeURIComponent(fs.readFileSync(passwordFile, 'utf8')),
      );
      const [role] = await query(
        cluster.servingUrl('postgres'),
        'SELECT current_user AS "user", rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user',
      );
      expect(role).toEqual({
        user: 'vigil_app',
        rolsuper: false,
        rolcreaterole: false,
        rolcreatedb: false,
      });

      const secret = 'ana.secret@example.org';
      const insert = `INSERT INTO people VALUES ('${secret}')`;
      await query(cluster.url('postgres'), `CREATE TABLE people (email TEXT UNIQUE); ${insert}`);
      await expect(query(cluster.url('postgres'), insert)).rejects.toThrow(/duplicate key/);
      const expected =
        'postgres ERROR 23505: duplicate key value violates unique constraint "people_email_key"';
      await expect.poll(() => logged, { timeout: 5000 }).toContain(expected);
      expect(logged.join('\n')).not.toContain(secret);
      expect(logged.join('\n')).not.toMatch(/INSERT|DETAIL|STATEMENT/);
    } finally {
      await cluster.stop();
    }
    expect(fs.existsSync(`${dataDir}.serving-password`)).toBe(false);
  });

  it('when a kept cluster is started again in the same folder, then its data is still there', async () => {
    const dataDir = path.join(scratchDir(), 'data/postgres');
    const first = await startEmbeddedPostgres({ dataDir });
    try {
      await query(
        first.url('postgres'),
        'CREATE TABLE kept (note TEXT); INSERT INTO kept VALUES ($$still here$$)',
      );
    } finally {
      await first.stop();
    }

    const logged: string[] = [];
    const second = await startEmbeddedPostgres({
      dataDir,
      ephemeral: true,
      log: (m) => logged.push(m),
    });
    try {
      expect(second.dataDir).toBe(dataDir);
      expect(logged.some((line) => line.startsWith('initialising'))).toBe(false);
      expect(await query(second.url('postgres'), 'SELECT note FROM kept')).toEqual([
        { note: 'still here' },
      ]);
      expect(await query(second.servingUrl('postgres'), 'SELECT current_user AS role')).toEqual([
        { role: 'vigil_app' },
      ]);
    } finally {
      await second.stop();
    }
  });

  it.runIf(asRoot)(
    'when run as root with the data folder under a mode-700 folder, then the cluster lives where the postgres user reaches and the log says where',
    async () => {
      const dataDir = path.join(scratchDir(0o700), 'checkout/data/postgres');
      const logged: string[] = [];
      const cluster = await startEmbeddedPostgres({
        dataDir,
        ephemeral: true,
        log: (message) => logged.push(message),
      });
      try {
        expect(cluster.dataDir).not.toBe(dataDir);
        expect(reachableByOthers(path.dirname(cluster.dataDir))).toBe(true);
        expect(logged).toContain(
          `${dataDir} is not reachable by the postgres user; the cluster lives in ${cluster.dataDir}`,
        );
        const [row] = await query(cluster.url('postgres'), 'SELECT 1 AS ok');
        expect(row).toEqual({ ok: 1 });
      } finally {
        await cluster.stop();
      }
      expect(fs.existsSync(cluster.dataDir)).toBe(false);
    },
  );
});
