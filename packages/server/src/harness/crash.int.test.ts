import { describe, expect, it } from 'vitest';
import { DEFAULT_ADMIN_DATABASE_URL } from '../db/scratch-database.js';
import { TEST_DB_KIND } from '../test/test-database.js';
import { findHalfDone, findLost, readFacts } from './crash-check.js';
import type { SentMutation } from './crash-client.js';
import { runCrashHarness } from './crash.js';
import { formatVerdict } from './types.js';

/**
 * The crash harness at its small size (its own PostgreSQL cluster, two server processes, six
 * clients, a kill -9 and a PostgreSQL restart mid-run): nothing acknowledged is lost, nothing
 * is half-done, and every acknowledged mutation replays with its key without a second effect.
 * Before its checks run, the test also removes an acknowledged booking's history event and an
 * acknowledged booking's appointment inside a transaction it rolls back, and adds a made-up
 * acknowledgement to a copy of the ledger, to prove the checks would report each as lost.
 */
describe.skipIf(TEST_DB_KIND !== 'postgresql')('the crash harness', () => {
  it('loses nothing acknowledged through a kill -9 and a PostgreSQL restart, and replays without a second effect', async () => {
    const lines: string[] = [];
    let tampered: { lost: string[]; halfDone: string[]; target: SentMutation } | null = null;
    const verdict = await runCrashHarness(
      {
        size: 'small',
        adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_DATABASE_URL,
        redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        log: (line) => lines.push(line),
      },
      {
        async beforeChecks(db, sent, userId) {
          // Bookings nothing was sent after: their appointment and slot must still be booked.
          const last = new Map(sent.map((m) => [m.ubrn, m]));
          const booked = sent.filter(
            (m) =>
              m.operation === 'bookAppointment' &&
              m.outcome === 'acknowledged' &&
              !m.reply!.notice &&
              last.get(m.ubrn) === m,
          );
          const [target, other] = booked;
          if (!target || !other) return;
          const made: SentMutation = {
            ...target,
            operation: 'createReferral',
            ubrn: '000000000000',
            input: { ...target.input, idempotencyKey: 'never-sent' },
            reply: {
              ...target.reply!,
              replayed: false,
              referral: { ...target.reply!.referral, ubrn: '000000000000', version: 1 },
            },
          };
          await db.query('begin');
          try {
            await db.query(
              `delete from referral_event
                where referral_id = (select id from referral where ubrn = $1) and version = $2`,
              [target.reply!.referral.ubrn, target.reply!.referral.version],
            );
            await db.query('delete from appointment where slot_id = $1', [other.input.slotId]);
            const facts = await readFacts(db, userId, { inTransaction: true });
            tampered = {
              lost: findLost([...sent, made], facts),
              halfDone: findHalfDone(facts),
              target,
            };
          } finally {
            await db.query('rollback');
          }
        },
      },
    );
    const report = `${formatVerdict(verdict)}\n${lines.join('\n')}`;
    expect(verdict.pass, report).toBe(true);
    const { figures } = verdict;
    expect(figures.lost).toBe(0);
    expect(figures.replayMismatches).toBe(0);
    expect(figures.halfDone).toBe(0);
    expect(figures.mutationsSent, report).toBeGreaterThanOrEqual(100);
    expect(figures.acknowledged, report).toBeGreaterThanOrEqual(100);
    expect(figures.bookingsAcknowledged, report).toBeGreaterThan(10);
    expect(figures.replaysChecked).toBe(figures.acknowledged);
    expect(figures.killRecoverySeconds).toBeGreaterThan(0);
    expect(figures.postgresRecoverySeconds).toBeGreaterThan(0);

    // The checks notice a lost write.
    expect(tampered, 'the harness acknowledged too few bookings to tamper with').not.toBeNull();
    const { lost, halfDone, target } = tampered!;
    const { ubrn, version } = target.reply!.referral;
    expect(lost).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`UBRN ${ubrn}, version ${version}): no BOOK history event`),
        expect.stringContaining('UBRN 000000000000, version 1): no referral row'),
        expect.stringMatching(/bookAppointment .*: no appointment in slot/),
      ]),
    );
    expect(lost).toHaveLength(3);
    expect(halfDone).toEqual(
      expect.arrayContaining([
        `referral ${ubrn} has 0 history events at version ${version}`,
        expect.stringMatching(/BOOKED with 0 active appointments/),
      ]),
    );
  }, 300_000);
});
