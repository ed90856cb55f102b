import { configDefaults, defineConfig } from 'vitest/config';

// One embedded PostgreSQL per run (tests/support/global-setup.ts); each test file gets its own
// database, cloned from a migrated template.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: [
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'prisma/seed/**/*.test.ts',
      'client/src/**/*.test.{ts,tsx}',
      'tests/**/*.test.ts',
      'tests/e2e/**/*.spec.ts',
    ],
    // the load suite runs on its own (npm run test:load, tests/load/vitest.config.ts)
    exclude: [...configDefaults.exclude, 'tests/load/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
