import { defineConfig } from 'vitest/config';

// One suite: pure rules, services on real databases (SQLite always, PostgreSQL when
// TEST_PG_URL is set), routes through app.inject, and browser journeys in e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
