import { defineProject, type TestProjectConfiguration } from 'vitest/config';

/**
 * The one list of test projects. `vitest.config.ts` imports it; every package's `test` script
 * runs a subset of it by name.
 *
 * - domain:            pure unit and property tests.
 * - server-sqlite:     server unit and integration tests on a fresh embedded SQLite database.
 * - server-postgresql: the same integration tests on a fresh PostgreSQL database per run
 *                      (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test).
 * - web:               component tests in jsdom with msw.
 * - e2e:               the built server and SPA driven in headless Chromium.
 */
const sourceCondition = { conditions: ['@open-ers/source'] };

const serverProject = (db: 'sqlite' | 'postgresql') =>
  defineProject({
    resolve: sourceCondition,
    ssr: {
      resolve: { conditions: ['@open-ers/source'], externalConditions: ['@open-ers/source'] },
    },
    test: {
      name: `server-${db}`,
      root: 'packages/server',
      include: db === 'sqlite' ? ['src/**/*.test.ts'] : ['src/**/*.int.test.ts'],
      setupFiles: ['./src/test/setup.ts'],
      env: { TEST_DB: db, TZ: 'UTC' },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  });

export default [
  defineProject({
    test: {
      name: 'domain',
      root: 'packages/domain',
      include: ['src/**/*.test.ts'],
      env: { TZ: 'UTC' },
    },
  }),
  serverProject('sqlite'),
  serverProject('postgresql'),
  defineProject({
    resolve: sourceCondition,
    test: {
      name: 'web',
      root: 'packages/web',
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      env: { TZ: 'UTC' },
    },
  }),
  defineProject({
    test: {
      name: 'e2e',
      root: 'packages/web',
      include: ['e2e/**/*.e2e.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  }),
] satisfies TestProjectConfiguration[];
