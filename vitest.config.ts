import { defineConfig } from 'vitest/config';

/**
 * Three projects, all run by `npm test`: `unit` (pure code, seconds), `integration` (real PostgreSQL,
 * SQLite, DuckDB, git, child processes and CDKTF synth), `e2e` (a real Probot behind a fake GitHub).
 * Pick one with `npm run test:unit` (`test:integration`, `test:e2e`).
 */
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      // Unit tests share no state (no mocks, globals or env changes), so one worker runs many files:
      // without isolation the project takes seconds rather than half a minute of re-imports.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
    ],
  },
});
