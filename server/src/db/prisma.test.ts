import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/database.ts';
import { openDatabase } from './prisma.ts';

describe('openDatabase', () => {
  it('when the server drops idle connections, then the process lives on and the next query works', async () => {
    const url = await createTestDatabase();
    const database = openDatabase(url);
    // the rate limiter uses the pool directly, before Prisma ever connects
    await database.pool.query('SELECT 1');
    expect(database.pool.idleCount).toBeGreaterThan(0);

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    await admin.end();
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect((await database.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(await database.db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    await database.close();
  });
});
