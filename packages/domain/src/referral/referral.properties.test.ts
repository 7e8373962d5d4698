import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/index.js';
import { PRIORITY_CODES, REASONS, REASON_CATALOGUES } from '../reference/index.js';
import type { Slot } from '../slots/index.js';
import { offeredAction, validEventFor } from '../test-support/events.js';
import {
  actors,
  agService,
  cas,
  CONTEXT,
  createCommand,
  dbs,
  expectOk,
  hoursAfter,
  ibs,
  NOW,
  OPEN_POLICY,
  OTHER_TRUST,
  ras,
  UBRN,
} from '../test-support/fixtures.js';
import { referralWorklists } from '../worklists/index.js';
import { allowedActions, createReferral, transition } from './referral.machine.js';
import {
  REFERRAL_EVENT_TYPES,
  type ReferralEvent,
  type ReferralSnapshot,
  type ShortlistEntry,
} from './referral.types.js';

const ACTORS: readonly Actor[] = Object.values(actors);

const SERVICE_POOL: readonly ShortlistEntry[] = [
  dbs(),
  ibs(),
  ras(),
  cas(),
  dbs('svc-other', { providerOrganisationId: OTHER_TRUST }),
  ras('svc-other-ras', { providerOrganisationId: OTHER_TRUST }),
  ibs('svc-routine-only', { priorities: ['ROUTINE'] }),
];

/** A referral as created: a random shortlist drawn from the pool, priority and letter status. */
const createdArb = fc
  .record({
    shortlist: fc.subarray([...SERVICE_POOL], { minLength: 1 }),
    priority: fc.constantFrom(...PRIORITY_CODES),
    letterStatus: fc.constantFrom('ATTACHED', 'NEED_TO_ADD_LATER', 'NOT_INTENDING_TO_ADD'),
  })
  .map(({ shortlist, priority, letterStatus }) => {
    const usable = shortlist.filter((e) => e.priorities.includes(priority));
    return expectOk(
      createReferral(
        createCommand({
          shortlist: usable.length ? usable : [dbs()],
          priority,
          letterStatus,
          letterDocumentCount: letterStatus === 'ATTACHED' ? 1 : 0,
        }),
        actors.rc,
        NOW,
        CONTEXT,
      ),
    ).snapshot;
  });

/** One step of a walk: who acts, which offered action, which choices, how much time passes. */
const stepArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 72 }));

interface Walked {
  readonly snapshot: ReferralSnapshot;
  readonly now: Date;
  readonly history: string[];
}

/**
 * Walks the machine: at each step a random actor takes a random action it was offered, with a
 * well-formed event. Every such event must be accepted, and every step must keep the
 * snapshot's invariants.
 */
function walk(
  start: ReferralSnapshot,
  steps: readonly (readonly [number, number, number, number])[],
): Walked {
  let snapshot = start;
  let now = NOW;
  const history: string[] = [];
  for (const [who, which, k, hours] of steps) {
    now = hoursAfter(now, hours);
    // Pick among the actors who can do something, so every step moves the walk on.
    const able = ACTORS.filter((a) => allowedActions(snapshot, a, now).length > 0);
    if (able.length === 0) break;
    const actor = able[who % able.length]!;
    const offered = allowedActions(snapshot, actor, now);
    const action = offered[which % offered.length]!;
    const event = validEventFor(action, snapshot, actor, now, k);
    const result = transition(snapshot, event, actor, now, CONTEXT);
    history.push(`${actor.userId}:${event.type}@${snapshot.state}`);
    if (!result.ok) {
      throw new Error(
        `Offered ${action.type} to ${actor.userId} in ${snapshot.state} but refused: ${result.error.code} ` +
          `(${history.join(' → ')})`,
      );
    }
    const next = result.value.snapshot;
    checkInvariants(snapshot, next, result.value.effects);
    snapshot = next;
  }
  return { snapshot, now, history };
}

function checkInvariants(
  before: ReferralSnapshot,
  after: ReferralSnapshot,
  effects: readonly { type: string; worklist?: string; organisationId?: string | null }[],
) {
  expect(after.version).toBe(before.version + 1);
  const ids = after.shortlist.map((e) => e.serviceId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeLessThanOrEqual(20);
  if (after.state === 'BOOKED' || after.state === 'ACCEPTED') {
    expect(after.appointment?.status).toBe('BOOKED');
    expect(after.providerOrganisationIds).toContain(after.appointment?.providerOrganisationId);
  }
  if (after.state === 'DEFERRED_TO_PROVIDER' || after.state === 'AWAITING_TRIAGE') {
    expect(after.appointment?.status).toBe('PROPOSED');
    expect(after.patientContactBy).not.toBeNull();
  }
  if (after.state === 'NOT_BOOKED') expect(after.appointment).toBeNull();
  // Worklist effects take the referral from exactly its old lists to exactly its new ones.
  const key = (m: { worklist?: string; organisationId?: string | null }) =>
    `${m.worklist}@${m.organisationId}`;
  const lists = new Set(referralWorklists(before).map(key));
  for (const e of effects) {
    if (e.type === 'TAKE_OFF_WORKLIST') expect(lists.delete(key(e))).toBe(true);
    if (e.type === 'PUT_ON_WORKLIST') {
      expect(lists.has(key(e))).toBe(false);
      lists.add(key(e));
    }
  }
  expect([...lists].sort()).toEqual(referralWorklists(after).map(key).sort());
}

const walkArb = fc
  .tuple(createdArb, fc.array(stepArb, { maxLength: 16 }))
  .map(([start, steps]) => walk(start, steps));

// ---------------------------------------------------------------------------------------------
// Arbitrary events: well-formed and malformed, from every catalogue and service in the pool.
// ---------------------------------------------------------------------------------------------

const ALL_REASONS = [...new Set(REASON_CATALOGUES.flatMap((c) => REASONS[c].map((r) => r.code)))];
const reasonArb = fc.constantFrom(...ALL_REASONS, 'NONSENSE', '');
const commentArb = fc.constantFrom(undefined, null, '', '  ', 'Seen in clinic', 'x'.repeat(2001));
const serviceArb = fc.constantFrom(...SERVICE_POOL, agService(), dbs('svc-unlisted'));
const versionArb = fc.option(fc.nat(12), { nil: undefined });
const slotArb: fc.Arbitrary<Slot | null> = fc.option(
  fc
    .record({
      serviceId: fc.constantFrom(...SERVICE_POOL.map((s) => s.serviceId), 'svc-unlisted'),
      hours: fc.integer({ min: -48, max: 24 * 60 }),
      priorities: fc.subarray([...PRIORITY_CODES]),
      status: fc.constantFrom('FREE', 'HELD', 'BOOKED', 'CANCELLED'),
      heldForUbrn: fc.constantFrom(null, UBRN),
      publishedHoursAgo: fc.integer({ min: 0, max: 200 }),
    })
    .map((r) => ({
      id: `slot-${r.hours}`,
      serviceId: r.serviceId,
      start: hoursAfter(NOW, r.hours),
      end: hoursAfter(NOW, r.hours + 1),
      priorities: r.priorities,
      clinicianId: null,
      status: r.status,
      heldUntil: r.status === 'HELD' ? hoursAfter(NOW, r.hours / 2) : null,
      heldForUbrn: r.heldForUbrn,
      publishedAt: hoursAfter(NOW, -r.publishedHoursAgo),
    })),
  { nil: null },
);

const eventArb: fc.Arbitrary<ReferralEvent> = fc.oneof(
  fc.record({
    type: fc.constant('BOOK' as const),
    service: serviceArb,
    bookingPolicy: fc.constantFrom(OPEN_POLICY, {
      windows: { URGENT: { opensHoursAhead: 72, closesDaysAhead: 10 } },
      reservationDays: 2,
    }),
    slot: slotArb,
    redirectReason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
    expectedVersion: versionArb,
  }),
  fc.record({
    type: fc.constant('DEFER_TO_PROVIDER' as const),
    service: serviceArb,
    bookableSlotsAvailable: fc.boolean(),
    bookingAttemptFailure: fc.constantFrom(
      null,
      'SLOT_NOT_AVAILABLE' as const,
      'BOOKING_ATTEMPT_PROBLEM' as const,
    ),
    redirectReason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
    expectedVersion: versionArb,
  }),
  fc.record({
    type: fc.constant('SEND_FOR_TRIAGE' as const),
    serviceId: serviceArb.map((s) => s.serviceId),
    comment: commentArb,
  }),
  fc.record({
    type: fc.constant('ACCEPT' as const),
    comment: commentArb,
    expectedVersion: versionArb,
  }),
  fc.record({
    type: fc.constant('REJECT' as const),
    reason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
    appointmentCancelledInPas: fc.constantFrom(undefined, null, true, false),
  }),
  fc.record({
    type: fc.constant('CANCEL_APPOINTMENT_ACTION_LATER' as const),
    comment: commentArb as fc.Arbitrary<string>,
    newPriority: fc.constantFrom(null, ...PRIORITY_CODES),
    appointmentCancelledInPas: fc.constantFrom(undefined, true, false),
  }),
  fc.record({
    type: fc.constant('RECORD_TRIAGE_OUTCOME' as const),
    outcome: reasonArb as fc.Arbitrary<never>,
    comment: commentArb as fc.Arbitrary<string>,
    newPriority: fc.constantFrom(null, ...PRIORITY_CODES),
  }),
  fc.record({
    type: fc.constant('CANCEL_APPOINTMENT' as const),
    reason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
  }),
  fc.record({
    type: fc.constant('RECORD_DID_NOT_ATTEND' as const),
    reason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
    returnToReferrer: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('RECORD_ASSESSMENT_OUTCOME' as const),
    outcome: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
  }),
  fc.record({
    type: fc.constant('CANCEL_REFERRAL' as const),
    reason: reasonArb as fc.Arbitrary<never>,
    comment: commentArb,
    expectedVersion: versionArb,
  }),
  fc.record({
    type: fc.constant('CHANGE_SHORTLIST' as const),
    shortlist: fc.subarray([...SERVICE_POOL]),
    priority: fc.constantFrom(undefined, ...PRIORITY_CODES),
  }),
  fc.record({
    type: fc.constant('ATTACH_REFERRAL_LETTER' as const),
    documentIds: fc.constantFrom([], ['doc-1'], ['doc-1', 'doc-2']),
  }),
  fc.record({
    type: fc.constant('CREATE_ONWARD_REFERRAL' as const),
    onwardUbrn: fc.constantFrom('000000070001', UBRN, 'not-a-ubrn'),
  }),
  fc.constant({ type: 'CONFIRM_PAS_CANCELLATION' as const }),
  fc.constant({ type: 'ACKNOWLEDGE' as const }),
);

const actorArb = fc.constantFrom(...ACTORS, { ...actors.spca, onBehalfOfUserId: null });

const REASON_FIELD: Partial<Record<ReferralEvent['type'], 'reason' | 'outcome'>> = {
  REJECT: 'reason',
  CANCEL_APPOINTMENT: 'reason',
  RECORD_DID_NOT_ATTEND: 'reason',
  CANCEL_REFERRAL: 'reason',
  RECORD_TRIAGE_OUTCOME: 'outcome',
  RECORD_ASSESSMENT_OUTCOME: 'outcome',
};

describe('referral machine properties', () => {
  it('accepts every well-formed event for an action allowedActions offered', () => {
    // `walk` throws if an offered action is refused, and checks invariants at every step.
    fc.assert(
      fc.property(walkArb, (walked) => {
        expect(walked.snapshot.version).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('never accepts an event allowedActions did not offer, nor a choice it did not list', () => {
    fc.assert(
      fc.property(walkArb, eventArb, actorArb, ({ snapshot, now }, event, actor) => {
        const offered = allowedActions(snapshot, actor, now);
        const action = offered.find((a) => a.type === event.type);
        const result = transition(snapshot, event, actor, now, CONTEXT);
        if (!result.ok) return;
        expect(
          action,
          `${event.type} accepted for ${actor.userId} in ${snapshot.state}`,
        ).toBeDefined();
        const field = REASON_FIELD[event.type];
        if (field)
          expect(action!.reasons.map((r) => r.code)).toContain(
            (event as unknown as Record<string, unknown>)[field],
          );
        if (event.type === 'BOOK' || event.type === 'DEFER_TO_PROVIDER') {
          if (!action!.serviceIds.includes(event.service.serviceId))
            expect(action!.mayRedirect).toBe(true);
        }
        if (event.type === 'SEND_FOR_TRIAGE') expect(action!.serviceIds).toContain(event.serviceId);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it('refuses, through transition, every event type allowedActions leaves out', () => {
    fc.assert(
      fc.property(walkArb, actorArb, fc.nat(), ({ snapshot, now }, actor, k) => {
        const offered = new Set(allowedActions(snapshot, actor, now).map((a) => a.type));
        // For each event type not offered, a well-formed event of that type is still refused.
        for (const type of REFERRAL_EVENT_TYPES) {
          if (offered.has(type)) continue;
          const event = validEventFor(
            offeredAction(type, {
              reasons: ALL_REASONS,
              serviceIds: snapshot.shortlist.map((e) => e.serviceId),
              mayRedirect: true,
            }),
            snapshot,
            actor,
            now,
            k,
          );
          expect(
            transition(snapshot, event, actor, now, CONTEXT).ok,
            `${type} by ${actor.userId} in ${snapshot.state}`,
          ).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('never lets any event leave a cancelled referral', () => {
    fc.assert(
      fc.property(
        walkArb,
        fc.array(fc.tuple(eventArb, actorArb), { minLength: 1, maxLength: 20 }),
        ({ snapshot, now }, attempts) => {
          let current = snapshot;
          if (current.state !== 'CANCELLED_REFERRAL') {
            current = expectOk(
              transition(
                current,
                { type: 'CANCEL_REFERRAL', reason: 'RAISED_IN_ERROR' },
                actors.rc,
                now,
                CONTEXT,
              ),
            ).snapshot;
          }
          for (const [event, actor] of attempts) {
            const result = transition(current, event, actor, now, CONTEXT);
            if (result.ok) {
              expect(result.value.snapshot.state).toBe('CANCELLED_REFERRAL');
              current = result.value.snapshot;
            }
          }
          expect(current.state).toBe('CANCELLED_REFERRAL');
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('reaches every state on some walk', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(walkArb, (walked) => {
        for (const step of walked.history) seen.add(step.split('@')[1]!);
        seen.add(walked.snapshot.state);
      }),
      // Clinical assessment results are the rarest (about 1 walk in 100), so take enough walks.
      { numRuns: 1500 },
    );
    expect([...seen].sort()).toEqual(
      [
        'ACCEPTED',
        'APPT_CANCELLED_BY_PATIENT',
        'APPT_CANCELLED_BY_PROVIDER',
        'ASSESSMENT_RESULT',
        'AWAITING_TRIAGE',
        'BOOKED',
        'CANCELLED_REFERRAL',
        'DEFERRED_TO_PROVIDER',
        'DID_NOT_ATTEND',
        'NOT_BOOKED',
        'REJECTED',
        'TRIAGED_PROVIDER_TO_ACTION',
        'TRIAGE_RESPONSE',
      ].sort(),
    );
  }, 60_000);
});
