import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { raceHarness } from './race.js';
import { formatVerdict } from './types.js';

/**
 * The race harness at its small size (two server processes on one scratch PostgreSQL database
 * and the shared Redis, 40 clients, 300 hold-and-confirm attempts a mode on 40 slots): no slot
 * booked twice, with the application check on and off, and every loser a clean refusal.
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('the race harness', () => {
  it('books each slot at most once through two instances, with the application check on and off', async () => {
    const lines: string[] = [];
    const verdict = await raceHarness({
      size: 'small',
      adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      log: (line) => lines.push(line),
    });
    expect(verdict.pass, `${formatVerdict(verdict)}\n${lines.join('\n')}`).toBe(true);
    for (const mode of ['checkOn', 'checkOff']) {
      expect(verdict.figures[`${mode} attempts`]).toBe(300);
      // Every slot was won once, so most attempts lost a race and were refused.
      expect(verdict.figures[`${mode} booked`]).toBe(40);
      expect(verdict.figures[`${mode} refused (SLOT_NOT_AVAILABLE)`]).toBe(260);
      expect(verdict.figures[`${mode} confirms after a refused hold`]).toBeGreaterThan(0);
      expect(verdict.figures[`${mode} other errors`]).toBe(0);
    }
  }, 240_000);
});
