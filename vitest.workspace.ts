import { createRequire } from 'node:module';
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

/**
 * graphql-js as Node loads it (its CommonJS build). Vite would pick the package's ES module
 * build for code it transforms, while type-graphql, Apollo Server and graphql-armor load the
 * CommonJS one: two copies whose classes fail each other's `instanceof` checks ("Cannot use
 * GraphQLSchema from another module or realm"). Aliasing keeps one copy in server tests.
 */
const graphqlAsNodeLoadsIt = {
  find: /^graphql$/,
  replacement: createRequire(new URL('./packages/server/', import.meta.url)).resolve('graphql'),
};

const serverProject = (db: 'sqlite' | 'postgresql') =>
  defineProject({
    resolve: { ...sourceCondition, alias: [graphqlAsNodeLoadsIt] },
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
      // On a loaded 2-core machine a component test's awaited conditions (findBy…, waitFor,
      // up to asyncUtilTimeout) can outlast vitest's 5 s default; the test waits for
      // conditions, so give it room rather than fail on the clock.
      testTimeout: 30_000,
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
