import { defineConfig } from 'vitest/config';

/**
 * Four projects, run one after another by `npm test`:
 * unit (pure logic and fakes, fast), integration (real SQLite files, real HTTP to the emulator, child
 * processes), packaging (`npm run dist` offline with a stub Electron: a minute of CPU-heavy building, alone so
 * it does not slow the timing-sensitive integration tests), e2e (real Chromium against the browser host).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/build-cli.setup.ts', 'test/integration/postgres.setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'packaging',
          include: ['test/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 600_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
