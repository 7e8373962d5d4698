import { describe, expect, it } from 'vitest';
import { findReason, PRIORITY_CODES } from '../reference/index.js';
import { validEventFor, redirectTarget } from '../test-support/events.js';
import {
  actors,
  AFTER_APPOINTMENT,
  CONTEXT,
  NOW,
  referralIn,
  withLetter,
  type ActorKey,
} from '../test-support/fixtures.js';
import {
  EVENT_REASON_CATALOGUE,
  isRedirect,
  newPriorityAllowed,
  reasonCatalogueOf,
} from './action-forms.js';
import { allowedActions, transition } from './referral.machine.js';
import { REFERRAL_STATES, type ReferralEvent } from './referral.types.js';

/**
 * The rules a form follows (which reasons, whether a redirect reason, a comment or a priority is
 * needed) are the rules the machine enforces: each is decided once, in `action-forms.ts`, and
 * `allowedActions` hands it to clients. These tests hold the two together across every state
 * and actor, so a client built from `allowedActions` alone never asks for what the machine
 * ignores and never misses what it needs.
 */

const ACTORS = Object.keys(actors) as ActorKey[];
const FIXTURES = REFERRAL_STATES.map((state) => [state, referralIn(state)] as const);

describe('one owner for the redirect rule', () => {
  it('needs a redirect reason exactly when allowedActions says so, for every target', () => {
    let redirects = 0;
    let plain = 0;
    for (const [state, snapshot] of FIXTURES) {
      for (const who of ACTORS) {
        const actor = actors[who];
        for (const action of allowedActions(snapshot, actor, NOW)) {
          if (action.type !== 'BOOK' && action.type !== 'DEFER_TO_PROVIDER') continue;
          // Every service the form could offer: the listed ones and, for providers, one of their own.
          const k = action.serviceIds.length;
          for (let i = 0; i <= k; i++) {
            if (i === k && !action.mayRedirect) continue;
            // No redirect reasons offered, so the event carries none.
            const event = validEventFor(
              { ...action, redirectReasons: [] },
              snapshot,
              actor,
              NOW,
              i,
            );
            const target =
              event.type === 'BOOK' || event.type === 'DEFER_TO_PROVIDER'
                ? event.service.serviceId
                : null;
            const needed = isRedirect(action.redirectFromServiceId, target);
            const result = transition(snapshot, event, actor, NOW, CONTEXT);
            const refusedForReason =
              !result.ok &&
              result.error.code === 'REASON_REQUIRED' &&
              result.error.field === 'redirectReason';
            expect(refusedForReason, `${action.type} by ${who} in ${state} to ${target}`).toBe(
              needed,
            );
            if (needed) redirects++;
            else plain++;
          }
        }
      }
    }
    // Both branches were exercised.
    expect(redirects).toBeGreaterThan(0);
    expect(plain).toBeGreaterThan(0);
  });

  it('asks no redirect reason of a provider clinician booking from Awaiting Triage', () => {
    const awaiting = referralIn('AWAITING_TRIAGE');
    const book = allowedActions(awaiting, actors.spc, NOW).find((a) => a.type === 'BOOK');
    expect(book).toMatchObject({ mayRedirect: true, redirectFromServiceId: null });
    expect(isRedirect(book!.redirectFromServiceId, 'svc-dbs')).toBe(false);
    const booked = transition(
      awaiting,
      validEventFor(
        { ...book!, serviceIds: ['svc-dbs'], redirectReasons: [] },
        awaiting,
        actors.spc,
        NOW,
      ),
      actors.spc,
      NOW,
      CONTEXT,
    );
    expect(booked.ok).toBe(true);
  });

  it('asks a redirect reason when a provider rebooks an appointment request elsewhere', () => {
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    const book = allowedActions(deferred, actors.spa, NOW).find((a) => a.type === 'BOOK');
    expect(book?.redirectFromServiceId).toBe(deferred.appointment?.serviceId);
    expect(isRedirect(book!.redirectFromServiceId, deferred.appointment!.serviceId)).toBe(false);
    const elsewhere = redirectTarget(actors.spa, 1);
    expect(isRedirect(book!.redirectFromServiceId, elsewhere.serviceId)).toBe(true);
    expect(book?.redirectReasons.map((r) => r.code)).toContain('REDIRECTED_APPROPRIATE_CLINIC');
  });
});

describe('one owner for the reason catalogues', () => {
  it('offers each action the reasons of its own catalogue, with their names, and only those', () => {
    for (const [state, snapshot] of FIXTURES) {
      for (const who of ACTORS) {
        for (const action of allowedActions(snapshot, actors[who], AFTER_APPOINTMENT)) {
          const catalogue = reasonCatalogueOf(action.type);
          const where = `${action.type} by ${who} in ${state}`;
          if (catalogue === null || catalogue === 'REDIRECT') {
            expect(action.reasons, where).toEqual([]);
          }
          for (const offered of [...action.reasons, ...action.redirectReasons]) {
            const definition = findReason(catalogue!, offered.code);
            expect(definition, where).toBeDefined();
            expect(offered).toEqual({
              code: definition!.code,
              name: definition!.name,
              commentMandatory: definition!.commentMandatory,
            });
          }
        }
      }
    }
  });

  it('names the catalogue of every event that takes a reason', () => {
    expect(EVENT_REASON_CATALOGUE).toEqual({
      BOOK: 'REDIRECT',
      DEFER_TO_PROVIDER: 'REDIRECT',
      REJECT: 'REJECTION',
      RECORD_TRIAGE_OUTCOME: 'TRIAGE_OUTCOME',
      CANCEL_APPOINTMENT: 'APPOINTMENT_CANCELLATION',
      RECORD_DID_NOT_ATTEND: 'DID_NOT_ATTEND',
      RECORD_ASSESSMENT_OUTCOME: 'ASSESSMENT_OUTCOME',
      CANCEL_REFERRAL: 'REFERRAL_CANCELLATION',
    });
  });
});

describe('comment, priority and PAS rules in allowedActions', () => {
  const triage = () =>
    allowedActions(referralIn('AWAITING_TRIAGE'), actors.spc, NOW).find(
      (a) => a.type === 'RECORD_TRIAGE_OUTCOME',
    )!;

  it('says a comment is required where the machine refuses one without it', () => {
    const booked = referralIn('BOOKED');
    const later = allowedActions(booked, actors.spc, NOW).find(
      (a) => a.type === 'CANCEL_APPOINTMENT_ACTION_LATER',
    );
    expect(later?.comment).toBe('REQUIRED');
    const refused = transition(
      booked,
      { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: '' } as ReferralEvent,
      actors.spc,
      NOW,
      CONTEXT,
    );
    expect(!refused.ok && refused.error.code).toBe('COMMENT_REQUIRED');
    // Every triage outcome needs a comment, so the form asks for one from the start.
    expect(triage().comment).toBe('REQUIRED');
    // Accept is offered once the letter is in (not while it is outstanding).
    const accept = allowedActions(withLetter(booked), actors.spc, NOW).find(
      (a) => a.type === 'ACCEPT',
    );
    expect(accept?.comment).toBe('OPTIONAL');
    const cancel = allowedActions(booked, actors.rc, NOW).find(
      (a) => a.type === 'CANCEL_APPOINTMENT',
    );
    expect(cancel?.comment).toBe('BY_REASON');
  });

  it('offers a new priority from the domain’s priorities, only with the outcome that allows it', () => {
    const action = triage();
    const current = referralIn('AWAITING_TRIAGE').priority;
    expect(action.newPriorities).toEqual(PRIORITY_CODES.filter((p) => p !== current));
    expect(action.newPriorityOnlyWithReason).toBe('ACCEPT_REFER_BOOK_LATER');
    expect(newPriorityAllowed('RECORD_TRIAGE_OUTCOME', 'RETURN_TO_REFERRER_WITH_ADVICE')).toBe(
      false,
    );
    const other = action.newPriorities[0]!;
    const event = (outcome: string) =>
      ({
        type: 'RECORD_TRIAGE_OUTCOME',
        outcome,
        comment: 'Seen',
        newPriority: other,
      }) as ReferralEvent;
    const awaiting = referralIn('AWAITING_TRIAGE');
    const returned = transition(
      awaiting,
      event('RETURN_TO_REFERRER_WITH_ADVICE'),
      actors.spc,
      NOW,
      CONTEXT,
    );
    expect(!returned.ok && returned.error.code).toBe('PRIORITY_NOT_CURRENT');
    const accepted = transition(
      awaiting,
      event('ACCEPT_REFER_BOOK_LATER'),
      actors.spc,
      NOW,
      CONTEXT,
    );
    expect(accepted.ok && accepted.value.snapshot.priority).toBe(other);
    const accept = allowedActions(withLetter(referralIn('BOOKED')), actors.spc, NOW).find(
      (a) => a.type === 'ACCEPT',
    );
    expect(accept?.newPriorities).toEqual([]);
  });

  it('asks the PAS question only for an indirectly bookable appointment', () => {
    const booked = referralIn('BOOKED');
    const reject = allowedActions(booked, actors.spc, NOW).find((a) => a.type === 'REJECT');
    expect(reject?.pasAnswerRequired).toBe(false);
    const indirect = {
      ...booked,
      appointment: { ...booked.appointment!, bookableType: 'INDIRECTLY_BOOKABLE' as const },
    };
    const rejectIndirect = allowedActions(indirect, actors.spc, NOW).find(
      (a) => a.type === 'REJECT',
    );
    expect(rejectIndirect?.pasAnswerRequired).toBe(true);
    const refused = transition(
      indirect,
      { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE', comment: 'x' } as ReferralEvent,
      actors.spc,
      NOW,
      CONTEXT,
    );
    expect(!refused.ok && refused.error.code).toBe('PAS_CANCELLATION_ANSWER_REQUIRED');
  });
});
