import { createCaslExtension } from '@casl/prisma/runtime';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../../../prisma/generated/client.ts';

function createClient(pool: pg.Pool) {
  return new PrismaClient({
    adapter: new PrismaPg(pool),
    // Prisma's defaults (2 s to get a connection, 5 s per transaction) turn a busy moment into
    // a failed write; an incident with its acts, charges and sources deserves more patience
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
    // the audit chain is the database's and audit:verify's business, never the app's (and a
    // BigInt in a row would break its serialisation to JSON)
    omit: { auditEvent: { seq: true, prevHash: true, hash: true } },
  }).$extends(createCaslExtension());
}

export type Db = ReturnType<typeof createClient>;
// the client handed to interactive $transaction callbacks
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Database {
  db: Db;
  // the same connections, for the few libraries that speak node-postgres (rate limiting)
  pool: pg.Pool;
  close: () => Promise<void>;
}

// A database that does not answer a connection attempt (a host gone, a network cut) fails the
// request after this long, answered 503, instead of leaving it hanging. Not shorter: a new
// connection (a forked backend, SCRAM's key stretching) took up to 0.8 s ten at a time on a
// machine loaded 4 per core, and a request failed as 503 under heavier load with 2 s here.
// Set on each connection and not on the pool, whose own connectionTimeoutMillis would also bound
// the wait for a free connection and so turn a busy moment into failed requests.
const connectTimeoutMs = 5_000;

class FailFastClient extends pg.Client {
  constructor(config: pg.ClientConfig = {}) {
    super({ ...config, connectionTimeoutMillis: connectTimeoutMs });
  }
}

export function openDatabase(connectionString: string, max = 10): Database {
  // Prisma's adapter sends a timestamp without its offset, which PostgreSQL reads in the
  // session's time zone: the server's own zone (a cluster set up on a machine in New York)
  // would shift every time the app writes. The app's times are UTC.
  const pool = new pg.Pool({
    connectionString,
    max,
    Client: FailFastClient,
    options: '-c TimeZone=UTC',
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool replaces it, and a request that needed it fails with its own error.
  pool.on('error', () => {});
  const db = createClient(pool);
  let closed: Promise<void> | undefined;
  return {
    db,
    pool,
    close: () =>
      (closed ??= (async () => {
        await db.$disconnect();
        await pool.end();
      })()),
  };
}
