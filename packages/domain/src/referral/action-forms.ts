import type { Role } from '../access/index.js';
import {
  PRIORITY_CODES,
  reasonsUsableBy,
  type Priority,
  type ReasonCatalogue,
  type ReasonDefinition,
  type ReasonType,
} from '../reference/index.js';
import type { ProposalReason, ReferralEventType } from './referral.types.js';

/**
 * What a form for each referral action needs, decided here once: which reason catalogue an
 * event takes, when a redirect reason is needed, whether a comment or a new priority is asked
 * for. The machine checks events against these rules and `allowedActions` hands them to
 * clients, so a form never asks for something the machine ignores or misses what it needs.
 */

/**
 * The reason (or outcome) catalogue each event's reason comes from. BOOK and DEFER_TO_PROVIDER
 * take a redirect reason, and only when they move the referral to another service.
 */
export const EVENT_REASON_CATALOGUE = {
  BOOK: 'REDIRECT',
  DEFER_TO_PROVIDER: 'REDIRECT',
  REJECT: 'REJECTION',
  RECORD_TRIAGE_OUTCOME: 'TRIAGE_OUTCOME',
  CANCEL_APPOINTMENT: 'APPOINTMENT_CANCELLATION',
  RECORD_DID_NOT_ATTEND: 'DID_NOT_ATTEND',
  RECORD_ASSESSMENT_OUTCOME: 'ASSESSMENT_OUTCOME',
  CANCEL_REFERRAL: 'REFERRAL_CANCELLATION',
} as const satisfies Partial<Record<ReferralEventType, ReasonCatalogue>>;

/** The catalogue an event's (or a history entry's) reason comes from, if any. */
export function reasonCatalogueOf(type: string): ReasonCatalogue | null {
  return (EVENT_REASON_CATALOGUE as Partial<Record<string, ReasonCatalogue>>)[type] ?? null;
}

/** A reason or outcome a form offers: its code, its name in words, and whether it needs a comment. */
export interface ReasonChoice {
  readonly code: string;
  readonly name: string;
  readonly commentMandatory: boolean;
}

/** The reasons of a catalogue `role` may give on `today` (optionally of some types only). */
export function reasonChoices(
  catalogue: ReasonCatalogue,
  role: Role,
  today: string,
  types?: readonly ReasonType[],
): ReasonChoice[] {
  return reasonsUsableBy(catalogue, role, { today, ...(types ? { types } : {}) }).map(
    (r: ReasonDefinition) => ({ code: r.code, name: r.name, commentMandatory: r.commentMandatory }),
  );
}

/**
 * Whether a comment is asked for: `NONE` (no comment field), `OPTIONAL`, `REQUIRED`, or
 * `BY_REASON` (required when the chosen reason's `commentMandatory` says so).
 */
export const COMMENT_RULES = ['NONE', 'OPTIONAL', 'REQUIRED', 'BY_REASON'] as const;
/** A comment rule (see {@link COMMENT_RULES}). */
export type CommentRule = (typeof COMMENT_RULES)[number];

/** The comment rule of each event (the machine's checks follow it). */
export const EVENT_COMMENT_RULE: Readonly<Record<ReferralEventType, CommentRule>> = {
  // Booking and deferral need a comment when their redirect reason does.
  BOOK: 'BY_REASON',
  DEFER_TO_PROVIDER: 'BY_REASON',
  SEND_FOR_TRIAGE: 'OPTIONAL',
  ACCEPT: 'OPTIONAL',
  REJECT: 'BY_REASON',
  CANCEL_APPOINTMENT_ACTION_LATER: 'REQUIRED',
  RECORD_TRIAGE_OUTCOME: 'BY_REASON',
  CANCEL_APPOINTMENT: 'BY_REASON',
  RECORD_DID_NOT_ATTEND: 'BY_REASON',
  RECORD_ASSESSMENT_OUTCOME: 'BY_REASON',
  CANCEL_REFERRAL: 'BY_REASON',
  CHANGE_SHORTLIST: 'NONE',
  ATTACH_REFERRAL_LETTER: 'NONE',
  CREATE_ONWARD_REFERRAL: 'NONE',
  CONFIRM_PAS_CANCELLATION: 'NONE',
  ACKNOWLEDGE: 'NONE',
};

/**
 * The comment rule a form should show for the reasons it offers: a `BY_REASON` rule whose every
 * reason needs a comment is simply `REQUIRED`.
 */
export function commentRuleFor(
  type: ReferralEventType,
  reasons: readonly ReasonChoice[],
): CommentRule {
  const rule = EVENT_COMMENT_RULE[type];
  return rule === 'BY_REASON' && reasons.length > 0 && reasons.every((r) => r.commentMandatory)
    ? 'REQUIRED'
    : rule;
}

/**
 * Events that may change the referral's priority, and (for a triage outcome) the only outcome
 * that may: returning a referral to its referrer keeps the priority it came with.
 */
export const EVENT_NEW_PRIORITY: Partial<
  Readonly<Record<ReferralEventType, { readonly onlyWithReason: string | null }>>
> = {
  CANCEL_APPOINTMENT_ACTION_LATER: { onlyWithReason: null },
  RECORD_TRIAGE_OUTCOME: { onlyWithReason: 'ACCEPT_REFER_BOOK_LATER' },
};

/** The priorities a referral at `current` may be changed to (every other priority). */
export function newPriorityChoices(current: Priority): Priority[] {
  return PRIORITY_CODES.filter((p) => p !== current);
}

/**
 * Whether a new priority may be given with this event and reason (`reason` ignored for events
 * that take a new priority with any reason).
 */
export function newPriorityAllowed(type: ReferralEventType, reason?: string | null): boolean {
  const rule = EVENT_NEW_PRIORITY[type];
  if (!rule) return false;
  return rule.onlyWithReason === null || rule.onlyWithReason === reason;
}

/**
 * The redirect rule: moving a referral from the service of its current appointment request to
 * another service is a redirect, and needs a redirect reason. `redirectFrom` is that service
 * (null when no move would be a redirect: nothing is booked or deferred yet, or the referral
 * is with a triage service).
 */
export function isRedirect(redirectFrom: string | null, targetServiceId: string | null): boolean {
  return redirectFrom !== null && targetServiceId !== null && targetServiceId !== redirectFrom;
}

/** Why an appointment is only proposed, in words (reference §3). */
export const PROPOSAL_REASON_NAMES: Readonly<Record<ProposalReason, string>> = {
  NO_SLOTS_AT_SERVICE: 'No appointments were available at the service',
  SLOT_NOT_AVAILABLE: 'The chosen appointment was no longer available',
  BOOKING_ATTEMPT_PROBLEM: 'The provider’s system could not confirm the booking',
  TRIAGE: 'Sent for triage',
};
