import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { drainHarness } from './drain.js';
import { formatVerdict } from './types.js';

/**
 * The drain harness at its small size: one of two server processes stopped with SIGTERM while a
 * replacement starts, under steady reads and writes from 16 clients. No request fails because of it.
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('the drain harness', () => {
  it('restarts each instance under load without a client request failing', async () => {
    const lines: string[] = [];
    const verdict = await drainHarness({
      size: 'small',
      adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      log: (line) => lines.push(line),
    });
    expect(verdict.pass, `${formatVerdict(verdict)}\n${lines.join('\n')}`).toBe(true);
    expect(verdict.figures.restarts).toBe(1);
    expect(verdict.figures.failures).toBe(0);
    expect(verdict.figures.requests).toBeGreaterThan(100);
    expect(verdict.figures['referrals created (all in the database)']).toBeGreaterThan(0);
    // The instance was signalled with requests in flight, so its drain had work to finish.
    expect(Number(verdict.figures['in flight at SIGTERM'])).toBeGreaterThan(0);
  }, 240_000);
});
