// Test runner setup: unit/integration tests on real files and processes, then end-to-end tests against the built app.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/main/**/*.test.ts', 'test/extensions/**/*.test.ts', 'test/lint/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/resources/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
