import net from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { asOwner, createTestDatabase } from '../../../tests/support/database.ts';
import { isDatabaseUnavailable } from './database-errors.ts';
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

  it('when the database’s time zone is not UTC, then a time the app writes is stored and read back as the instant it was', async () => {
    const url = await createTestDatabase();
    const owner = new pg.Client({ connectionString: asOwner(url) });
    await owner.connect();
    const { rows: names } = await owner.query<{ name: string }>(
      'SELECT current_database() AS name',
    );
    await owner.query(`ALTER DATABASE "${names[0]!.name}" SET timezone TO 'America/New_York'`);
    const database = openDatabase(url);
    const at = new Date('2024-03-10T23:59:59.000Z');

    const user = await database.db.user.create({
      data: {
        email: 'zone@example.test',
        name: 'Zone',
        role: 'ADMIN',
        passwordHash: 'x',
        createdAt: at,
      },
    });
    const { rows } = await owner.query<{ epoch: number }>(
      'SELECT extract(epoch FROM "createdAt")::float8 AS epoch FROM "User" WHERE id = $1',
      [user.id],
    );
    const read = await database.db.user.findUniqueOrThrow({ where: { id: user.id } });
    await owner.end();
    await database.close();

    expect(rows[0]!.epoch * 1000).toBe(at.getTime());
    expect(read.createdAt.toISOString()).toBe(at.toISOString());
  });

  it('when the database accepts the connection but never answers, then a query fails within seconds as unavailable, not hanging', async () => {
    // a host that has gone silent: the connection is taken, the handshake never answered
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const database = openDatabase(`postgresql://vigil:secret@127.0.0.1:${port}/vigil`);

    const started = Date.now();
    const error = await database.db.$queryRaw`SELECT 1`.catch((failure: unknown) => failure);
    const waited = Date.now() - started;

    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(waited).toBeLessThan(8_000);
    await database.close();
    silent.close();
  });
});
