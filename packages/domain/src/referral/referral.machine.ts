import {
  hasLegitimateRelationship,
  roleSide,
  type Actor,
  type Role,
  type RoleSide,
} from '../access/index.js';
import {
  calendarDaysBetween,
  DEFAULT_TIME_ZONE,
  isIsoDate,
  localDate,
  patientContactBy,
  referralLetterDue,
  startOfLocalDay,
  addCalendarDays,
  type DateContext,
} from '../dates/index.js';
import { DomainError, err, ok, type ErrorCode, type Result } from '../errors/index.js';
import { parseUbrn } from '../identifiers/index.js';
import {
  COMMENT_MAX_LENGTH,
  findReason,
  isPriority,
  isReasonInEffect,
  type Priority,
  type ReasonCatalogue,
  type ReasonDefinition,
  type ReasonType,
} from '../reference/index.js';
import { slotUnbookableReason } from '../slots/index.js';
import {
  commentRuleFor,
  EVENT_NEW_PRIORITY,
  EVENT_REASON_CATALOGUE,
  isRedirect,
  newPriorityAllowed,
  newPriorityChoices,
  reasonCatalogueOf,
  reasonChoices,
  type CommentRule,
  type ReasonChoice,
} from './action-forms.js';
import { referralWorklists } from '../worklists/referral-worklists.js';
import type { WorklistMembership } from '../worklists/worklist-codes.js';
import { acceptRefusalForLetter, clinicalInformationRefusal } from './clinical-information.js';
import {
  REFERRAL_EVENT_TYPES,
  type CurrentAppointment,
  type LetterStatus,
  type ReferralEffect,
  type ReferralEvent,
  type ReferralEventType,
  type ReferralSnapshot,
  type ReferralState,
  type ShortlistEntry,
} from './referral.types.js';

/**
 * The referral state machine (reference §4.2) as data and one pure function.
 *
 * - {@link REFERRAL_TRANSITIONS} is the transition table: for every event, the rows of the
 *   reference it implements, the roles allowed, and the states it may start from on each side.
 * - {@link transition} checks an event against the table and its guards and returns the next
 *   snapshot and the effects to perform, or a {@link DomainError} with a stable code.
 * - {@link allowedActions} lists the events an actor could make now; it runs the same guards,
 *   so a client that offers only these never offers an action that `transition` refuses for
 *   reasons of role, relationship or state.
 *
 * Refusals are checked in a fixed order: `NO_RELATIONSHIP` (the actor may not see the referral),
 * `STALE_VERSION`, `FORBIDDEN` (the role never makes this event), `INVALID_REQUEST_STATE`
 * (not from this state, or the referral is no longer with the actor's organisation), then the
 * event's own preconditions.
 */

/** The time zone and holiday calendar a transition computes dates in. */
export type ReferralContext = DateContext;

/** The next snapshot and the effects to perform. */
export interface TransitionOutcome {
  readonly snapshot: ReferralSnapshot;
  readonly effects: readonly ReferralEffect[];
}

/** The result of {@link transition}. */
export type TransitionResult = Result<TransitionOutcome>;

/** The largest shortlist (reference §11). */
export const MAX_SHORTLIST_SIZE = 20;

const RC: Role = 'REFERRING_CLINICIAN';
const RCA: Role = 'REFERRING_CLINICIAN_ADMIN';
const RA: Role = 'REFERRING_ADMIN';
const SPC: Role = 'SERVICE_PROVIDER_CLINICIAN';
const SPCA: Role = 'SERVICE_PROVIDER_CLINICIAN_ADMIN';
const SPA: Role = 'SERVICE_PROVIDER_ADMIN';
const PAA: Role = 'PROVIDER_AUTHORISED_APPLICATION';
const PATIENT: Role = 'PATIENT';

const NON_TERMINAL: readonly ReferralState[] = [
  'NOT_BOOKED',
  'BOOKED',
  'ACCEPTED',
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  'TRIAGED_PROVIDER_TO_ACTION',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
  'ASSESSMENT_RESULT',
];
const ALL_STATES: readonly ReferralState[] = [...NON_TERMINAL, 'CANCELLED_REFERRAL'];

/** Unbooked states in which the referrer holds the referral and may book, defer or triage. */
const REFERRER_UNBOOKED: readonly ReferralState[] = [
  'NOT_BOOKED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'DID_NOT_ATTEND',
];
/** Unbooked states in which the patient may book or defer for themselves. */
const PATIENT_UNBOOKED: readonly ReferralState[] = [
  'NOT_BOOKED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
];
/** States of a provider's worklist items it may book from (slot issues, appointments for booking). */
const PROVIDER_TO_BOOK: readonly ReferralState[] = [
  'DEFERRED_TO_PROVIDER',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
];
const BOOKED_STATES: readonly ReferralState[] = ['BOOKED', 'ACCEPTED'];
/** States in which the referral is with a provider, which may cancel it. */
const PROVIDER_HOLDS: readonly ReferralState[] = [
  'BOOKED',
  'ACCEPTED',
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
  'ASSESSMENT_RESULT',
];

/** One row of {@link REFERRAL_TRANSITIONS}. */
export interface TransitionRule {
  readonly event: ReferralEventType;
  /** The rows of reference §4.2 this event implements. */
  readonly rows: readonly string[];
  /** The roles that may make the event at all. */
  readonly roles: readonly Role[];
  /**
   * The states the event may start from, by the actor's side. A provider-side actor must also be
   * at the organisation of the current appointment (except where noted in the guard).
   */
  readonly from: Partial<
    Readonly<Record<'REFERRER' | 'PATIENT' | 'PROVIDER', readonly ReferralState[]>>
  >;
  /**
   * Extra states for particular roles (the provider clinician's "refer/book now" from triage).
   */
  readonly alsoFrom?: Partial<Readonly<Record<Role, readonly ReferralState[]>>>;
  /** What the event leads to, in words. */
  readonly to: string;
}

/** The referral transition table: every event, its reference rows, roles and source states. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralEventType, TransitionRule>> = {
  BOOK: {
    event: 'BOOK',
    rows: ['T2', 'T10', 'T11'],
    // PAA: the provider's system books slot issues automatically (a service's BOOK policy), with
    // a referrer's bounds (isProviderBooker excludes it), so only slots a referrer could book.
    roles: [RC, RCA, RA, PATIENT, SPC, SPCA, SPA, PAA],
    from: { REFERRER: REFERRER_UNBOOKED, PATIENT: PATIENT_UNBOOKED, PROVIDER: PROVIDER_TO_BOOK },
    alsoFrom: { [SPC]: ['AWAITING_TRIAGE'], [SPCA]: ['AWAITING_TRIAGE'] },
    to: 'BOOKED, or ACCEPTED when the booked provider has already accepted it or its clinician books',
  },
  DEFER_TO_PROVIDER: {
    event: 'DEFER_TO_PROVIDER',
    rows: ['T3', 'T11'],
    roles: [RC, RCA, RA, PATIENT, SPC, SPCA, SPA],
    from: {
      REFERRER: REFERRER_UNBOOKED,
      PATIENT: PATIENT_UNBOOKED,
      PROVIDER: PROVIDER_TO_BOOK.filter((s) => s !== 'DEFERRED_TO_PROVIDER'),
    },
    to: 'DEFERRED_TO_PROVIDER',
  },
  SEND_FOR_TRIAGE: {
    event: 'SEND_FOR_TRIAGE',
    rows: ['T4'],
    roles: [RC, RCA],
    from: { REFERRER: REFERRER_UNBOOKED },
    to: 'AWAITING_TRIAGE',
  },
  ACCEPT: {
    event: 'ACCEPT',
    rows: ['T5'],
    roles: [SPC, SPCA],
    from: { PROVIDER: ['BOOKED'] },
    to: 'ACCEPTED',
  },
  REJECT: {
    event: 'REJECT',
    rows: ['T6'],
    roles: [SPC, SPCA],
    from: { PROVIDER: ['BOOKED'] },
    to: 'REJECTED',
  },
  CANCEL_APPOINTMENT_ACTION_LATER: {
    event: 'CANCEL_APPOINTMENT_ACTION_LATER',
    rows: ['T7'],
    roles: [SPC, SPCA],
    from: { PROVIDER: BOOKED_STATES },
    to: 'TRIAGED_PROVIDER_TO_ACTION',
  },
  RECORD_TRIAGE_OUTCOME: {
    event: 'RECORD_TRIAGE_OUTCOME',
    rows: ['T8', 'T9'],
    roles: [SPC, SPCA],
    from: { PROVIDER: ['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER'] },
    to: 'TRIAGED_PROVIDER_TO_ACTION (accept, book later) or TRIAGE_RESPONSE (return with advice)',
  },
  CANCEL_APPOINTMENT: {
    event: 'CANCEL_APPOINTMENT',
    rows: ['T12', 'T13'],
    roles: [RC, RCA, RA, PATIENT, SPC, SPCA, SPA, PAA],
    from: { REFERRER: BOOKED_STATES, PATIENT: BOOKED_STATES, PROVIDER: BOOKED_STATES },
    to: 'APPT_CANCELLED_BY_PATIENT or APPT_CANCELLED_BY_PROVIDER (CANCELLED_REFERRAL if the patient died)',
  },
  RECORD_DID_NOT_ATTEND: {
    event: 'RECORD_DID_NOT_ATTEND',
    rows: ['T14'],
    roles: [SPC, SPCA, SPA, PAA],
    from: { PROVIDER: BOOKED_STATES },
    to: 'DID_NOT_ATTEND (CANCELLED_REFERRAL if the patient died)',
  },
  RECORD_ASSESSMENT_OUTCOME: {
    event: 'RECORD_ASSESSMENT_OUTCOME',
    rows: ['T15'],
    roles: [SPC, SPCA],
    from: { PROVIDER: BOOKED_STATES },
    to: 'ASSESSMENT_RESULT',
  },
  CANCEL_REFERRAL: {
    event: 'CANCEL_REFERRAL',
    rows: ['T16'],
    roles: [RC, RCA, SPC, SPCA],
    from: { REFERRER: NON_TERMINAL, PROVIDER: PROVIDER_HOLDS },
    to: 'CANCELLED_REFERRAL (terminal)',
  },
  CHANGE_SHORTLIST: {
    event: 'CHANGE_SHORTLIST',
    rows: ['T17'],
    roles: [RC, RCA],
    from: { REFERRER: REFERRER_UNBOOKED },
    to: 'the same state, with the new shortlist and priority',
  },
  ATTACH_REFERRAL_LETTER: {
    event: 'ATTACH_REFERRAL_LETTER',
    rows: ['A012'],
    roles: [RC, RCA],
    from: { REFERRER: NON_TERMINAL },
    to: 'the same state (ACCEPTED goes back to BOOKED for review)',
  },
  CREATE_ONWARD_REFERRAL: {
    event: 'CREATE_ONWARD_REFERRAL',
    rows: ['T18'],
    roles: [SPC, SPCA],
    from: { PROVIDER: [...BOOKED_STATES, 'ASSESSMENT_RESULT'] },
    to: 'the same state, with a new related UBRN',
  },
  CONFIRM_PAS_CANCELLATION: {
    event: 'CONFIRM_PAS_CANCELLATION',
    rows: ['§5'],
    roles: [SPC, SPCA, SPA],
    from: { PROVIDER: ALL_STATES },
    to: 'the same state, off the "to cancel in PAS" worklist',
  },
  ACKNOWLEDGE: {
    event: 'ACKNOWLEDGE',
    rows: ['§5'],
    roles: [RC, RCA, RA],
    from: { REFERRER: ALL_STATES },
    to: 'the same state, off the referrer’s returned worklist',
  },
};

/**
 * One action an actor could take now, with everything its form needs: the choices that go with
 * it and what must be given. A client builds its form from this alone (see `action-forms.ts`).
 */
export interface AllowedAction {
  readonly type: ReferralEventType;
  /**
   * The reasons or outcomes this actor may give, one of which is required (empty when the event
   * takes none). BOOK and DEFER_TO_PROVIDER take none: see `redirectReasons`.
   */
  readonly reasons: readonly ReasonChoice[];
  /** For BOOK, DEFER_TO_PROVIDER and SEND_FOR_TRIAGE: the shortlisted services it may target. */
  readonly serviceIds: readonly string[];
  /** For BOOK and DEFER_TO_PROVIDER: whether a service off the shortlist may be chosen. */
  readonly mayRedirect: boolean;
  /**
   * For BOOK and DEFER_TO_PROVIDER: choosing a service other than this one is a redirect and
   * needs one of `redirectReasons` (`null`: no choice of service needs one). See `isRedirect`.
   */
  readonly redirectFromServiceId: string | null;
  /** The redirect reasons this actor may give (empty when they may not redirect). */
  readonly redirectReasons: readonly ReasonChoice[];
  /** Whether a comment is asked for, and when it is required. */
  readonly comment: CommentRule;
  /** The priorities the referral may be changed to with this event (empty: none asked for). */
  readonly newPriorities: readonly Priority[];
  /** When set, a new priority may be given only with this reason or outcome. */
  readonly newPriorityOnlyWithReason: string | null;
  /**
   * Whether the provider must say if the appointment is already cancelled in its own system
   * (an indirectly bookable appointment being cancelled or rejected).
   */
  readonly pasAnswerRequired: boolean;
}

type Side = Exclude<RoleSide, 'DIRECTORY' | 'OVERSIGHT'> | null;

function sideOf(actor: Actor): Side {
  const side = roleSide(actor.role);
  return side === 'REFERRER' || side === 'PROVIDER' || side === 'PATIENT' ? side : null;
}

const refuse = (code: ErrorCode, options: ConstructorParameters<typeof DomainError>[1] = {}) =>
  new DomainError(code, options);

const stateError = (snapshot: ReferralSnapshot) =>
  refuse('INVALID_REQUEST_STATE', { details: { state: snapshot.state } });

function currentProvider(snapshot: ReferralSnapshot): string | null {
  return snapshot.appointment?.providerOrganisationId ?? null;
}

/**
 * The table check: the role may make the event, the state is a source state for the actor's side,
 * a provider is the organisation the referral is with, and a clinician admin names a clinician.
 */
function tableRefusal(
  rule: TransitionRule,
  snapshot: ReferralSnapshot,
  actor: Actor,
  options: { anyProvider?: boolean } = {},
): DomainError | null {
  if (!rule.roles.includes(actor.role)) return refuse('FORBIDDEN');
  const side = sideOf(actor);
  const states = [...((side && rule.from[side]) ?? []), ...(rule.alsoFrom?.[actor.role] ?? [])];
  if (!states.includes(snapshot.state)) return stateError(snapshot);
  if (
    side === 'PROVIDER' &&
    !options.anyProvider &&
    currentProvider(snapshot) !== actor.organisationId
  ) {
    return stateError(snapshot);
  }
  if (actor.role === SPCA && !actor.onBehalfOfUserId) {
    return refuse('ON_BEHALF_OF_REQUIRED', { field: 'onBehalfOfUserId' });
  }
  return null;
}

/** The checked reason, or a refusal. */
function checkReason(
  catalogue: ReasonCatalogue,
  code: string | null | undefined,
  actor: Actor,
  today: string,
  field: string,
  types?: readonly ReasonType[],
): Result<ReasonDefinition> {
  if (code == null || code === '') return err(refuse('REASON_REQUIRED', { field }));
  const reason = findReason(catalogue, code);
  if (!reason) return err(refuse('INVALID_CODE', { field }));
  if (
    !reason.roles.includes(actor.role) ||
    (types !== undefined && !types.includes(reason.type)) ||
    !isReasonInEffect(reason, today)
  ) {
    return err(refuse('REASON_NOT_ALLOWED', { field, details: { reason: code } }));
  }
  return ok(reason);
}

/** A trimmed comment (empty becomes `null`), or a refusal when missing or too long. */
function checkComment(
  comment: string | null | undefined,
  mandatory: boolean,
  field = 'comment',
): Result<string | null> {
  const text = typeof comment === 'string' ? comment.trim() : '';
  if (text === '') return mandatory ? err(refuse('COMMENT_REQUIRED', { field })) : ok(null);
  if (text.length > COMMENT_MAX_LENGTH) {
    return err(refuse('COMMENT_TOO_LONG', { field, details: { maxLength: COMMENT_MAX_LENGTH } }));
  }
  return ok(text);
}

/**
 * The event's reason from a catalogue (as {@link checkReason}) and its comment, mandatory when
 * the reason says so (as {@link checkComment}).
 */
function checkReasonAndComment(
  catalogue: ReasonCatalogue,
  code: string | null | undefined,
  comment: string | null | undefined,
  actor: Actor,
  today: string,
  field = 'reason',
  types?: readonly ReasonType[],
): Result<{ reason: ReasonDefinition; comment: string | null }> {
  const reason = checkReason(catalogue, code, actor, today, field, types);
  if (!reason.ok) return reason;
  const checked = checkComment(comment, reason.value.commentMandatory);
  if (!checked.ok) return checked;
  return ok({ reason: reason.value, comment: checked.value });
}

function checkNewPriority(
  value: Priority | null | undefined,
  field = 'newPriority',
): Result<Priority | null> {
  if (value == null) return ok(null);
  return isPriority(value) ? ok(value) : err(refuse('INVALID_PRIORITY', { field }));
}

/**
 * Checks a shortlist for a referral: 1 to 20 distinct services, each taking referrals
 * (appointments or triage, not advice) and accepting `priority`. Returns the first refusal.
 */
export function validateShortlist(
  shortlist: readonly ShortlistEntry[],
  priority: Priority,
): DomainError | null {
  if (shortlist.length === 0) return refuse('SHORTLIST_EMPTY', { field: 'shortlist' });
  if (shortlist.length > MAX_SHORTLIST_SIZE) {
    return refuse('TOO_MANY_ITEMS', { field: 'shortlist', details: { max: MAX_SHORTLIST_SIZE } });
  }
  const seen = new Set<string>();
  for (const entry of shortlist) {
    if (seen.has(entry.serviceId)) {
      return refuse('DUPLICATE_SERVICE', {
        field: 'shortlist',
        details: { serviceId: entry.serviceId },
      });
    }
    seen.add(entry.serviceId);
    if (entry.requestFlow === 'ADVICE_AND_GUIDANCE_REQUEST') {
      return refuse('SERVICE_NOT_SUITABLE', {
        field: 'shortlist',
        details: { serviceId: entry.serviceId },
      });
    }
    if (!entry.priorities.includes(priority)) {
      return refuse('UNSUPPORTED_PRIORITY', {
        field: 'shortlist',
        details: { serviceId: entry.serviceId, priority },
      });
    }
  }
  return null;
}

const isClinician = (role: Role) => role === SPC || role === SPCA;

const addProvider = (ids: readonly string[], id: string): readonly string[] =>
  ids.includes(id) ? ids : [...ids, id];

/** Whether cancelling this appointment should free its slot for someone else. */
function releasableSlot(
  appointment: CurrentAppointment | null,
  now: Date,
  reusable: boolean,
): string | null {
  if (!appointment || appointment.status !== 'BOOKED' || !appointment.slotId || !reusable)
    return null;
  return appointment.start !== null && appointment.start.getTime() > now.getTime()
    ? appointment.slotId
    : null;
}

/** Effects that cancel a booked appointment: cancel it, and release its slot when reusable. */
function cancelBookedAppointment(
  appointment: CurrentAppointment | null,
  reason: string | null,
  now: Date,
  slotReusable = true,
): ReferralEffect[] {
  if (!appointment || appointment.status !== 'BOOKED') return [];
  const effects: ReferralEffect[] = [
    {
      type: 'CANCEL_APPOINTMENT',
      serviceId: appointment.serviceId,
      slotId: appointment.slotId,
      reason,
    },
  ];
  const slotId = releasableSlot(appointment, now, slotReusable);
  if (slotId) effects.push({ type: 'RELEASE_SLOT', slotId });
  return effects;
}

const withStatus = (
  appointment: CurrentAppointment | null,
  status: CurrentAppointment['status'],
): CurrentAppointment | null => (appointment ? { ...appointment, status } : null);

/** A provisional next snapshot and its effects, before versioning and worklist effects. */
interface Draft {
  readonly next: ReferralSnapshot;
  readonly effects: readonly ReferralEffect[];
}

interface Rule<E extends ReferralEvent> {
  /** Action-level guards beyond the table (need only the snapshot, actor and time). */
  readonly guard?: (snapshot: ReferralSnapshot, actor: Actor, now: Date) => DomainError | null;
  /** Whether provider-side actors other than the current provider may act (they are checked in `guard`). */
  readonly anyProvider?: boolean;
  /** The choices to offer with the action. */
  readonly choices?: (
    snapshot: ReferralSnapshot,
    actor: Actor,
    today: string,
  ) => Partial<Pick<AllowedAction, 'reasons' | 'serviceIds' | 'mayRedirect' | 'redirectReasons'>>;
  /** Input-level checks and the outcome. */
  readonly apply: (
    snapshot: ReferralSnapshot,
    event: E,
    actor: Actor,
    now: Date,
    context: ReferralContext,
  ) => Result<Draft>;
}

type Rules = { readonly [T in ReferralEventType]: Rule<Extract<ReferralEvent, { type: T }>> };

/** Shortlisted services the actor could target with BOOK or DEFER_TO_PROVIDER. */
function targetableServices(
  snapshot: ReferralSnapshot,
  actor: Actor,
  event: 'BOOK' | 'DEFER_TO_PROVIDER',
): ShortlistEntry[] {
  return snapshot.shortlist.filter(
    (e) =>
      e.requestFlow === 'APPOINTMENT_REQUEST' &&
      e.priorities.includes(snapshot.priority) &&
      (event === 'BOOK' || e.bookableType === 'DIRECTLY_BOOKABLE') &&
      (event === 'BOOK' ||
        sideOf(actor) !== 'PROVIDER' ||
        e.providerOrganisationId === actor.organisationId),
  );
}

/** Referrers and patients must have a suitable service on the shortlist; providers may redirect. */
function needsShortlistedTarget(event: 'BOOK' | 'DEFER_TO_PROVIDER') {
  return (snapshot: ReferralSnapshot, actor: Actor): DomainError | null =>
    sideOf(actor) !== 'PROVIDER' && targetableServices(snapshot, actor, event).length === 0
      ? refuse('SERVICE_NOT_SUITABLE', { field: 'shortlist' })
      : null;
}

/**
 * The provider's system (PAA) books only the service the referral is with, and only while that
 * service is on the shortlist and takes the referral's priority (see {@link targetChoices}).
 */
function systemTargetRefusal(snapshot: ReferralSnapshot, actor: Actor): DomainError | null {
  if (actor.role !== PAA) return null;
  const current = snapshot.appointment?.serviceId;
  return targetableServices(snapshot, actor, 'BOOK').some((e) => e.serviceId === current)
    ? null
    : refuse('REDIRECT_NOT_ALLOWED', { field: 'service' });
}

/**
 * The service a provider moves the referral away from when it books or defers into another:
 * the service of its current appointment request. `null` for referrers and patients (who only
 * choose from the shortlist) and when the referral has no appointment request (not yet booked
 * or deferred, or with a triage service).
 */
function redirectFrom(snapshot: ReferralSnapshot, actor: Actor): string | null {
  const current = snapshot.appointment;
  return sideOf(actor) === 'PROVIDER' &&
    current !== null &&
    current.requestFlow === 'APPOINTMENT_REQUEST'
    ? current.serviceId
    : null;
}

interface Target {
  readonly entry: ShortlistEntry;
  readonly shortlist: readonly ShortlistEntry[];
  readonly redirect: ReasonDefinition | null;
}

/**
 * Resolves the service a BOOK or DEFER_TO_PROVIDER targets. Referrers and patients must pick a
 * shortlisted service (its shortlisted facts are used). Providers may pick any service: one
 * off the shortlist is added to it, and moving the referral away from the appointment service
 * it was booked or deferred to is a redirect, which needs a redirect reason.
 */
function resolveTarget(
  snapshot: ReferralSnapshot,
  actor: Actor,
  service: ShortlistEntry,
  redirectReason: string | null | undefined,
  today: string,
): Result<Target> {
  const onList = snapshot.shortlist.find((e) => e.serviceId === service.serviceId);
  if (sideOf(actor) !== 'PROVIDER') {
    if (!onList) return err(refuse('SERVICE_NOT_ON_SHORTLIST', { field: 'service' }));
    return ok({ entry: onList, shortlist: snapshot.shortlist, redirect: null });
  }
  const entry = onList ?? service;
  const movingAway = isRedirect(redirectFrom(snapshot, actor), entry.serviceId);
  let redirect: ReasonDefinition | null = null;
  if (movingAway && actor.role === PAA) {
    // The provider's system books only the service the referral is with: moving a referral to
    // another service is a clinical decision for the provider's staff.
    return err(refuse('REDIRECT_NOT_ALLOWED', { field: 'service' }));
  }
  if (movingAway) {
    const reason = checkReason(
      EVENT_REASON_CATALOGUE.BOOK,
      redirectReason,
      actor,
      today,
      'redirectReason',
    );
    if (!reason.ok) return reason;
    redirect = reason.value;
  }
  const shortlist = onList ? snapshot.shortlist : [...snapshot.shortlist, entry];
  if (shortlist.length > MAX_SHORTLIST_SIZE) {
    return err(
      refuse('TOO_MANY_ITEMS', { field: 'service', details: { max: MAX_SHORTLIST_SIZE } }),
    );
  }
  return ok({ entry, shortlist, redirect });
}

const newAppointment = (
  entry: ShortlistEntry,
  status: CurrentAppointment['status'],
  fields: Partial<CurrentAppointment> = {},
): CurrentAppointment => ({
  serviceId: entry.serviceId,
  providerOrganisationId: entry.providerOrganisationId,
  requestFlow: entry.requestFlow,
  bookableType: entry.bookableType,
  appointmentType: entry.appointmentType,
  status,
  proposalReason: null,
  slotId: null,
  start: null,
  end: null,
  clinicianId: null,
  ...fields,
});

const notify = (
  recipient: 'REFERRER' | 'PROVIDER' | 'PATIENT',
  organisationId: string | null,
  about: ReferralEventType,
  state: ReferralState,
): ReferralEffect => ({ type: 'NOTIFY', recipient, organisationId, about, state });

/** Starts the patient-contact clock after a deferral or triage send. */
function contactClock(
  snapshot: ReferralSnapshot,
  now: Date,
  route: 'DEFERRAL' | 'TRIAGE',
  context: ReferralContext,
): { contactBy: string; effect: ReferralEffect } {
  const contactBy = patientContactBy(now, snapshot.priority, route, context);
  return {
    contactBy,
    effect: {
      type: 'START_PATIENT_CONTACT_CLOCK',
      contactBy,
      passedAt: startOfLocalDay(addCalendarDays(contactBy, 1), context.timeZone),
    },
  };
}

const stopContactClock = (snapshot: ReferralSnapshot): ReferralEffect[] =>
  snapshot.patientContactBy !== null ? [{ type: 'STOP_PATIENT_CONTACT_CLOCK' }] : [];

const stopLetterClock = (snapshot: ReferralSnapshot): ReferralEffect[] =>
  snapshot.letterStatus === 'NEED_TO_ADD_LATER' && snapshot.letterDueAt !== null
    ? [{ type: 'STOP_LETTER_DUE_CLOCK' }]
    : [];

/** Events that cancel an appointment the provider may also hold in its own system (PAS). */
const PAS_ANSWER_EVENTS: readonly ReferralEventType[] = [
  'REJECT',
  'CANCEL_APPOINTMENT_ACTION_LATER',
];

/** Whether the provider must say if the appointment is already cancelled in its own system. */
function pasAnswerRequired(snapshot: ReferralSnapshot): boolean {
  return snapshot.appointment?.bookableType === 'INDIRECTLY_BOOKABLE';
}

/** For an indirectly bookable appointment the provider must say whether its PAS is done. */
function checkPasAnswer(
  snapshot: ReferralSnapshot,
  answer: boolean | null | undefined,
): Result<string | null> {
  const appointment = snapshot.appointment;
  if (!appointment || !pasAnswerRequired(snapshot)) {
    return ok(snapshot.pasCancellationPendingOrganisationId);
  }
  if (typeof answer !== 'boolean') {
    return err(refuse('PAS_CANCELLATION_ANSWER_REQUIRED', { field: 'appointmentCancelledInPas' }));
  }
  return ok(
    answer ? snapshot.pasCancellationPendingOrganisationId : appointment.providerOrganisationId,
  );
}

/** The end of a referral: the shared outcome of every route into CANCELLED_REFERRAL. */
function endReferral(
  snapshot: ReferralSnapshot,
  actor: Actor,
  about: ReferralEventType,
  reason: ReasonDefinition,
  comment: string | null,
  appointment: CurrentAppointment | null,
  now: Date,
): Draft {
  const next: ReferralSnapshot = {
    ...snapshot,
    state: 'CANCELLED_REFERRAL',
    stateReason: reason.code,
    stateComment: comment,
    appointment,
    patientContactBy: null,
    // Cancelled outside the referring organisation: the referrer needs to know (reference §5).
    returnedToReferrer: sideOf(actor) === 'PROVIDER',
  };
  const effects: ReferralEffect[] = [
    ...cancelBookedAppointment(snapshot.appointment, reason.code, now, reason.slotReusable),
    ...stopLetterClock(snapshot),
    ...stopContactClock(snapshot),
  ];
  const active = snapshot.appointment;
  if (sideOf(actor) === 'PROVIDER') {
    effects.push(notify('REFERRER', snapshot.referringOrganisationId, about, 'CANCELLED_REFERRAL'));
  } else if (active && (active.status === 'BOOKED' || active.status === 'PROPOSED')) {
    effects.push(notify('PROVIDER', active.providerOrganisationId, about, 'CANCELLED_REFERRAL'));
  }
  if (sideOf(actor) !== 'PATIENT')
    effects.push(notify('PATIENT', null, about, 'CANCELLED_REFERRAL'));
  return { next, effects };
}

/**
 * What to offer for booking or deferral: the services the actor may target and, for provider
 * staff (who may move a referral to another service), the redirect reasons they may give.
 */
function targetChoices(type: 'BOOK' | 'DEFER_TO_PROVIDER') {
  return (s: ReferralSnapshot, actor: Actor, today: string) => {
    const system = actor.role === PAA;
    const services = targetableServices(s, actor, type).filter(
      (e) => !system || !s.appointment || e.serviceId === s.appointment.serviceId,
    );
    return {
      serviceIds: services.map((e) => e.serviceId),
      mayRedirect: sideOf(actor) === 'PROVIDER' && !system,
      reasons: [],
      redirectReasons:
        sideOf(actor) === 'PROVIDER' && !system
          ? reasonChoices(EVENT_REASON_CATALOGUE[type], actor.role, today)
          : [],
    };
  };
}

const RULES: Rules = {
  BOOK: {
    guard: (s, actor) => needsShortlistedTarget('BOOK')(s, actor) ?? systemTargetRefusal(s, actor),
    choices: targetChoices('BOOK'),
    apply(s, event, actor, now, context) {
      const today = localDate(now, context.timeZone);
      const target = resolveTarget(s, actor, event.service, event.redirectReason, today);
      if (!target.ok) return target;
      const { entry, redirect } = target.value;
      if (entry.requestFlow !== 'APPOINTMENT_REQUEST') {
        return err(refuse('SERVICE_NOT_SUITABLE', { field: 'service' }));
      }
      if (!entry.priorities.includes(s.priority)) {
        return err(
          refuse('UNSUPPORTED_PRIORITY', { field: 'service', details: { priority: s.priority } }),
        );
      }
      const comment = checkComment(event.comment, redirect?.commentMandatory ?? false);
      if (!comment.ok) return comment;
      const slot = event.slot;
      if (entry.bookableType === 'DIRECTLY_BOOKABLE') {
        if (!slot) return err(refuse('SLOT_REQUIRED', { field: 'slot' }));
        const why = slotUnbookableReason(slot, {
          service: {
            id: entry.serviceId,
            providerOrganisationId: entry.providerOrganisationId,
            bookingPolicy: event.bookingPolicy,
          },
          priority: s.priority,
          booker: actor,
          now,
          timeZone: context.timeZone,
          ubrn: s.ubrn,
        });
        if (why)
          return err(refuse('SLOT_NOT_AVAILABLE', { field: 'slot', details: { reason: why } }));
      } else if (slot) {
        return err(
          refuse('BAD_USER_INPUT', {
            field: 'slot',
            message: 'This service is booked by phone, so no appointment slot can be chosen here.',
          }),
        );
      }
      const byItsClinician =
        isClinician(actor.role) && actor.organisationId === entry.providerOrganisationId;
      const alreadyAccepted =
        s.acceptedByOrganisationId === entry.providerOrganisationId &&
        !s.letterChangedSinceAcceptance &&
        !s.priorityChangedSinceAcceptance;
      // Booking by the provider's clinician counts as accepting it, but not while the letter is
      // still to follow: then it waits on Referrals for Review like any other.
      const accepted = (byItsClinician || alreadyAccepted) && acceptRefusalForLetter(s) === null;
      const appointment = newAppointment(entry, 'BOOKED', {
        slotId: slot?.id ?? null,
        start: slot?.start ?? null,
        end: slot?.end ?? null,
        clinicianId: slot?.clinicianId ?? null,
      });
      const state: ReferralState = accepted ? 'ACCEPTED' : 'BOOKED';
      const next: ReferralSnapshot = {
        ...s,
        state,
        stateReason: redirect?.code ?? null,
        stateComment: comment.value,
        shortlist: target.value.shortlist,
        appointment,
        providerOrganisationIds: addProvider(
          s.providerOrganisationIds,
          entry.providerOrganisationId,
        ),
        acceptedByOrganisationId: accepted
          ? entry.providerOrganisationId
          : s.acceptedByOrganisationId,
        letterChangedSinceAcceptance: accepted ? false : s.letterChangedSinceAcceptance,
        priorityChangedSinceAcceptance: accepted ? false : s.priorityChangedSinceAcceptance,
        patientContactBy: null,
        returnedToReferrer: false,
      };
      const effects: ReferralEffect[] = [{ type: 'NEW_APPOINTMENT', appointment }];
      if (slot) effects.push({ type: 'BOOK_SLOT', slotId: slot.id, serviceId: entry.serviceId });
      effects.push(...stopContactClock(s));
      if (sideOf(actor) === 'PROVIDER') {
        effects.push(notify('REFERRER', s.referringOrganisationId, 'BOOK', state));
      }
      if (sideOf(actor) !== 'PATIENT') effects.push(notify('PATIENT', null, 'BOOK', state));
      return ok({ next, effects });
    },
  },

  DEFER_TO_PROVIDER: {
    guard: needsShortlistedTarget('DEFER_TO_PROVIDER'),
    choices: targetChoices('DEFER_TO_PROVIDER'),
    apply(s, event, actor, now, context) {
      const today = localDate(now, context.timeZone);
      const target = resolveTarget(s, actor, event.service, event.redirectReason, today);
      if (!target.ok) return target;
      const { entry, redirect } = target.value;
      if (
        entry.requestFlow !== 'APPOINTMENT_REQUEST' ||
        entry.bookableType !== 'DIRECTLY_BOOKABLE' ||
        (sideOf(actor) === 'PROVIDER' && entry.providerOrganisationId !== actor.organisationId)
      ) {
        return err(refuse('SERVICE_NOT_SUITABLE', { field: 'service' }));
      }
      if (!entry.priorities.includes(s.priority)) {
        return err(
          refuse('UNSUPPORTED_PRIORITY', { field: 'service', details: { priority: s.priority } }),
        );
      }
      const failure = event.bookingAttemptFailure ?? null;
      if (failure === null && event.bookableSlotsAvailable !== false) {
        return err(refuse('SLOTS_CURRENTLY_AVAILABLE', { field: 'service' }));
      }
      const comment = checkComment(event.comment, redirect?.commentMandatory ?? false);
      if (!comment.ok) return comment;
      const proposalReason = failure ?? 'NO_SLOTS_AT_SERVICE';
      const appointment = newAppointment(entry, 'PROPOSED', { proposalReason });
      const clock = contactClock(s, now, 'DEFERRAL', context);
      const next: ReferralSnapshot = {
        ...s,
        state: 'DEFERRED_TO_PROVIDER',
        stateReason: redirect?.code ?? proposalReason,
        stateComment: comment.value,
        shortlist: target.value.shortlist,
        appointment,
        providerOrganisationIds: addProvider(
          s.providerOrganisationIds,
          entry.providerOrganisationId,
        ),
        patientContactBy: clock.contactBy,
        returnedToReferrer: false,
      };
      const effects: ReferralEffect[] = [{ type: 'NEW_APPOINTMENT', appointment }, clock.effect];
      if (sideOf(actor) !== 'PATIENT') {
        effects.push(notify('PATIENT', null, 'DEFER_TO_PROVIDER', 'DEFERRED_TO_PROVIDER'));
      }
      return ok({ next, effects });
    },
  },

  SEND_FOR_TRIAGE: {
    guard: (s) =>
      s.shortlist.some(
        (e) => e.requestFlow === 'TRIAGE_REQUEST' && e.priorities.includes(s.priority),
      )
        ? null
        : refuse('SERVICE_NOT_SUITABLE', { field: 'shortlist' }),
    choices: (s) => ({
      serviceIds: s.shortlist
        .filter((e) => e.requestFlow === 'TRIAGE_REQUEST' && e.priorities.includes(s.priority))
        .map((e) => e.serviceId),
    }),
    apply(s, event, _actor, now, context) {
      const entry = s.shortlist.find((e) => e.serviceId === event.serviceId);
      if (!entry) return err(refuse('SERVICE_NOT_ON_SHORTLIST', { field: 'serviceId' }));
      if (entry.requestFlow !== 'TRIAGE_REQUEST') {
        return err(refuse('SERVICE_NOT_SUITABLE', { field: 'serviceId' }));
      }
      if (!entry.priorities.includes(s.priority)) {
        return err(
          refuse('UNSUPPORTED_PRIORITY', { field: 'serviceId', details: { priority: s.priority } }),
        );
      }
      const comment = checkComment(event.comment, false);
      if (!comment.ok) return comment;
      const appointment = newAppointment(entry, 'PROPOSED', { proposalReason: 'TRIAGE' });
      const clock = contactClock(s, now, 'TRIAGE', context);
      const next: ReferralSnapshot = {
        ...s,
        state: 'AWAITING_TRIAGE',
        stateReason: 'TRIAGE',
        stateComment: comment.value,
        appointment,
        providerOrganisationIds: addProvider(
          s.providerOrganisationIds,
          entry.providerOrganisationId,
        ),
        patientContactBy: clock.contactBy,
        returnedToReferrer: false,
      };
      return ok({
        next,
        effects: [
          { type: 'NEW_APPOINTMENT', appointment },
          clock.effect,
          notify('PATIENT', null, 'SEND_FOR_TRIAGE', 'AWAITING_TRIAGE'),
        ],
      });
    },
  },

  ACCEPT: {
    // Review needs the clinical information: not while the letter is still to follow.
    guard: (s) => acceptRefusalForLetter(s),
    apply(s, event, actor) {
      const comment = checkComment(event.comment, false);
      if (!comment.ok) return comment;
      const next: ReferralSnapshot = {
        ...s,
        state: 'ACCEPTED',
        stateReason: null,
        stateComment: comment.value,
        acceptedByOrganisationId: actor.organisationId,
        letterChangedSinceAcceptance: false,
        priorityChangedSinceAcceptance: false,
      };
      return ok({ next, effects: [] });
    },
  },

  REJECT: {
    choices: (_s, actor, today) => ({
      reasons: reasonChoices(EVENT_REASON_CATALOGUE.REJECT, actor.role, today),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.REJECT,
        event.reason,
        event.comment,
        actor,
        localDate(now, context.timeZone),
      );
      if (!given.ok) return given;
      const { reason, comment } = given.value;
      const pas = checkPasAnswer(s, event.appointmentCancelledInPas);
      if (!pas.ok) return pas;
      const next: ReferralSnapshot = {
        ...s,
        state: 'REJECTED',
        stateReason: reason.code,
        stateComment: comment,
        appointment: withStatus(s.appointment, 'CANCELLED'),
        acceptedByOrganisationId: null,
        letterChangedSinceAcceptance: false,
        priorityChangedSinceAcceptance: false,
        pasCancellationPendingOrganisationId: pas.value,
      };
      return ok({
        next,
        effects: [
          ...cancelBookedAppointment(s.appointment, reason.code, now),
          notify('REFERRER', s.referringOrganisationId, 'REJECT', 'REJECTED'),
          notify('PATIENT', null, 'REJECT', 'REJECTED'),
        ],
      });
    },
  },

  CANCEL_APPOINTMENT_ACTION_LATER: {
    apply(s, event, actor, now) {
      const comment = checkComment(event.comment, true);
      if (!comment.ok) return comment;
      const priority = checkNewPriority(event.newPriority);
      if (!priority.ok) return priority;
      const pas = checkPasAnswer(s, event.appointmentCancelledInPas);
      if (!pas.ok) return pas;
      const next: ReferralSnapshot = {
        ...s,
        state: 'TRIAGED_PROVIDER_TO_ACTION',
        stateReason: 'CANCEL_APPOINTMENT_ACTION_LATER',
        stateComment: comment.value,
        priority: priority.value ?? s.priority,
        appointment: withStatus(s.appointment, 'CANCELLED'),
        acceptedByOrganisationId: actor.organisationId,
        letterChangedSinceAcceptance: false,
        priorityChangedSinceAcceptance: false,
        pasCancellationPendingOrganisationId: pas.value,
      };
      return ok({
        next,
        effects: [
          ...cancelBookedAppointment(s.appointment, 'CANCEL_APPOINTMENT_ACTION_LATER', now),
          notify('PATIENT', null, 'CANCEL_APPOINTMENT_ACTION_LATER', 'TRIAGED_PROVIDER_TO_ACTION'),
        ],
      });
    },
  },

  RECORD_TRIAGE_OUTCOME: {
    choices: (_s, actor, today) => ({
      reasons: reasonChoices(EVENT_REASON_CATALOGUE.RECORD_TRIAGE_OUTCOME, actor.role, today),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.RECORD_TRIAGE_OUTCOME,
        event.outcome,
        event.comment,
        actor,
        localDate(now, context.timeZone),
        'outcome',
      );
      if (!given.ok) return given;
      const { reason: outcome, comment } = given.value;
      const priority = checkNewPriority(event.newPriority);
      if (!priority.ok) return priority;
      if (
        priority.value !== null &&
        priority.value !== s.priority &&
        !newPriorityAllowed('RECORD_TRIAGE_OUTCOME', outcome.code)
      ) {
        return err(refuse('PRIORITY_NOT_CURRENT', { field: 'newPriority' }));
      }
      if (outcome.code === 'RETURN_TO_REFERRER_WITH_ADVICE') {
        const next: ReferralSnapshot = {
          ...s,
          state: 'TRIAGE_RESPONSE',
          stateReason: outcome.code,
          stateComment: comment,
          appointment: withStatus(s.appointment, 'CANCELLED'),
          patientContactBy: null,
          acceptedByOrganisationId: null,
          letterChangedSinceAcceptance: false,
          priorityChangedSinceAcceptance: false,
        };
        return ok({
          next,
          effects: [
            ...stopContactClock(s),
            notify(
              'REFERRER',
              s.referringOrganisationId,
              'RECORD_TRIAGE_OUTCOME',
              'TRIAGE_RESPONSE',
            ),
          ],
        });
      }
      const next: ReferralSnapshot = {
        ...s,
        state: 'TRIAGED_PROVIDER_TO_ACTION',
        stateReason: outcome.code,
        stateComment: comment,
        priority: priority.value ?? s.priority,
        acceptedByOrganisationId: actor.organisationId,
        letterChangedSinceAcceptance: false,
        priorityChangedSinceAcceptance: false,
      };
      return ok({ next, effects: [] });
    },
  },

  CANCEL_APPOINTMENT: {
    guard: (s, actor) =>
      sideOf(actor) !== 'PROVIDER' && s.appointment?.bookableType !== 'DIRECTLY_BOOKABLE'
        ? refuse('INVALID_REQUEST_STATE', {
            message: 'This appointment was booked by phone. Contact the provider to cancel it.',
            details: { state: s.state },
          })
        : null,
    choices: (_s, actor, today) => ({
      reasons: reasonChoices(EVENT_REASON_CATALOGUE.CANCEL_APPOINTMENT, actor.role, today),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.CANCEL_APPOINTMENT,
        event.reason,
        event.comment,
        actor,
        localDate(now, context.timeZone),
      );
      if (!given.ok) return given;
      const { reason, comment } = given.value;
      const cancelled = withStatus(s.appointment, 'CANCELLED');
      if (reason.endsReferral) {
        return ok(endReferral(s, actor, 'CANCEL_APPOINTMENT', reason, comment, cancelled, now));
      }
      const state: ReferralState =
        reason.type === 'PROVIDER' ? 'APPT_CANCELLED_BY_PROVIDER' : 'APPT_CANCELLED_BY_PATIENT';
      const next: ReferralSnapshot = {
        ...s,
        state,
        stateReason: reason.code,
        stateComment: comment,
        appointment: cancelled,
      };
      const effects = cancelBookedAppointment(s.appointment, reason.code, now, reason.slotReusable);
      if (sideOf(actor) === 'PROVIDER') {
        effects.push(
          notify('REFERRER', s.referringOrganisationId, 'CANCEL_APPOINTMENT', state),
          notify('PATIENT', null, 'CANCEL_APPOINTMENT', state),
        );
      } else {
        effects.push(notify('PROVIDER', currentProvider(s), 'CANCEL_APPOINTMENT', state));
      }
      return ok({ next, effects });
    },
  },

  RECORD_DID_NOT_ATTEND: {
    guard: (s, _actor, now) =>
      s.appointment?.start != null && now.getTime() < s.appointment.start.getTime()
        ? refuse('APPOINTMENT_NOT_YET_DUE')
        : null,
    choices: (_s, actor, today) => ({
      reasons: reasonChoices(EVENT_REASON_CATALOGUE.RECORD_DID_NOT_ATTEND, actor.role, today),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.RECORD_DID_NOT_ATTEND,
        event.reason,
        event.comment,
        actor,
        localDate(now, context.timeZone),
      );
      if (!given.ok) return given;
      const { reason, comment } = given.value;
      if (typeof event.returnToReferrer !== 'boolean') {
        return err(refuse('BAD_USER_INPUT', { field: 'returnToReferrer' }));
      }
      const missed = withStatus(s.appointment, 'DID_NOT_ATTEND');
      if (reason.endsReferral) {
        return ok(endReferral(s, actor, 'RECORD_DID_NOT_ATTEND', reason, comment, missed, now));
      }
      const next: ReferralSnapshot = {
        ...s,
        state: 'DID_NOT_ATTEND',
        stateReason: reason.code,
        stateComment: comment,
        appointment: missed,
        returnedToReferrer: event.returnToReferrer,
      };
      const effects: ReferralEffect[] = event.returnToReferrer
        ? [notify('REFERRER', s.referringOrganisationId, 'RECORD_DID_NOT_ATTEND', 'DID_NOT_ATTEND')]
        : [];
      return ok({ next, effects });
    },
  },

  RECORD_ASSESSMENT_OUTCOME: {
    guard: (s) =>
      s.appointment?.appointmentType === 'ASSESSMENT_SERVICE'
        ? null
        : refuse('SERVICE_NOT_SUITABLE', {
            message: 'Only a clinical assessment service can record an assessment outcome.',
          }),
    choices: (_s, actor, today) => ({
      reasons: reasonChoices(EVENT_REASON_CATALOGUE.RECORD_ASSESSMENT_OUTCOME, actor.role, today),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.RECORD_ASSESSMENT_OUTCOME,
        event.outcome,
        event.comment,
        actor,
        localDate(now, context.timeZone),
        'outcome',
      );
      if (!given.ok) return given;
      const { reason: outcome, comment } = given.value;
      const next: ReferralSnapshot = {
        ...s,
        state: 'ASSESSMENT_RESULT',
        stateReason: outcome.code,
        stateComment: comment,
        appointment: withStatus(s.appointment, 'FULFILLED'),
        returnedToReferrer: outcome.returnsToReferrer,
      };
      const effects: ReferralEffect[] = outcome.returnsToReferrer
        ? [
            notify(
              'REFERRER',
              s.referringOrganisationId,
              'RECORD_ASSESSMENT_OUTCOME',
              'ASSESSMENT_RESULT',
            ),
          ]
        : [];
      return ok({ next, effects });
    },
  },

  CANCEL_REFERRAL: {
    choices: (s, actor, today) => ({
      reasons: reasonChoices(
        EVENT_REASON_CATALOGUE.CANCEL_REFERRAL,
        actor.role,
        today,
        cancellationTypes(s, actor),
      ),
    }),
    apply(s, event, actor, now, context) {
      const given = checkReasonAndComment(
        EVENT_REASON_CATALOGUE.CANCEL_REFERRAL,
        event.reason,
        event.comment,
        actor,
        localDate(now, context.timeZone),
        'reason',
        cancellationTypes(s, actor),
      );
      if (!given.ok) return given;
      const { reason, comment } = given.value;
      const appointment =
        s.appointment && (s.appointment.status === 'BOOKED' || s.appointment.status === 'PROPOSED')
          ? withStatus(s.appointment, 'CANCELLED')
          : s.appointment;
      return ok(endReferral(s, actor, 'CANCEL_REFERRAL', reason, comment, appointment, now));
    },
  },

  CHANGE_SHORTLIST: {
    apply(s, event) {
      const priority = event.priority ?? s.priority;
      if (!isPriority(priority)) return err(refuse('INVALID_PRIORITY', { field: 'priority' }));
      const invalid = validateShortlist(event.shortlist, priority);
      if (invalid) return err(invalid);
      const before = s.shortlist.map((e) => e.serviceId).sort();
      const after = event.shortlist.map((e) => e.serviceId).sort();
      if (priority === s.priority && before.join('\n') === after.join('\n')) {
        return err(refuse('NO_CHANGES_DETECTED'));
      }
      const next: ReferralSnapshot = {
        ...s,
        shortlist: event.shortlist,
        priority,
        priorityChangedSinceAcceptance:
          s.priorityChangedSinceAcceptance ||
          (s.acceptedByOrganisationId !== null && priority !== s.priority),
      };
      return ok({ next, effects: [] });
    },
  },

  ATTACH_REFERRAL_LETTER: {
    apply(s, event) {
      const ids = Array.isArray(event.documentIds) ? event.documentIds : [];
      if (ids.length === 0 || ids.some((id) => typeof id !== 'string' || id.trim() === '')) {
        return err(refuse('LETTER_REQUIRED', { field: 'documentIds' }));
      }
      const next: ReferralSnapshot = {
        ...s,
        state: s.state === 'ACCEPTED' ? 'BOOKED' : s.state,
        letterStatus: 'ATTACHED',
        letterDueDate: null,
        letterDueAt: null,
        letterChangedSinceAcceptance: s.acceptedByOrganisationId !== null,
      };
      const effects: ReferralEffect[] = [...stopLetterClock(s)];
      const active = s.appointment;
      if (active && (active.status === 'BOOKED' || active.status === 'PROPOSED')) {
        effects.push(
          notify('PROVIDER', active.providerOrganisationId, 'ATTACH_REFERRAL_LETTER', next.state),
        );
      }
      return ok({ next, effects });
    },
  },

  CREATE_ONWARD_REFERRAL: {
    apply(s, event) {
      const ubrn = typeof event.onwardUbrn === 'string' ? parseUbrn(event.onwardUbrn) : null;
      if (ubrn === null) return err(refuse('INVALID_UBRN', { field: 'onwardUbrn' }));
      if (ubrn === s.ubrn || s.onwardReferralUbrns.includes(ubrn)) {
        return err(
          refuse('BAD_USER_INPUT', {
            field: 'onwardUbrn',
            message: 'An onward referral needs a new booking reference (UBRN).',
          }),
        );
      }
      const next: ReferralSnapshot = {
        ...s,
        onwardReferralUbrns: [...s.onwardReferralUbrns, ubrn],
      };
      return ok({ next, effects: [{ type: 'CREATE_ONWARD_REFERRAL', fromUbrn: s.ubrn, ubrn }] });
    },
  },

  CONFIRM_PAS_CANCELLATION: {
    anyProvider: true,
    guard: (s, actor) =>
      s.pasCancellationPendingOrganisationId === actor.organisationId ? null : stateError(s),
    apply(s) {
      return ok({ next: { ...s, pasCancellationPendingOrganisationId: null }, effects: [] });
    },
  },

  ACKNOWLEDGE: {
    guard: (s) => (s.returnedToReferrer ? null : stateError(s)),
    apply(s) {
      return ok({ next: { ...s, returnedToReferrer: false }, effects: [] });
    },
  },
};

/** The referral-cancellation reason types an actor may use in the referral's state. */
function cancellationTypes(
  snapshot: ReferralSnapshot,
  actor: Actor,
): readonly ReasonType[] | undefined {
  if (sideOf(actor) !== 'PROVIDER') return undefined;
  return snapshot.state === 'TRIAGED_PROVIDER_TO_ACTION'
    ? ['PROVIDER_TRIAGE']
    : ['PROVIDER', 'PATIENT'];
}

/** Why the actor may not make this kind of event now, ignoring the event's own details. */
function actionRefusal(
  type: ReferralEventType,
  snapshot: ReferralSnapshot,
  actor: Actor,
  now: Date,
): DomainError | null {
  const rule = RULES[type] as Rule<ReferralEvent>;
  const table = REFERRAL_TRANSITIONS[type];
  return (
    tableRefusal(table, snapshot, actor, { anyProvider: rule.anyProvider ?? false }) ??
    rule.guard?.(snapshot, actor, now) ??
    null
  );
}

const membershipKey = (m: WorklistMembership) => `${m.worklist}\u0000${m.organisationId}`;

/** Effects that move a referral between worklists, from the difference of membership. */
function worklistEffects(
  before: ReferralSnapshot | null,
  after: ReferralSnapshot,
): ReferralEffect[] {
  const was = new Map((before ? referralWorklists(before) : []).map((m) => [membershipKey(m), m]));
  const is = new Map(referralWorklists(after).map((m) => [membershipKey(m), m]));
  const effects: ReferralEffect[] = [];
  for (const [key, m] of was) {
    if (!is.has(key)) effects.push({ type: 'TAKE_OFF_WORKLIST', ...m });
  }
  for (const [key, m] of is) {
    if (!was.has(key)) effects.push({ type: 'PUT_ON_WORKLIST', ...m });
  }
  return effects;
}

/** Versions a draft, stamps its times, and adds its worklist effects. */
function commit(before: ReferralSnapshot | null, draft: Draft, now: Date): TransitionOutcome {
  const stateChanged = before === null || before.state !== draft.next.state;
  const snapshot: ReferralSnapshot = {
    ...draft.next,
    version: before === null ? 1 : before.version + 1,
    lastActivityAt: now,
    stateChangedAt: stateChanged ? now : draft.next.stateChangedAt,
  };
  return { snapshot, effects: [...draft.effects, ...worklistEffects(before, snapshot)] };
}

/**
 * Applies an event to a referral: checks relationship, version, role, state and the event's own
 * preconditions, then returns the next snapshot (version + 1) and the effects to perform, or a
 * typed error. Pure: the snapshot and event are not changed, nothing is performed.
 *
 * @param snapshot the referral as it is now
 * @param event what the actor wants to do, with the facts the domain cannot look up
 * @param actor who is acting
 * @param now the current instant
 * @param context the time zone and holiday calendar dates are computed in
 */
export function transition(
  snapshot: ReferralSnapshot,
  event: ReferralEvent,
  actor: Actor,
  now: Date,
  context: ReferralContext,
): TransitionResult {
  if (!hasLegitimateRelationship(snapshot, actor)) return err(refuse('NO_RELATIONSHIP'));
  if (event.expectedVersion != null && event.expectedVersion !== snapshot.version) {
    return err(refuse('STALE_VERSION', { details: { currentVersion: snapshot.version } }));
  }
  const type = event.type as ReferralEventType;
  if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(type)) {
    return err(refuse('BAD_USER_INPUT', { field: 'type' }));
  }
  const refusal = actionRefusal(type, snapshot, actor, now);
  if (refusal) return err(refusal);
  const rule = RULES[type] as Rule<ReferralEvent>;
  const draft = rule.apply(snapshot, event, actor, now, context);
  if (!draft.ok) return draft;
  return ok(commit(snapshot, draft.value, now));
}

/**
 * The events `actor` could make on the referral now, with the reasons and services to offer.
 * It runs the same role, relationship, state and action guards as {@link transition}; what it
 * cannot know in advance is the event's own details (a comment, whether a slot is still free).
 *
 * @param options.timeZone the zone "today" is read in for reason effective dates (default London)
 */
export function allowedActions(
  snapshot: ReferralSnapshot,
  actor: Actor,
  now: Date,
  options: { timeZone?: string } = {},
): AllowedAction[] {
  if (!hasLegitimateRelationship(snapshot, actor)) return [];
  const today = localDate(now, options.timeZone ?? DEFAULT_TIME_ZONE);
  const actions: AllowedAction[] = [];
  for (const type of REFERRAL_EVENT_TYPES) {
    if (actionRefusal(type, snapshot, actor, now)) continue;
    const rule = RULES[type] as Rule<ReferralEvent>;
    const choices = rule.choices?.(snapshot, actor, today) ?? {};
    const reasons = choices.reasons ?? [];
    const redirectReasons = choices.redirectReasons ?? [];
    const priority = EVENT_NEW_PRIORITY[type];
    actions.push({
      type,
      reasons,
      serviceIds: choices.serviceIds ?? [],
      mayRedirect: choices.mayRedirect ?? false,
      redirectFromServiceId:
        reasonCatalogueOf(type) === 'REDIRECT' ? redirectFrom(snapshot, actor) : null,
      redirectReasons,
      comment: commentRuleFor(type, reasons),
      newPriorities: priority ? newPriorityChoices(snapshot.priority) : [],
      newPriorityOnlyWithReason: priority?.onlyWithReason ?? null,
      pasAnswerRequired: PAS_ANSWER_EVENTS.includes(type) && pasAnswerRequired(snapshot),
    });
  }
  return actions;
}

/**
 * Whether one kind of event is allowed now (see {@link allowedActions}); returns the refusal
 * it would get otherwise, or `null`.
 */
export function actionRefusalFor(
  type: ReferralEventType,
  snapshot: ReferralSnapshot,
  actor: Actor,
  now: Date,
): DomainError | null {
  if (!hasLegitimateRelationship(snapshot, actor)) return refuse('NO_RELATIONSHIP');
  return actionRefusal(type, snapshot, actor, now);
}

/** Warnings about a referral that is allowed but probably not what the referrer meant. */
export type ReferralWarning = 'SINGLE_TRIAGE_SERVICE_FOR_URGENT_REFERRAL';

/** What a referrer (or a provider making an onward referral) submits to create a referral (T1). */
export interface CreateReferralCommand {
  /** A new UBRN allocated by the server (`generateUbrn` or `ubrnFromSequence`). */
  readonly ubrn: string;
  readonly patientId: string;
  /** From the patient's demographics: referrals need a registered GP practice. */
  readonly patientHasRegisteredGp: boolean;
  readonly priority: Priority;
  readonly shortlist: readonly ShortlistEntry[];
  /** Whether the letter is attached now, to follow, or not intended. */
  readonly letterStatus: LetterStatus;
  /**
   * Clinical information typed with the referral. A referral needs it, an attached letter, or a
   * letter to follow (see `clinicalInformationProblems`).
   */
  readonly clinicalInformation: string | null;
  /** How many letter documents are attached with the referral. */
  readonly letterDocumentCount: number;
  /**
   * For a letter to follow: the UK date it is due, today at the earliest and no later than the
   * priority allows; the latest allowed when absent.
   */
  readonly letterDueDate?: string | null;
  readonly commissioningOrganisationId?: string | null;
  /** A referral-to-treatment pathway start in the past, no more than 365 days ago. */
  readonly pathwayStart?: string | null;
  /** For an onward referral (T18): the referral it comes from. */
  readonly parentUbrn?: string | null;
  /** For a referral converted from Advice & Guidance on the same UBRN. */
  readonly convertedFromAdvice?: boolean;
}

/** A created referral, its effects and any warnings. */
export interface CreateReferralOutcome extends TransitionOutcome {
  readonly warnings: readonly ReferralWarning[];
}

/** The furthest back a pathway start may be (reference §11). */
export const MAX_PATHWAY_START_AGE_DAYS = 365;

/**
 * Creates a referral in NOT_BOOKED (T1). Referring clinicians and their admins create referrals
 * (an admin names the clinician in `actor.onBehalfOfUserId`); provider clinicians create onward
 * referrals (with `parentUbrn`), for which their organisation becomes the referrer.
 */
export function createReferral(
  command: CreateReferralCommand,
  actor: Actor,
  now: Date,
  context: ReferralContext,
): Result<CreateReferralOutcome> {
  const onward = command.parentUbrn != null;
  const creators: readonly Role[] = onward ? [SPC, SPCA] : [RC, RCA];
  if (!creators.includes(actor.role)) return err(refuse('FORBIDDEN'));
  const needsOnBehalf = actor.role === RCA || actor.role === SPCA;
  if (needsOnBehalf && !actor.onBehalfOfUserId) {
    return err(refuse('ON_BEHALF_OF_REQUIRED', { field: 'onBehalfOfUserId' }));
  }
  const ubrn = parseUbrn(command.ubrn ?? '');
  if (ubrn === null) return err(refuse('INVALID_UBRN', { field: 'ubrn' }));
  if (onward && parseUbrn(command.parentUbrn ?? '') === null) {
    return err(refuse('INVALID_UBRN', { field: 'parentUbrn' }));
  }
  if (command.patientHasRegisteredGp !== true)
    return err(refuse('NO_REG_GP_PRACTICE', { field: 'patient' }));
  if (!isPriority(command.priority)) return err(refuse('INVALID_PRIORITY', { field: 'priority' }));
  const invalid = validateShortlist(command.shortlist, command.priority);
  if (invalid) return err(invalid);
  const noClinicalInformation = clinicalInformationRefusal(
    {
      clinicalInformation: command.clinicalInformation,
      letterStatus: command.letterStatus,
      letterDocumentCount: command.letterDocumentCount,
      letterDueDate: command.letterDueDate ?? null,
      priority: command.priority,
      convertedFromAdvice: command.convertedFromAdvice ?? false,
    },
    now,
    context,
  );
  if (noClinicalInformation) return err(noClinicalInformation);
  const today = localDate(now, context.timeZone);
  let pathwayStart = today;
  if (command.pathwayStart != null) {
    const age = isIsoDate(command.pathwayStart)
      ? calendarDaysBetween(command.pathwayStart, today)
      : -1;
    if (age < 0 || age > MAX_PATHWAY_START_AGE_DAYS) {
      return err(refuse('INVALID_PATHWAY_START', { field: 'pathwayStart' }));
    }
    pathwayStart = command.pathwayStart;
  }
  const latestDue =
    command.letterStatus === 'NEED_TO_ADD_LATER'
      ? referralLetterDue(now, command.priority, context)
      : null;
  // The referrer's due date (checked above to lie between today and the latest allowed).
  const letterDue =
    latestDue && command.letterDueDate != null
      ? {
          dueDate: command.letterDueDate,
          dueAt: startOfLocalDay(addCalendarDays(command.letterDueDate, 1), context.timeZone),
        }
      : latestDue;
  const snapshot: ReferralSnapshot = {
    ubrn,
    version: 0,
    state: 'NOT_BOOKED',
    stateReason: null,
    stateComment: null,
    stateChangedAt: now,
    createdAt: now,
    lastActivityAt: now,
    priority: command.priority,
    patientId: command.patientId,
    referringOrganisationId: actor.organisationId,
    referringClinicianId: needsOnBehalf ? actor.onBehalfOfUserId! : actor.userId,
    commissioningOrganisationId: command.commissioningOrganisationId ?? null,
    pathwayStart,
    shortlist: command.shortlist,
    appointment: null,
    providerOrganisationIds: [],
    letterStatus: command.letterStatus,
    letterDueDate: letterDue?.dueDate ?? null,
    letterDueAt: letterDue?.dueAt ?? null,
    acceptedByOrganisationId: null,
    letterChangedSinceAcceptance: false,
    priorityChangedSinceAcceptance: false,
    patientContactBy: null,
    returnedToReferrer: false,
    pasCancellationPendingOrganisationId: null,
    parentUbrn: onward ? parseUbrn(command.parentUbrn!) : null,
    onwardReferralUbrns: [],
    convertedFromAdvice: command.convertedFromAdvice ?? false,
  };
  const effects: ReferralEffect[] = letterDue
    ? [{ type: 'START_LETTER_DUE_CLOCK', dueDate: letterDue.dueDate, dueAt: letterDue.dueAt }]
    : [];
  const warnings: ReferralWarning[] = [];
  const [only] = command.shortlist;
  if (
    command.priority !== 'ROUTINE' &&
    command.shortlist.length === 1 &&
    only?.requestFlow === 'TRIAGE_REQUEST'
  ) {
    warnings.push('SINGLE_TRIAGE_SERVICE_FOR_URGENT_REFERRAL');
  }
  return ok({ ...commit(null, { next: snapshot, effects }, now), warnings });
}

/**
 * Builds the referral that a provider's conversion of an Advice & Guidance request creates on
 * the same UBRN: provider to action (on its Appointments for Booking worklist), accepted by the
 * converting provider, with the new priority and the conversion comment. Used by the advice
 * machine; exported for servers that import conversions.
 */
export function referralConvertedByProvider(
  input: {
    readonly ubrn: string;
    readonly patientId: string;
    readonly referringOrganisationId: string;
    readonly referringClinicianId: string;
    readonly commissioningOrganisationId: string | null;
    readonly priority: Priority;
    readonly service: ShortlistEntry;
    readonly comment: string | null;
  },
  now: Date,
  timeZone: string,
): TransitionOutcome {
  const appointment = newAppointment(input.service, 'PROPOSED');
  const snapshot: ReferralSnapshot = {
    ubrn: input.ubrn,
    version: 0,
    state: 'TRIAGED_PROVIDER_TO_ACTION',
    stateReason: 'ADVICE_CONVERTED',
    stateComment: input.comment,
    stateChangedAt: now,
    createdAt: now,
    lastActivityAt: now,
    priority: input.priority,
    patientId: input.patientId,
    referringOrganisationId: input.referringOrganisationId,
    referringClinicianId: input.referringClinicianId,
    commissioningOrganisationId: input.commissioningOrganisationId,
    pathwayStart: localDate(now, timeZone),
    shortlist: [input.service],
    appointment,
    providerOrganisationIds: [input.service.providerOrganisationId],
    letterStatus: 'NOT_INTENDING_TO_ADD',
    letterDueDate: null,
    letterDueAt: null,
    acceptedByOrganisationId: input.service.providerOrganisationId,
    letterChangedSinceAcceptance: false,
    priorityChangedSinceAcceptance: false,
    patientContactBy: null,
    returnedToReferrer: false,
    pasCancellationPendingOrganisationId: null,
    parentUbrn: null,
    onwardReferralUbrns: [],
    convertedFromAdvice: true,
  };
  return commit(null, { next: snapshot, effects: [{ type: 'NEW_APPOINTMENT', appointment }] }, now);
}
