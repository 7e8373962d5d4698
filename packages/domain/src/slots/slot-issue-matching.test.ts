import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/index.js';
import { daysAfter, freeSlot, hoursAfter, NOW, TRUST } from '../test-support/fixtures.js';
import type { BookingPolicy } from './booking-policy.js';
import {
  checkSlotBlockReason,
  checkSlotCancellationReason,
  isSlotIssuePolicy,
  matchSlotIssues,
  orderSlotIssues,
  SLOT_BLOCK_REASONS,
  slotCancellationReasons,
  type SlotIssue,
} from './slot-issue-matching.js';
import { isSlotBookable, type Slot, type SlotService } from './slot-search.js';

const TZ = 'Europe/London';
const policy: BookingPolicy = {
  windows: {
    ROUTINE: { opensHoursAhead: 48, closesDaysAhead: 28 },
    TWO_WEEK_WAIT: { opensHoursAhead: 1, closesDaysAhead: 13 },
  },
  reservationDays: 1,
};
const service: SlotService = {
  id: 'svc-dbs',
  providerOrganisationId: TRUST,
  bookingPolicy: policy,
};

const issue = (ubrn: string, overrides: Partial<SlotIssue> = {}): SlotIssue => ({
  ubrn,
  priority: 'ROUTINE',
  deferredAt: daysAfter(NOW, -3),
  ...overrides,
});
/** A free slot `days` after NOW at 09:30 UTC. */
const slot = (id: string, days: number, overrides: Partial<Slot> = {}) =>
  freeSlot({ id, start: hoursAfter(daysAfter(NOW, days), -0.5), ...overrides });
const match = (issues: SlotIssue[], slots: Slot[]) =>
  matchSlotIssues({ issues, slots, service, now: NOW, timeZone: TZ }).map(
    (a) => `${a.ubrn}→${a.slot.id}`,
  );

describe('slot-issue policies and reasons', () => {
  it('knows the three policies', () => {
    expect(['LEAVE', 'OFFER', 'BOOK'].every(isSlotIssuePolicy)).toBe(true);
    expect(isSlotIssuePolicy('MAYBE')).toBe(false);
  });

  it('asks for a comment with OTHER, and refuses an unknown or missing reason', () => {
    expect(SLOT_BLOCK_REASONS.find((r) => r.code === 'OTHER')?.commentRequired).toBe(true);
    expect(checkSlotBlockReason('TRAINING', '  ')).toMatchObject({ comment: null });
    expect(() => checkSlotBlockReason('OTHER', ' ')).toThrow(
      expect.objectContaining({ code: 'COMMENT_REQUIRED', field: 'comment' }),
    );
    expect(() => checkSlotBlockReason('NAPPING', null)).toThrow(
      expect.objectContaining({ code: 'INVALID_CODE', field: 'reason' }),
    );
    expect(() => checkSlotBlockReason('', null)).toThrow(
      expect.objectContaining({ code: 'REASON_REQUIRED' }),
    );
    expect(() => checkSlotBlockReason('TRAINING', 'x'.repeat(2001))).toThrow(
      expect.objectContaining({ code: 'COMMENT_TOO_LONG' }),
    );
  });

  it('offers the provider’s appointment-cancellation reasons for cancelling slots', () => {
    const codes = slotCancellationReasons('2026-03-10').map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining(['CLINIC_CANCELLED', 'SLOT_CANCELLED', 'PROVIDER_OTHER']),
    );
    expect(codes).not.toContain('PATIENT_ILL');
    expect(checkSlotCancellationReason('SLOT_CANCELLED', null, '2026-03-10').reason.code).toBe(
      'SLOT_CANCELLED',
    );
    expect(() => checkSlotCancellationReason('PROVIDER_OTHER', '', '2026-03-10')).toThrow(
      expect.objectContaining({ code: 'COMMENT_REQUIRED' }),
    );
    const patientReason = (() => {
      try {
        checkSlotCancellationReason('PATIENT_ILL', null, '2026-03-10');
      } catch (error) {
        return error;
      }
    })();
    expect(patientReason).toBeInstanceOf(DomainError);
    expect(patientReason).toMatchObject({ code: 'REASON_NOT_ALLOWED', field: 'reason' });
  });
});

describe('ordering slot issues', () => {
  it('puts two-week waits first, then urgent, then routine; longest waiting first; then UBRN', () => {
    const ordered = orderSlotIssues([
      issue('r-new', { deferredAt: daysAfter(NOW, -1) }),
      issue('u-old', { priority: 'URGENT', deferredAt: daysAfter(NOW, -9) }),
      issue('r-old-b', { deferredAt: daysAfter(NOW, -5) }),
      issue('t-new', { priority: 'TWO_WEEK_WAIT', deferredAt: daysAfter(NOW, -1) }),
      issue('r-old-a', { deferredAt: daysAfter(NOW, -5) }),
      issue('t-old', { priority: 'TWO_WEEK_WAIT', deferredAt: daysAfter(NOW, -2) }),
    ]).map((i) => i.ubrn);
    expect(ordered).toEqual(['t-old', 't-new', 'u-old', 'r-old-a', 'r-old-b', 'r-new']);
  });
});

describe('matching slot issues to slots', () => {
  it('gives the earliest slot to the most urgent, then the longest waiting', () => {
    const slots = [slot('s3', 5), slot('s1', 3), slot('s2', 4)];
    expect(
      match(
        [
          issue('routine-new', { deferredAt: daysAfter(NOW, -1) }),
          issue('routine-old', { deferredAt: daysAfter(NOW, -8) }),
          issue('urgent', { priority: 'URGENT' }),
        ],
        slots,
      ),
    ).toEqual(['urgent→s1', 'routine-old→s2', 'routine-new→s3']);
  });

  it('never uses a slot twice, and leaves referrals without a slot unmatched', () => {
    const assignments = matchSlotIssues({
      issues: [issue('a'), issue('b'), issue('c')],
      slots: [slot('s1', 3), slot('s2', 4)],
      service,
      now: NOW,
      timeZone: TZ,
    });
    expect(assignments.map((a) => a.ubrn)).toEqual(['a', 'b']);
    expect(new Set(assignments.map((a) => a.slot.id)).size).toBe(2);
  });

  it('honours each priority’s booking window', () => {
    // Routine opens 48 hours ahead: the slot tomorrow is only for the two-week wait.
    const slots = [slot('tomorrow', 1), slot('in-20-days', 20), slot('in-40-days', 40)];
    expect(
      match(
        [
          issue('routine'),
          issue('2ww', { priority: 'TWO_WEEK_WAIT' }),
          issue('2ww-late', { priority: 'TWO_WEEK_WAIT', deferredAt: daysAfter(NOW, 0) }),
        ],
        slots,
      ),
    ).toEqual(['2ww→tomorrow', 'routine→in-20-days']);
  });

  it('skips slots still reserved for the provider', () => {
    const reserved = slot('reserved', 3, { publishedAt: hoursAfter(NOW, -2) });
    expect(match([issue('a')], [reserved, slot('later', 6)])).toEqual(['a→later']);
  });

  it('honours ring-fenced priorities', () => {
    const slots = [slot('2ww-only', 3, { priorities: ['TWO_WEEK_WAIT'] }), slot('any', 4)];
    expect(match([issue('routine'), issue('urgent', { priority: 'URGENT' })], slots)).toEqual([
      'urgent→any',
    ]);
  });

  it('gives a referral that asks for a named clinician only that clinician’s slots', () => {
    const slots = [slot('dr-a', 3, { clinicianId: 'A' }), slot('dr-b', 4, { clinicianId: 'B' })];
    expect(match([issue('wants-b', { clinicianId: 'B' }), issue('anyone')], slots)).toEqual([
      'anyone→dr-a',
      'wants-b→dr-b',
    ]);
    expect(match([issue('wants-b', { clinicianId: 'B' })], [slots[0]!])).toEqual([]);
  });

  it('uses a slot held for the referral itself, and a lapsed hold, but not a live hold', () => {
    const slots = [
      slot('held-other', 3, {
        status: 'HELD',
        heldForUbrn: 'someone',
        heldUntil: hoursAfter(NOW, 1),
      }),
      slot('held-mine', 4, { status: 'HELD', heldForUbrn: 'b', heldUntil: hoursAfter(NOW, 1) }),
      slot('lapsed', 5, { status: 'HELD', heldForUbrn: 'x', heldUntil: hoursAfter(NOW, -1) }),
      slot('booked', 2, { status: 'BOOKED' }),
      slot('blocked', 2, { status: 'BLOCKED' }),
    ];
    expect(match([issue('a', { deferredAt: daysAfter(NOW, -9) }), issue('b')], slots)).toEqual([
      'a→lapsed',
      'b→held-mine',
    ]);
  });

  it('only ever assigns slots the referral could book, each once (property)', () => {
    const arbSlot = fc.record({
      day: fc.integer({ min: 0, max: 40 }),
      priorities: fc.subarray(['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'] as const, { minLength: 1 }),
      clinicianId: fc.constantFrom(null, 'A', 'B'),
      reserved: fc.boolean(),
    });
    const arbIssue = fc.record({
      priority: fc.constantFrom('ROUTINE', 'URGENT', 'TWO_WEEK_WAIT' as const),
      waited: fc.integer({ min: 0, max: 30 }),
      clinicianId: fc.constantFrom(null, null, 'A'),
    });
    fc.assert(
      fc.property(
        fc.array(arbSlot, { maxLength: 30 }),
        fc.array(arbIssue, { maxLength: 30 }),
        (s, i) => {
          const slots = s.map((x, n) =>
            slot(`s${n}`, x.day, {
              priorities: x.priorities,
              clinicianId: x.clinicianId,
              ...(x.reserved ? { publishedAt: hoursAfter(NOW, -1) } : {}),
            }),
          );
          const issues = i.map((x, n) =>
            issue(`u${n}`, {
              priority: x.priority,
              deferredAt: daysAfter(NOW, -x.waited),
              clinicianId: x.clinicianId,
            }),
          );
          const assignments = matchSlotIssues({ issues, slots, service, now: NOW, timeZone: TZ });
          expect(new Set(assignments.map((a) => a.slot.id)).size).toBe(assignments.length);
          expect(new Set(assignments.map((a) => a.ubrn)).size).toBe(assignments.length);
          for (const { ubrn, slot: chosen } of assignments) {
            const wanted = issues.find((x) => x.ubrn === ubrn)!;
            expect(
              isSlotBookable(chosen, {
                service,
                priority: wanted.priority,
                booker: { role: 'REFERRING_CLINICIAN', organisationId: 'GP' },
                now: NOW,
                timeZone: TZ,
                ubrn,
                clinicianId: wanted.clinicianId ?? null,
              }),
            ).toBe(true);
          }
          // Greedy: an unmatched referral had no bookable slot left after those before it.
          const used = new Set(assignments.map((a) => a.slot.id));
          for (const wanted of issues.filter((x) => !assignments.some((a) => a.ubrn === x.ubrn))) {
            const left = slots.filter(
              (x) =>
                !used.has(x.id) &&
                isSlotBookable(x, {
                  service,
                  priority: wanted.priority,
                  booker: { role: 'REFERRING_CLINICIAN', organisationId: 'GP' },
                  now: NOW,
                  timeZone: TZ,
                  clinicianId: wanted.clinicianId ?? null,
                }),
            );
            expect(left).toEqual([]);
          }
        },
      ),
    );
  });

  it('matches 10,000 referrals to 10,000 slots quickly', () => {
    const slots = Array.from({ length: 10_000 }, (_, n) =>
      slot(`s${String(n).padStart(5, '0')}`, 3 + (n % 20)),
    );
    const issues = Array.from({ length: 10_000 }, (_, n) =>
      issue(String(n).padStart(12, '0'), {
        priority: (['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'] as const)[n % 3]!,
        deferredAt: hoursAfter(NOW, -n),
      }),
    );
    const started = Date.now();
    const assignments = matchSlotIssues({ issues, slots, service, now: NOW, timeZone: TZ });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(assignments).toHaveLength(10_000);
  });
});
