import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { createSchema } from '../graphql/schema.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { auditHarness } from './audit.js';
import { formatVerdict } from './types.js';

/**
 * The audit harness at its small size (one round of the journeys on the demo data, a scratch
 * PostgreSQL database): every query and mutation of the schema driven successfully and refused,
 * each call leaving exactly the audit lines it should.
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('the audit harness', () => {
  it('finds exactly one audit line per patient-data read, write and refusal, for every operation', async () => {
    const lines: string[] = [];
    const verdict = await auditHarness({
      size: 'small',
      adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
      redisUrl: null,
      log: (line) => lines.push(line),
    });
    expect(verdict.pass, `${formatVerdict(verdict)}\n${lines.join('\n')}`).toBe(true);
    const schema = await createSchema();
    const operations =
      Object.keys(schema.getQueryType()!.getFields()).length +
      Object.keys(schema.getMutationType()!.getFields()).length;
    expect(verdict.figures.operationsInSchema).toBe(operations);
    expect(verdict.figures.operationsCovered).toBe(operations);
    expect(verdict.figures.documentRoutesCovered).toBe(2);
    expect(verdict.figures.linesChecked).toBeGreaterThan(100);
    expect(verdict.figures.refusalsChecked).toBeGreaterThan(100);
    expect(verdict.figures.replaysChecked).toBeGreaterThan(20);
    expect(verdict.figures.worklistRowsChecked).toBeGreaterThan(0);
    expect(verdict.figures.emptyWorklistPages).toBeGreaterThan(0);
    expect(verdict.figures.mismatches).toBe(0);
  }, 240_000);
});
