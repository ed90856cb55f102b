import { defineConfig } from 'vitest/config';

// The load suite (npm run test:load), kept out of npm test: one file at a time, as long as it
// takes (LOAD_SECONDS of traffic, 60 by default), over the same embedded PostgreSQL set-up.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    include: ['tests/load/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
