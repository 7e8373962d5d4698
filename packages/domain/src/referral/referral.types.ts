import type { ReferralParties } from '../access/index.js';
import type { AppointmentType, BookableType, RequestFlow } from '../directory/index.js';
import type {
  AppointmentCancellationReasonCode,
  AssessmentOutcomeCode,
  DidNotAttendReasonCode,
  Priority,
  RedirectReasonCode,
  ReferralCancellationReasonCode,
  RejectionReasonCode,
  TriageOutcomeCode,
} from '../reference/index.js';
import type { BookingPolicy, Slot } from '../slots/index.js';
import type { WorklistCode } from '../worklists/worklist-codes.js';

/**
 * Referral states (reference §4.1) plus `ACCEPTED`: a booked referral a provider clinician has
 * reviewed and accepted as it stands.
 */
export const REFERRAL_STATES = [
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
  'CANCELLED_REFERRAL',
] as const;

/** A referral state. */
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** States no event leaves. */
export const TERMINAL_REFERRAL_STATES: readonly ReferralState[] = ['CANCELLED_REFERRAL'];

/** Whether a state is terminal (no event leaves it). */
export function isTerminalReferralState(state: ReferralState): boolean {
  return TERMINAL_REFERRAL_STATES.includes(state);
}

/**
 * What the referrer said about the referral letter: attached, to be added later (starts the
 * letter-due clock and the Letters Outstanding worklist), or not intending to add one.
 */
export const LETTER_STATUSES = ['ATTACHED', 'NEED_TO_ADD_LATER', 'NOT_INTENDING_TO_ADD'] as const;
/** A referral letter status. */
export type LetterStatus = (typeof LETTER_STATUSES)[number];

/**
 * Statuses of the current appointment: `PROPOSED` while the provider is to arrange it (deferred,
 * sent for triage, accepted to book later), `BOOKED`, then `CANCELLED`, `DID_NOT_ATTEND` or
 * `FULFILLED` (a clinical assessment was recorded).
 */
export const APPOINTMENT_STATUSES = [
  'PROPOSED',
  'BOOKED',
  'CANCELLED',
  'DID_NOT_ATTEND',
  'FULFILLED',
] as const;
/** An appointment status. */
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** Why an appointment is only proposed (reference §3): the reasons for a slot issue, or triage. */
export const PROPOSAL_REASONS = [
  'NO_SLOTS_AT_SERVICE',
  'SLOT_NOT_AVAILABLE',
  'BOOKING_ATTEMPT_PROBLEM',
  'TRIAGE',
] as const;
/** A proposal reason. */
export type ProposalReason = (typeof PROPOSAL_REASONS)[number];

/** The reasons a booking attempt can fail and lead to a deferral instead (T3 b and c). */
export type BookingAttemptFailure = 'SLOT_NOT_AVAILABLE' | 'BOOKING_ATTEMPT_PROBLEM';

/**
 * A service on a referral's shortlist, with the directory facts the rules need. The server
 * fills these from the Directory of Services when it builds a snapshot.
 */
export interface ShortlistEntry {
  readonly serviceId: string;
  readonly providerOrganisationId: string;
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly appointmentType: AppointmentType;
  /** The priorities the service accepts. */
  readonly priorities: readonly Priority[];
  /**
   * The version of the service's definition the referral was made against (its Directory of
   * Services entry may change later); absent on entries recorded before versions existed.
   */
  readonly serviceVersion?: number;
}

/**
 * The referral's current appointment (at most one at a time; reference §3). It stays after it
 * is cancelled or missed, as the record of which provider last had the referral.
 */
export interface CurrentAppointment {
  readonly serviceId: string;
  readonly providerOrganisationId: string;
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly appointmentType: AppointmentType;
  readonly status: AppointmentStatus;
  /** Why the appointment is only proposed; `null` for a booking or an advice conversion. */
  readonly proposalReason: ProposalReason | null;
  /** The booked slot; `null` when proposed, or booked at an indirectly bookable service. */
  readonly slotId: string | null;
  readonly start: Date | null;
  readonly end: Date | null;
  readonly clinicianId: string | null;
}

/**
 * Everything the referral rules need to know about one referral: a plain-data snapshot the
 * server builds from its rows and stores again after a transition. Instants are `Date`s,
 * calendar dates ISO strings.
 */
export interface ReferralSnapshot extends ReferralParties {
  readonly ubrn: string;
  /** Optimistic-concurrency version: 1 when created, +1 on every accepted event. */
  readonly version: number;
  readonly state: ReferralState;
  /** The coded reason given for the current state (a reason, outcome or proposal code). */
  readonly stateReason: string | null;
  /** The comment given with the current state; clinical content. */
  readonly stateComment: string | null;
  readonly stateChangedAt: Date;
  readonly createdAt: Date;
  /** The last time any event was accepted. */
  readonly lastActivityAt: Date;
  readonly priority: Priority;
  /** The referring clinician responsible (the RC an RCA acted for). */
  readonly referringClinicianId: string;
  /** The referral-to-treatment pathway start (UK date): the creation date unless overridden. */
  readonly pathwayStart: string;
  /** The shortlist: 1 to 20 distinct services. */
  readonly shortlist: readonly ShortlistEntry[];
  readonly appointment: CurrentAppointment | null;
  readonly letterStatus: LetterStatus;
  /** While the letter is to be added later: the last UK day it is on time. */
  readonly letterDueDate: string | null;
  /** While the letter is to be added later: the instant it becomes overdue. */
  readonly letterDueAt: Date | null;
  /**
   * The provider organisation whose clinician last accepted this referral (accept, CAAL, accept
   * to book later, advice conversion, or booking it themselves), or `null`.
   */
  readonly acceptedByOrganisationId: string | null;
  /** The letter changed since that acceptance (shown as LETTER_CHANGED on review). */
  readonly letterChangedSinceAcceptance: boolean;
  /** The priority changed since that acceptance (shown as PRIORITY_CHANGED on review). */
  readonly priorityChangedSinceAcceptance: boolean;
  /** After a deferral or triage send: the UK date by which the patient can expect contact. */
  readonly patientContactBy: string | null;
  /**
   * The provider handed the referral back to the referrer (did not attend returned,
   * assessment advice, cancelled outside the referring organisation) and the referrer has not
   * yet acknowledged it.
   */
  readonly returnedToReferrer: boolean;
  /**
   * An indirectly booked appointment was cancelled here but not yet in this provider
   * organisation's hospital system.
   */
  readonly pasCancellationPendingOrganisationId: string | null;
  /** The referral this one was created from by onward referral, if any. */
  readonly parentUbrn: string | null;
  /** Onward referrals created from this one (new, related UBRNs). */
  readonly onwardReferralUbrns: readonly string[];
  /** Whether the referral was converted from an Advice & Guidance request on the same UBRN. */
  readonly convertedFromAdvice: boolean;
}

/** Fields every event may carry. */
interface EventBase {
  /**
   * The version the client based the event on. When present and different from the snapshot's
   * version, the event is refused with `STALE_VERSION`.
   */
  readonly expectedVersion?: number | null;
}

/**
 * Book an appointment (T2; by a provider from its worklists, T10 and T11). For a directly
 * bookable service `slot` is the chosen slot as the server read it (it is checked again here);
 * for an indirectly bookable service it is `null` and the patient or provider arranges the time.
 * A provider may book a service that is not on the shortlist (a redirect; see README).
 */
export interface BookEvent extends EventBase {
  readonly type: 'BOOK';
  /** The service to book, with its directory facts. */
  readonly service: ShortlistEntry;
  /** That service's booking policy (windows and reservation). */
  readonly bookingPolicy: BookingPolicy;
  readonly slot: Slot | null;
  /** Needed when a provider moves the referral away from the service it was sent to. */
  readonly redirectReason?: RedirectReasonCode | null;
  readonly comment?: string | null;
}

/**
 * Defer to the provider (T3): only when the service has no bookable slot, or a booking attempt
 * failed. `bookableSlotsAvailable` is the server's answer to "does this service have a slot this
 * user could book now for this priority?".
 */
export interface DeferToProviderEvent extends EventBase {
  readonly type: 'DEFER_TO_PROVIDER';
  readonly service: ShortlistEntry;
  readonly bookableSlotsAvailable: boolean;
  /** Set when the deferral follows a failed booking attempt. */
  readonly bookingAttemptFailure?: BookingAttemptFailure | null;
  readonly redirectReason?: RedirectReasonCode | null;
  readonly comment?: string | null;
}

/** Send for triage to a referral assessment service on the shortlist (T4). */
export interface SendForTriageEvent extends EventBase {
  readonly type: 'SEND_FOR_TRIAGE';
  readonly serviceId: string;
  readonly comment?: string | null;
}

/** Accept a booked referral after review (T5). */
export interface AcceptEvent extends EventBase {
  readonly type: 'ACCEPT';
  readonly comment?: string | null;
}

/**
 * Reject a booked referral (T6). For an indirectly bookable service the provider must say
 * whether the appointment has already been cancelled in its hospital system.
 */
export interface RejectEvent extends EventBase {
  readonly type: 'REJECT';
  readonly reason: RejectionReasonCode;
  readonly comment?: string | null;
  readonly appointmentCancelledInPas?: boolean | null;
}

/** Cancel the appointment and action later (CAAL, T7). The comment is mandatory. */
export interface CancelAppointmentActionLaterEvent extends EventBase {
  readonly type: 'CANCEL_APPOINTMENT_ACTION_LATER';
  readonly comment: string;
  /** A new priority, if the reviewer changes it. */
  readonly newPriority?: Priority | null;
  readonly appointmentCancelledInPas?: boolean | null;
}

/** Record a triage outcome (T8 accept, refer or book later; T9 return to referrer with advice). */
export interface RecordTriageOutcomeEvent extends EventBase {
  readonly type: 'RECORD_TRIAGE_OUTCOME';
  readonly outcome: TriageOutcomeCode;
  readonly comment: string;
  /** Only with ACCEPT_REFER_BOOK_LATER; returning with advice cannot change the priority. */
  readonly newPriority?: Priority | null;
}

/** Cancel the booked appointment (T12 patient or referrer; T13 provider). */
export interface CancelAppointmentEvent extends EventBase {
  readonly type: 'CANCEL_APPOINTMENT';
  readonly reason: AppointmentCancellationReasonCode;
  readonly comment?: string | null;
}

/** Record that the patient did not attend (T14). */
export interface RecordDidNotAttendEvent extends EventBase {
  readonly type: 'RECORD_DID_NOT_ATTEND';
  readonly reason: DidNotAttendReasonCode;
  readonly comment?: string | null;
  /** Whether the provider returns the referral to the referrer rather than rebooking it. */
  readonly returnToReferrer: boolean;
}

/** Record the outcome of a clinical assessment service appointment (T15). */
export interface RecordAssessmentOutcomeEvent extends EventBase {
  readonly type: 'RECORD_ASSESSMENT_OUTCOME';
  readonly outcome: AssessmentOutcomeCode;
  readonly comment?: string | null;
}

/** Cancel the referral (T16): terminal. */
export interface CancelReferralEvent extends EventBase {
  readonly type: 'CANCEL_REFERRAL';
  readonly reason: ReferralCancellationReasonCode;
  readonly comment?: string | null;
}

/** Replace the shortlist, and optionally the priority (T17). */
export interface ChangeShortlistEvent extends EventBase {
  readonly type: 'CHANGE_SHORTLIST';
  readonly shortlist: readonly ShortlistEntry[];
  readonly priority?: Priority | null;
}

/** Attach or replace the referral letter (A012): at least one document must remain. */
export interface AttachReferralLetterEvent extends EventBase {
  readonly type: 'ATTACH_REFERRAL_LETTER';
  readonly documentIds: readonly string[];
}

/** Create an onward referral on a new, related UBRN (T18). The server allocates the UBRN. */
export interface CreateOnwardReferralEvent extends EventBase {
  readonly type: 'CREATE_ONWARD_REFERRAL';
  readonly onwardUbrn: string;
}

/** Confirm an indirectly booked appointment has been cancelled in the hospital system. */
export interface ConfirmPasCancellationEvent extends EventBase {
  readonly type: 'CONFIRM_PAS_CANCELLATION';
}

/** The referrer acknowledges a referral the provider handed back, taking it off their worklist. */
export interface AcknowledgeEvent extends EventBase {
  readonly type: 'ACKNOWLEDGE';
}

/** Every event the referral machine accepts, discriminated on `type`. */
export type ReferralEvent =
  | BookEvent
  | DeferToProviderEvent
  | SendForTriageEvent
  | AcceptEvent
  | RejectEvent
  | CancelAppointmentActionLaterEvent
  | RecordTriageOutcomeEvent
  | CancelAppointmentEvent
  | RecordDidNotAttendEvent
  | RecordAssessmentOutcomeEvent
  | CancelReferralEvent
  | ChangeShortlistEvent
  | AttachReferralLetterEvent
  | CreateOnwardReferralEvent
  | ConfirmPasCancellationEvent
  | AcknowledgeEvent;

/** A referral event type. */
export type ReferralEventType = ReferralEvent['type'];

/** Every referral event type, in the order of the transition table. */
export const REFERRAL_EVENT_TYPES = [
  'BOOK',
  'DEFER_TO_PROVIDER',
  'SEND_FOR_TRIAGE',
  'ACCEPT',
  'REJECT',
  'CANCEL_APPOINTMENT_ACTION_LATER',
  'RECORD_TRIAGE_OUTCOME',
  'CANCEL_APPOINTMENT',
  'RECORD_DID_NOT_ATTEND',
  'RECORD_ASSESSMENT_OUTCOME',
  'CANCEL_REFERRAL',
  'CHANGE_SHORTLIST',
  'ATTACH_REFERRAL_LETTER',
  'CREATE_ONWARD_REFERRAL',
  'CONFIRM_PAS_CANCELLATION',
  'ACKNOWLEDGE',
] as const satisfies readonly ReferralEventType[];

/** Who a notification is for. */
export type NotificationRecipient = 'REFERRER' | 'PROVIDER' | 'PATIENT';

/**
 * Effects the server must perform, in the same database transaction as storing the next
 * snapshot. They are data; the domain never performs them.
 */
export type ReferralEffect =
  /** Mark the slot booked for this referral (the database's unique constraint backs this). */
  | { readonly type: 'BOOK_SLOT'; readonly slotId: string; readonly serviceId: string }
  /** A new current appointment begins (store it; it replaces the previous one). */
  | { readonly type: 'NEW_APPOINTMENT'; readonly appointment: CurrentAppointment }
  /** Cancel the current booked appointment. */
  | {
      readonly type: 'CANCEL_APPOINTMENT';
      readonly serviceId: string;
      readonly slotId: string | null;
      readonly reason: string | null;
    }
  /** Return a slot to FREE so someone else can book it. */
  | { readonly type: 'RELEASE_SLOT'; readonly slotId: string }
  | {
      readonly type: 'PUT_ON_WORKLIST';
      readonly worklist: WorklistCode;
      readonly organisationId: string;
    }
  | {
      readonly type: 'TAKE_OFF_WORKLIST';
      readonly worklist: WorklistCode;
      readonly organisationId: string;
    }
  /** Tell someone what happened: `about` is the event, `state` the referral's new state. */
  | {
      readonly type: 'NOTIFY';
      readonly recipient: NotificationRecipient;
      /** The organisation to notify; `null` for the patient. */
      readonly organisationId: string | null;
      readonly about: ReferralEventType;
      readonly state: ReferralState;
    }
  /** Start (or restart) the referral-letter clock: remind and flag overdue at `dueAt`. */
  | { readonly type: 'START_LETTER_DUE_CLOCK'; readonly dueDate: string; readonly dueAt: Date }
  | { readonly type: 'STOP_LETTER_DUE_CLOCK' }
  /** Start the patient-contact clock: the provider should contact the patient by `contactBy`. */
  | {
      readonly type: 'START_PATIENT_CONTACT_CLOCK';
      readonly contactBy: string;
      /** The instant the contact date has passed (start of the UK day after `contactBy`). */
      readonly passedAt: Date;
    }
  | { readonly type: 'STOP_PATIENT_CONTACT_CLOCK' }
  /** Create a new referral related to this one, on `ubrn` (onward referral, T18). */
  | { readonly type: 'CREATE_ONWARD_REFERRAL'; readonly fromUbrn: string; readonly ubrn: string };

/** A referral effect type. */
export type ReferralEffectType = ReferralEffect['type'];
