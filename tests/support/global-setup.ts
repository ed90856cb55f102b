import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.ts';
import { migrate } from '../../server/src/db/migrator.ts';
import { projectRoot } from '../../server/src/config.ts';

export const templateDatabase = 'vigil_template';

export default async function setup(project: TestProject) {
  const dataDir = path.join(os.tmpdir(), `vigil-test-${randomBytes(4).toString('hex')}`, 'pg');
  const cluster = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await migrate(cluster.url(templateDatabase), path.join(projectRoot, 'prisma/migrations'));
  project.provide('postgresUrl', cluster.url('postgres'));
  return () => cluster.stop();
}
