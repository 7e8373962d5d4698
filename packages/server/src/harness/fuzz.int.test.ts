import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { createSchema } from '../graphql/schema.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { emittedSchema, schemaOperations } from './fuzz-inputs.js';
import { fuzzHarness } from './fuzz.js';
import { formatVerdict } from './types.js';

/**
 * The fuzz harness at its small size (a request per operation per caller, ten callers, and
 * the document routes and unreadable bodies): no internal error, no 5xx, nothing leaked, every
 * error coded, nothing logged at error level, the database consistent afterwards, and every
 * operation of the schema called.
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('the fuzz harness', () => {
  it('fuzzes every operation as every role without an internal error', async () => {
    const lines: string[] = [];
    const verdict = await fuzzHarness({
      size: 'small',
      adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
      redisUrl: null,
      log: (line) => lines.push(line),
    });
    expect(verdict.pass, `${formatVerdict(verdict)}\n${lines.join('\n')}`).toBe(true);
    // The committed schema is the one the server builds, and every operation in it was called.
    const served = schemaOperations(await createSchema()).length;
    expect(schemaOperations(emittedSchema())).toHaveLength(served);
    expect(verdict.figures.operationsCovered).toBe(served);
    expect(verdict.figures.operations).toBe(served);
    expect(verdict.figures.graphqlRequests).toBeGreaterThan(0);
    expect(verdict.figures.subscriptionRequests).toBeGreaterThan(0);
    expect(verdict.figures.restRequests).toBeGreaterThan(0);
    expect(verdict.figures.internalErrors).toBe(0);
    expect(verdict.figures.http5xx).toBe(0);
    expect(verdict.figures.leaks).toBe(0);
  }, 240_000);
});
