import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { servingRole, startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.ts';
import { migrate } from '../../server/src/db/migrator.ts';
import { projectRoot } from '../../server/src/config.ts';

export const templateDatabase = 'vigil_template';

// The template is migrated by the owner and granted to the serving role, as at start-up; the
// databases cloned from it keep those grants.
export default async function setup(project: TestProject) {
  const dataDir = path.join(os.tmpdir(), `vigil-test-${randomBytes(4).toString('hex')}`, 'pg');
  const cluster = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDatabase}`);
  await admin.end();
  await migrate(
    cluster.url(templateDatabase),
    path.join(projectRoot, 'prisma/migrations'),
    () => {},
    {
      servingRole,
    },
  );
  project.provide('postgresUrl', cluster.url('postgres'));
  project.provide('servingUrl', cluster.servingUrl('postgres'));
  return () => cluster.stop();
}
