import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { asServingRole, createTestDatabase } from '../../../tests/support/database.ts';
import { projectRoot } from '../config.ts';
import { migrate, MigrationError, readMigrations } from './migrator.ts';

const migrationsDir = path.join(projectRoot, 'prisma/migrations');
const scratchDirs: string[] = [];

// A migrations folder of its own under the system's temporary folder, in Prisma's layout.
function migrationsFolder(migrations: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-migrations-'));
  scratchDirs.push(dir);
  for (const [name, sql] of Object.entries(migrations)) writeMigration(dir, name, sql);
  return dir;
}

function writeMigration(dir: string, name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

async function query<T extends pg.QueryResultRow>(
  url: string,
  sql: string,
  values: unknown[] = [],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
  logs: string | null;
}

const recorded = (url: string) =>
  query<MigrationRow>(url, 'SELECT * FROM "_prisma_migrations" ORDER BY migration_name');

const tableExists = async (url: string, table: string) =>
  (
    await query<{ found: string | null }>(url, 'SELECT to_regclass($1) AS found', [`"${table}"`])
  )[0]!.found !== null;

afterAll(() => {
  for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('migrate', () => {
  it("when the project's migrations meet an empty database, then each is applied and recorded with its sha256 checksum", async () => {
    const url = await createTestDatabase({ empty: true });
    const names = fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(names.length).toBeGreaterThan(0);

    const logged: string[] = [];
    expect(await migrate(url, migrationsDir, (message) => logged.push(message))).toEqual(names);
    expect(logged).toEqual(names.map((name) => `applied migration ${name}`));

    const rows = await recorded(url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    expect(await tableExists(url, 'User')).toBe(true);
  });

  it("when it records migrations, then its table has Prisma's columns, so that `prisma migrate status` reads it", async () => {
    const url = await createTestDatabase({ empty: true });
    await migrate(url, migrationsFolder({}));
    const columns = await query<{
      column_name: string;
      data_type: string;
      character_maximum_length: number | null;
      is_nullable: string;
      column_default: string | null;
    }>(
      url,
      `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      col('id', 'character varying', 36, 'NO'),
      col('checksum', 'character varying', 64, 'NO'),
      col('finished_at', 'timestamp with time zone', null, 'YES'),
      col('migration_name', 'character varying', 255, 'NO'),
      col('logs', 'text', null, 'YES'),
      col('rolled_back_at', 'timestamp with time zone', null, 'YES'),
      col('started_at', 'timestamp with time zone', null, 'NO', 'now()'),
      col('applied_steps_count', 'integer', null, 'NO', '0'),
    ]);
    const [primaryKey] = await query<{ columns: string[] }>(
      url,
      `SELECT array_agg(a.attname)::text[] AS columns FROM pg_index x
       JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey)
       WHERE x.indrelid = '"_prisma_migrations"'::regclass AND x.indisprimary`,
    );
    expect(primaryKey!.columns).toEqual(['id']);

    function col(
      name: string,
      type: string,
      length: number | null,
      nullable: 'YES' | 'NO',
      defaultValue: string | null = null,
    ) {
      return {
        column_name: name,
        data_type: type,
        character_maximum_length: length,
        is_nullable: nullable,
        column_default: defaultValue,
      };
    }
  });

  it('when it runs a second time, then it applies nothing and records nothing new', async () => {
    const url = await createTestDatabase({ empty: true });
    await migrate(url, migrationsDir);
    const before = await recorded(url);

    expect(await migrate(url, migrationsDir)).toEqual([]);
    expect(await recorded(url)).toEqual(before);
  });

  it('when a new migration is added later, then only that one is applied', async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = migrationsFolder({ '20260101000000_first': 'CREATE TABLE first (id INTEGER);' });
    await migrate(url, dir);
    writeMigration(dir, '20260102000000_second', 'CREATE TABLE second (id INTEGER);');

    expect(await migrate(url, dir)).toEqual(['20260102000000_second']);
    expect((await recorded(url)).map((row) => row.migration_name)).toEqual([
      '20260101000000_first',
      '20260102000000_second',
    ]);
  });

  it('when an applied migration was edited since, then it refuses and says which one', async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = migrationsFolder({ '20260101000000_first': 'CREATE TABLE first (id INTEGER);' });
    await migrate(url, dir);
    writeMigration(dir, '20260101000000_first', 'CREATE TABLE first (id BIGINT);');
    writeMigration(dir, '20260102000000_second', 'CREATE TABLE second (id INTEGER);');

    const attempt = migrate(url, dir);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      'migration 20260101000000_first was edited after it was applied (checksum differs); add a new migration instead',
    );
    expect(await tableExists(url, 'second')).toBe(false);
  });

  it('when a migration fails halfway, then none of it stays and it is not recorded', async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = migrationsFolder({
      '20260101000000_first': 'CREATE TABLE first (id INTEGER);',
      '20260102000000_broken': `
        CREATE TYPE "Colour" AS ENUM ('RED');
        CREATE TABLE half (id INTEGER);
        INSERT INTO half VALUES (1);
        INSERT INTO missing_table VALUES (1);`,
      '20260103000000_after': 'CREATE TABLE after (id INTEGER);',
    });

    const attempt = migrate(url, dir);
    await expect(attempt).rejects.toBeInstanceOf(MigrationError);
    await expect(attempt).rejects.toThrow(
      'migration 20260102000000_broken failed: relation "missing_table" does not exist',
    );

    expect(await tableExists(url, 'first')).toBe(true);
    expect(await tableExists(url, 'half')).toBe(false);
    expect(await tableExists(url, 'after')).toBe(false);
    expect(await query(url, `SELECT 1 FROM pg_type WHERE typname = 'Colour'`)).toEqual([]);
    expect((await recorded(url)).map((row) => row.migration_name)).toEqual([
      '20260101000000_first',
    ]);

    // fixed, it goes through on the next start
    writeMigration(dir, '20260102000000_broken', 'CREATE TABLE half (id INTEGER);');
    expect(await migrate(url, dir)).toEqual(['20260102000000_broken', '20260103000000_after']);
  });

  it('when the database has a migration that the code does not know, then it refuses', async () => {
    const url = await createTestDatabase({ empty: true });
    await migrate(
      url,
      migrationsFolder({
        '20260101000000_first': 'CREATE TABLE first (id INTEGER);',
        '20260105000000_newer': 'CREATE TABLE newer (id INTEGER);',
      }),
    );
    const olderCode = migrationsFolder({
      '20260101000000_first': 'CREATE TABLE first (id INTEGER);',
      '20260102000000_other': 'CREATE TABLE other (id INTEGER);',
    });

    await expect(migrate(url, olderCode)).rejects.toThrow(
      'the database has migration 20260105000000_newer, which this code does not know: is it older than the database?',
    );
    expect(await tableExists(url, 'other')).toBe(false);
  });

  it('when a migration is recorded as unfinished, then it refuses until someone resolves it', async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = migrationsFolder({ '20260101000000_first': 'CREATE TABLE first (id INTEGER);' });
    await migrate(url, migrationsFolder({}));
    await query(
      url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`,
      [
        '00000000-0000-4000-8000-000000000000',
        readMigrations(dir)[0]!.checksum,
        '20260101000000_first',
      ],
    );

    await expect(migrate(url, dir)).rejects.toThrow(
      'migration 20260101000000_first failed earlier and must be resolved by hand',
    );
    expect(await tableExists(url, 'first')).toBe(false);
  });

  it('when a later migration adds a table, then that run grants it to the serving role, which may still only read the history', async () => {
    const url = await createTestDatabase({ empty: true });
    const dir = migrationsFolder({ '20260101000000_first': 'CREATE TABLE first (id INTEGER);' });
    await migrate(url, dir, () => {}, { servingRole: 'vigil_app' });
    writeMigration(dir, '20260102000000_second', 'CREATE TABLE second (id SERIAL, n INTEGER);');
    await migrate(url, dir, () => {}, { servingRole: 'vigil_app' });

    const serving = asServingRole(url);
    await query(serving, 'INSERT INTO first VALUES (1); INSERT INTO second (n) VALUES (1)');
    await query(serving, 'UPDATE second SET n = 2; DELETE FROM first');
    expect(await query(serving, 'SELECT n FROM second')).toEqual([{ n: 2 }]);
    expect((await recorded(serving)).map((row) => row.migration_name)).toHaveLength(2);
    await expect(query(serving, `DELETE FROM "_prisma_migrations"`)).rejects.toMatchObject({
      code: '42501',
    });
    await expect(query(serving, 'CREATE TABLE third (id INTEGER)')).rejects.toMatchObject({
      code: '42501',
    });
    // and as the serving role the migrator only finds that nothing is pending
    expect(await migrate(serving, dir)).toEqual([]);
  });

  it('when two processes migrate the same empty database at once, then both succeed and each migration is applied once', async () => {
    const url = await createTestDatabase({ empty: true });
    // slow enough that, without the advisory lock, both would find the history empty
    const dir = migrationsFolder({
      '20260101000000_slow': 'CREATE TABLE slow (id INTEGER); SELECT pg_sleep(0.5);',
      '20260102000000_next': 'CREATE TABLE next (id INTEGER);',
    });

    const results = await Promise.all([migrate(url, dir), migrate(url, dir)]);

    expect(results.map((applied) => applied.length).sort()).toEqual([0, 2]);
    expect((await recorded(url)).map((row) => row.migration_name)).toEqual([
      '20260101000000_slow',
      '20260102000000_next',
    ]);
  });
});
