// The benchmark's own embedded PostgreSQL, in the OS temp dir, tuned for a dedicated server of
// this size (the settings go in the report), migrated by its owner and served through the
// serving role like the real server (server/src/db/connect.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../server/src/config.ts';
import {
  ensureDatabase,
  servingRole,
  startEmbeddedPostgres,
} from '../server/src/db/embedded-postgres.ts';
import { migrate } from '../server/src/db/migrator.ts';

export const clusterSettings: Record<string, string> = {
  shared_buffers: '2GB',
  effective_cache_size: '8GB',
  random_page_cost: '1.1',
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  max_parallel_maintenance_workers: '2',
  // no WAL for the indexes built after the load (the benchmark's cluster has no replica)
  wal_level: 'minimal',
  max_wal_senders: '0',
};

export interface BenchCluster {
  ownerUrl: string;
  servingUrl: string;
  dataDir: string;
  postgresVersion: string;
  stop: () => Promise<void>;
}

export async function startBenchCluster(log: (message: string) => void): Promise<BenchCluster> {
  const root = path.join(os.tmpdir(), `vigil-bench-${randomBytes(4).toString('hex')}`);
  const dataDir = path.join(root, 'pg');
  // settings that need a restart: written with ALTER SYSTEM, then the cluster starts again
  const first = await startEmbeddedPostgres({ dataDir, log });
  try {
    const client = new pg.Client({ connectionString: first.url('postgres') });
    await client.connect();
    for (const [name, value] of Object.entries(clusterSettings)) {
      await client.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    }
    await client.end();
  } finally {
    await first.stop();
  }
  const cluster = await startEmbeddedPostgres({ dataDir, ephemeral: true, log });
  try {
    await ensureDatabase(cluster.url('postgres'), 'vigil');
    const ownerUrl = cluster.url('vigil');
    await migrate(ownerUrl, path.join(projectRoot, 'prisma/migrations'), log, { servingRole });
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    const { rows } = await client.query<{ version: string }>(
      `SELECT current_setting('server_version') AS version`,
    );
    await client.end();
    return {
      ownerUrl,
      servingUrl: cluster.servingUrl('vigil'),
      dataDir: cluster.dataDir,
      postgresVersion: rows[0]!.version,
      stop: async () => {
        await cluster.stop();
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await cluster.stop();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
