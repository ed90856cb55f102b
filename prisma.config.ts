import { defineConfig } from 'prisma/config';

// The CLI needs a URL only for commands that reach a database (`migrate status`), which run
// on machines that have the schema engine; the app itself migrates with server/src/db/migrator.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/vigil' },
});
