import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites share the real PostgreSQL, MariaDB and Redis services; each
    // suite uses its own database names and keys, so files may run in parallel.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
