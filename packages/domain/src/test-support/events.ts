/**
 * Builds well-formed referral events for tests: given an action `allowedActions` offered, an
 * event a careful client would send for it (a reason from the offered list, a comment, a slot
 * that is free). `transition` must accept every one of them.
 */
import { roleSide, type Actor } from '../access/index.js';
import { ubrnFromSequence } from '../identifiers/index.js';
import type {
  AllowedAction,
  ReferralEvent,
  ReferralEventType,
  ReferralSnapshot,
  ShortlistEntry,
} from '../referral/index.js';
import { dbs, freeSlot, hoursAfter, OPEN_POLICY } from './fixtures.js';

const COMMENT = 'Clinically appropriate: see the referral letter.';

/** A slot at `service` that any booker can book at `now` under the open policy. */
export function bookableSlotFor(service: ShortlistEntry, now: Date, k: number) {
  const start = hoursAfter(now, 48 + (k % 7) * 24);
  return freeSlot({
    id: `slot-${service.serviceId}-${start.getTime()}`,
    serviceId: service.serviceId,
    start,
    end: hoursAfter(start, 0.5),
    publishedAt: hoursAfter(now, -24 * 30),
  });
}

/** A new directly bookable service at the actor's own organisation, for provider redirects. */
export const redirectTarget = (actor: Actor, k: number): ShortlistEntry =>
  dbs(`svc-redirect-${actor.organisationId}-${k}`, {
    providerOrganisationId: actor.organisationId,
  });

/**
 * An allowed action of `type` offering these reason codes (as reasons, or as redirect reasons
 * for BOOK and DEFER_TO_PROVIDER), for tests that build events without asking the machine.
 */
export function offeredAction(
  type: ReferralEventType,
  choices: { reasons?: readonly string[]; serviceIds?: readonly string[]; mayRedirect?: boolean },
): AllowedAction {
  const reasons = (choices.reasons ?? []).map((code) => ({
    code,
    name: code,
    commentMandatory: true,
  }));
  const redirect = type === 'BOOK' || type === 'DEFER_TO_PROVIDER';
  return {
    type,
    reasons: redirect ? [] : reasons,
    serviceIds: choices.serviceIds ?? [],
    mayRedirect: choices.mayRedirect ?? false,
    redirectFromServiceId: null,
    redirectReasons: redirect ? reasons : [],
    comment: 'OPTIONAL',
    newPriorities: [],
    newPriorityOnlyWithReason: null,
    pasAnswerRequired: false,
  };
}

const pick = <T>(items: readonly T[], k: number): T | undefined =>
  items[k % Math.max(1, items.length)];

/**
 * A well-formed event for an allowed action. `k` varies the choices (which reason, which
 * service, which answer) so a random walk explores different paths.
 */
export function validEventFor(
  action: AllowedAction,
  snapshot: ReferralSnapshot,
  actor: Actor,
  now: Date,
  k = 0,
): ReferralEvent {
  const reason = pick(action.reasons, k)?.code;
  switch (action.type) {
    case 'BOOK':
    case 'DEFER_TO_PROVIDER': {
      const id = pick(action.serviceIds, k);
      const service =
        (id !== undefined && snapshot.shortlist.find((e) => e.serviceId === id)) ||
        redirectTarget(actor, k);
      const redirect =
        roleSide(actor.role) === 'PROVIDER'
          ? { redirectReason: pick(action.redirectReasons, k)?.code as never, comment: COMMENT }
          : {};
      if (action.type === 'DEFER_TO_PROVIDER') {
        return {
          type: 'DEFER_TO_PROVIDER',
          service,
          bookableSlotsAvailable: false,
          bookingAttemptFailure: k % 3 === 1 ? 'BOOKING_ATTEMPT_PROBLEM' : null,
          ...redirect,
        };
      }
      return {
        type: 'BOOK',
        service,
        bookingPolicy: OPEN_POLICY,
        slot:
          service.bookableType === 'DIRECTLY_BOOKABLE' ? bookableSlotFor(service, now, k) : null,
        ...redirect,
      };
    }
    case 'SEND_FOR_TRIAGE':
      return { type: 'SEND_FOR_TRIAGE', serviceId: pick(action.serviceIds, k)! };
    case 'ACCEPT':
      return { type: 'ACCEPT' };
    case 'REJECT':
      return {
        type: 'REJECT',
        reason: reason as never,
        comment: COMMENT,
        appointmentCancelledInPas: k % 2 === 0,
      };
    case 'CANCEL_APPOINTMENT_ACTION_LATER':
      return {
        type: 'CANCEL_APPOINTMENT_ACTION_LATER',
        comment: COMMENT,
        newPriority: k % 2 === 0 ? null : 'URGENT',
        appointmentCancelledInPas: k % 2 === 0,
      };
    case 'RECORD_TRIAGE_OUTCOME':
      return { type: 'RECORD_TRIAGE_OUTCOME', outcome: reason as never, comment: COMMENT };
    case 'CANCEL_APPOINTMENT':
      return { type: 'CANCEL_APPOINTMENT', reason: reason as never, comment: COMMENT };
    case 'RECORD_DID_NOT_ATTEND':
      return {
        type: 'RECORD_DID_NOT_ATTEND',
        reason: reason as never,
        comment: COMMENT,
        returnToReferrer: k % 2 === 0,
      };
    case 'RECORD_ASSESSMENT_OUTCOME':
      return { type: 'RECORD_ASSESSMENT_OUTCOME', outcome: reason as never, comment: COMMENT };
    case 'CANCEL_REFERRAL':
      return { type: 'CANCEL_REFERRAL', reason: reason as never, comment: COMMENT };
    case 'CHANGE_SHORTLIST': {
      const usable = snapshot.shortlist.filter(
        (e) =>
          e.requestFlow !== 'ADVICE_AND_GUIDANCE_REQUEST' &&
          e.priorities.includes(snapshot.priority),
      );
      const shortlist =
        usable.length >= 2 && k % 2 === 0
          ? usable.slice(0, -1)
          : [...usable, dbs(`svc-added-${snapshot.version}-${k}`)];
      return { type: 'CHANGE_SHORTLIST', shortlist };
    }
    case 'ATTACH_REFERRAL_LETTER':
      return { type: 'ATTACH_REFERRAL_LETTER', documentIds: [`doc-${k}`] };
    case 'CREATE_ONWARD_REFERRAL':
      return {
        type: 'CREATE_ONWARD_REFERRAL',
        onwardUbrn: ubrnFromSequence(9_000 + snapshot.version * 10 + (k % 10)),
      };
    case 'CONFIRM_PAS_CANCELLATION':
      return { type: 'CONFIRM_PAS_CANCELLATION' };
    case 'ACKNOWLEDGE':
      return { type: 'ACKNOWLEDGE' };
  }
}
