import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/database.ts';
import { errorHandler } from '../http/error-handler.ts';
import {
  isDatabaseUnavailable,
  loggableError,
  postgresLogLine,
  summarizeDatabaseError,
} from './database-errors.ts';
import { openDatabase, type Database } from './prisma.ts';

// values that must never reach a log
const secretKey = 'ana.secret@example.org';
const secretId = 'not-a-uuid-Ms-Ana-Phnom-Penh';

let database: Database;
beforeAll(async () => {
  database = openDatabase(await createTestDatabase());
  await database.pool.query('INSERT INTO rate_limits (key) VALUES ($1)', [secretKey]);
});
afterAll(() => database?.close());

const caught = async (attempt: Promise<unknown>) => {
  try {
    await attempt;
  } catch (error) {
    return error;
  }
  throw new Error('the statement was expected to fail');
};

const duplicateByPg = () =>
  caught(database.pool.query('INSERT INTO rate_limits (key) VALUES ($1)', [secretKey]));
const duplicateByPrismaRaw = () =>
  caught(database.db.$executeRaw`INSERT INTO rate_limits (key) VALUES (${secretKey})`);
const badUuidByPrisma = () =>
  caught(database.db.auditEvent.findMany({ where: { actorId: secretId } }));

describe('loggableError', () => {
  it('when node-postgres reports a duplicate key, then the log keeps its SQLSTATE, severity and message, not the DETAIL with the key', async () => {
    const error = await duplicateByPg();
    expect((error as { detail: string }).detail).toContain(secretKey);
    const logged = loggableError(error);
    expect(logged).toMatchObject({
      name: 'DatabaseError',
      code: '23505',
      severity: 'ERROR',
      message: 'duplicate key value violates unique constraint "rate_limits_pkey"',
    });
    expect(JSON.stringify({ ...(logged as object), stack: (logged as Error).stack })).not.toContain(
      secretKey,
    );
  });

  it("when Prisma's raw query fails, then neither the statement nor its parameter is logged", async () => {
    const error = loggableError(await duplicateByPrismaRaw()) as Error;
    const logged = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    expect(logged).toContain('23505');
    expect(logged).not.toContain(secretKey);
    expect(logged).not.toContain('INSERT');
  });

  it('when PostgreSQL quotes the bad input in its message, then the log stops before it', async () => {
    const error = await badUuidByPrisma();
    expect(String(error)).toContain(secretId);
    const summary = summarizeDatabaseError(error);
    expect(summary).toEqual({ code: '22P02', message: 'invalid input syntax for type uuid' });
    expect((loggableError(error) as Error).stack).not.toContain(secretId);
  });

  it('when the error is not from the database, then it is logged as it is', () => {
    const error = new TypeError('not a database error');
    expect(loggableError(error)).toBe(error);
  });
});

describe('the error handler', () => {
  it('when a request fails on an unexpected database error, then the log line says what failed without the values', async () => {
    const error = await badUuidByPrisma();
    const lines: string[] = [];
    const app = express()
      .use(pinoHttp({ logger: pino({ level: 'info' }, { write: (line) => lines.push(line) }) }))
      .get('/fails', () => {
        throw error;
      })
      .use(errorHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/fails`);
      expect(response.status).toBe(500);
    } finally {
      server.close();
    }
    const unhandled = lines.find((line) => line.includes('unhandled error'));
    expect(JSON.parse(unhandled!).err).toMatchObject({
      type: 'DatabaseError',
      code: '22P02',
      message: 'invalid input syntax for type uuid',
    });
    expect(lines.join('\n')).not.toContain(secretId);
  });
});

describe('isDatabaseUnavailable', () => {
  it('when a statement fails on its own (a duplicate key, a bad value), then the database is not called unavailable', async () => {
    expect(isDatabaseUnavailable(await duplicateByPg())).toBe(false);
    expect(isDatabaseUnavailable(await duplicateByPrismaRaw())).toBe(false);
    expect(isDatabaseUnavailable(await badUuidByPrisma())).toBe(false);
  });

  it('when the database refuses connections, then it is unavailable, whether node-postgres or Prisma says so', async () => {
    const closed = openDatabase('postgresql://vigil:secret@127.0.0.1:1/vigil');
    expect(isDatabaseUnavailable(await caught(closed.pool.query('SELECT 1')))).toBe(true);
    expect(isDatabaseUnavailable(await caught(closed.db.$queryRaw`SELECT 1`))).toBe(true);
    expect(isDatabaseUnavailable(await caught(closed.db.auditEvent.count()))).toBe(true);
    await closed.close();
  });
});

describe('postgresLogLine', () => {
  it.each([
    [
      '23505 ERROR:  duplicate key value violates unique constraint "User_email_key"',
      'postgres ERROR 23505: duplicate key value violates unique constraint "User_email_key"',
    ],
    [
      '22P02 ERROR:  invalid input value for enum "Role": "SECRET"',
      'postgres ERROR 22P02: invalid input value for enum "Role"',
    ],
    [
      '57P01 FATAL:  terminating connection due to administrator command',
      'postgres FATAL 57P01: terminating connection due to administrator command',
    ],
    ['00000 STATEMENT:  INSERT INTO "Defender" VALUES (\'Ana\')', undefined],
    ['00000 DETAIL:  Key (email)=(ana@example.org) already exists.', undefined],
    ['00000 LOG:  database system is ready to accept connections', undefined],
  ])('when PostgreSQL writes %j, then the app logs %j', (line, logged) => {
    expect(postgresLogLine(line)).toBe(logged);
  });
});
