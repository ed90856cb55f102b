// Applies prisma/migrations/*/migration.sql in order, each in its own transaction, and records
// them in Prisma's own `_prisma_migrations` table (same columns, sha256 checksums), so that
// `prisma migrate status` agrees on a machine that has Prisma's schema engine.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { grantServingRole } from './serving-role.ts';

// any constant shared by every Vigil process: only one of them migrates at a time
const advisoryLockKey = 7_240_611_502;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const createTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export class MigrationError extends Error {}

function checkHistory(migrations: Migration[], applied: AppliedRow[]) {
  const known = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of applied) {
    const local = known.get(row.migration_name);
    if (!row.finished_at) {
      throw new MigrationError(
        `migration ${row.migration_name} failed earlier and must be resolved by hand`,
      );
    }
    if (!local) {
      throw new MigrationError(
        `the database has migration ${row.migration_name}, which this code does not know: is it older than the database?`,
      );
    }
    if (local.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.migration_name} was edited after it was applied (checksum differs); add a new migration instead`,
      );
    }
  }
}

export interface MigrateOptions {
  // the role the app serves as, granted what it needs after every run (see serving-role.ts)
  servingRole?: string | undefined;
}

// A serving role may run this too: it then only checks that nothing is pending (it can read the
// history but not create or change tables), and a pending migration fails for want of rights.
export async function migrate(
  connectionString: string,
  migrationsDir: string,
  log: (message: string) => void = () => {},
  options: MigrateOptions = {},
): Promise<string[]> {
  const migrations = readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [advisoryLockKey]);
    const { rows: history } = await client.query<{ found: string | null }>(
      `SELECT to_regclass('"_prisma_migrations"') AS found`,
    );
    if (history[0]!.found === null) await client.query(createTable);
    const { rows } = await client.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    checkHistory(migrations, rows);
    const done = new Set(rows.map((row) => row.migration_name));
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.name))) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
      }
      log(`applied migration ${migration.name}`);
      applied.push(migration.name);
    }
    if (options.servingRole) await grantServingRole(client, options.servingRole);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [advisoryLockKey]).catch(() => {});
    await client.end();
  }
}
