import { isContactDatePassed, isLetterOverdue, startOfLocalDay } from '../dates/index.js';
import { compareSortKeys, type SortKey } from '../pagination/index.js';
import { priorityRank, type Priority } from '../reference/index.js';
import type { ReferralSnapshot, ReferralState } from '../referral/referral.types.js';
import type { WorklistCode, WorklistMembership } from './worklist-codes.js';

/**
 * Worklist rules for referrals (reference §5): which referrer and provider worklists a referral
 * is on, how entries sort and which flags they carry. The referral machine diffs
 * {@link referralWorklists} before and after every transition to produce its worklist effects,
 * so the effects and these rules cannot disagree.
 */

const AWAITING_BOOKING_STATES: readonly ReferralState[] = [
  'NOT_BOOKED',
  'AWAITING_TRIAGE',
  'DEFERRED_TO_PROVIDER',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
];

const APPOINTMENTS_FOR_BOOKING_STATES: readonly ReferralState[] = [
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
];

const RETURNED_STATES: readonly ReferralState[] = [
  'ASSESSMENT_RESULT',
  'CANCELLED_REFERRAL',
  'DID_NOT_ATTEND',
];

/**
 * The worklists a referral is on, with the organisation that owns each entry:
 *
 * Referrer (the referring organisation):
 * - LETTERS_OUTSTANDING: the letter is to be added later and the referral is not cancelled.
 * - AWAITING_BOOKING: no booked appointment yet (not booked, awaiting triage, deferred,
 *   provider to action, appointment cancelled, or did not attend and the provider will rebook).
 * - REJECTED_TRIAGE_RESPONSE: rejected, or returned from triage with advice.
 * - ASSESSMENT_RETURNED_CANCELLED_DNA: handed back (assessment advice, did not attend returned,
 *   cancelled outside the referring organisation) and not yet acknowledged.
 *
 * Provider (the organisation of the current appointment):
 * - REFERRALS_FOR_REVIEW: booked and awaiting clinical review, or awaiting triage.
 * - APPOINTMENT_SLOT_ISSUES: deferred to the provider.
 * - APPOINTMENTS_FOR_BOOKING: provider to action, appointment cancelled, or did not attend and
 *   not returned to the referrer.
 * - INDIRECTLY_BOOKED_APPOINTMENTS_TO_CANCEL: an indirectly booked appointment still to be
 *   cancelled in the hospital system (that provider's list, whatever the state).
 */
export function referralWorklists(referral: ReferralSnapshot): WorklistMembership[] {
  const lists: WorklistMembership[] = [];
  const referrer = (worklist: WorklistCode) =>
    lists.push({ worklist, organisationId: referral.referringOrganisationId });
  const provider = (worklist: WorklistCode) => {
    if (referral.appointment) {
      lists.push({ worklist, organisationId: referral.appointment.providerOrganisationId });
    }
  };
  const { state } = referral;
  const dnaKeptByProvider = state === 'DID_NOT_ATTEND' && !referral.returnedToReferrer;

  if (referral.letterStatus === 'NEED_TO_ADD_LATER' && state !== 'CANCELLED_REFERRAL') {
    referrer('LETTERS_OUTSTANDING');
  }
  if (AWAITING_BOOKING_STATES.includes(state) || dnaKeptByProvider) referrer('AWAITING_BOOKING');
  if (state === 'REJECTED' || state === 'TRIAGE_RESPONSE') referrer('REJECTED_TRIAGE_RESPONSE');
  if (referral.returnedToReferrer && RETURNED_STATES.includes(state)) {
    referrer('ASSESSMENT_RETURNED_CANCELLED_DNA');
  }

  if (state === 'BOOKED' || state === 'AWAITING_TRIAGE') provider('REFERRALS_FOR_REVIEW');
  if (state === 'DEFERRED_TO_PROVIDER') provider('APPOINTMENT_SLOT_ISSUES');
  if (APPOINTMENTS_FOR_BOOKING_STATES.includes(state) || dnaKeptByProvider) {
    provider('APPOINTMENTS_FOR_BOOKING');
  }
  if (referral.pasCancellationPendingOrganisationId !== null) {
    lists.push({
      worklist: 'INDIRECTLY_BOOKED_APPOINTMENTS_TO_CANCEL',
      organisationId: referral.pasCancellationPendingOrganisationId,
    });
  }
  return lists;
}

/**
 * Why a referral is on Referrals for Review (e-RS `requestContextStatus`): never reviewed by
 * this provider, or accepted before and the letter or priority changed since.
 */
export type RequestContextStatus =
  'NEVER_REVIEWED' | 'LETTER_CHANGED' | 'PRIORITY_CHANGED' | 'PRIORITY_AND_LETTER_CHANGED';

/** The review context of a referral, as the current provider sees it. */
export function requestContextStatus(referral: ReferralSnapshot): RequestContextStatus {
  const provider = referral.appointment?.providerOrganisationId ?? null;
  if (provider === null || referral.acceptedByOrganisationId !== provider) return 'NEVER_REVIEWED';
  const letter = referral.letterChangedSinceAcceptance;
  const priority = referral.priorityChangedSinceAcceptance;
  if (letter && priority) return 'PRIORITY_AND_LETTER_CHANGED';
  if (priority) return 'PRIORITY_CHANGED';
  if (letter) return 'LETTER_CHANGED';
  return 'NEVER_REVIEWED';
}

/**
 * Whether clinical information is there for a slot issue (e-RS `clinicalInformationStatus`):
 * present, not applicable (no letter intended), not yet due, or overdue.
 */
export type ClinicalInformationStatus = 'PRESENT' | 'NOT_APPLICABLE' | 'NOT_DUE' | 'OVERDUE';

/** The clinical information status of a referral at `now`. */
export function clinicalInformationStatus(
  referral: ReferralSnapshot,
  now: Date,
): ClinicalInformationStatus {
  switch (referral.letterStatus) {
    case 'ATTACHED':
      return 'PRESENT';
    case 'NOT_INTENDING_TO_ADD':
      return 'NOT_APPLICABLE';
    case 'NEED_TO_ADD_LATER':
      return referral.letterDueAt !== null && isLetterOverdue(referral.letterDueAt, now)
        ? 'OVERDUE'
        : 'NOT_DUE';
  }
}

/** One referral on one organisation's worklist, ready to sort and show. */
export interface WorklistEntry extends WorklistMembership {
  readonly ubrn: string;
  readonly state: ReferralState;
  readonly priority: Priority;
  /**
   * The instant the entry sorts by after priority: the contact-by date for slot issues, the
   * letter due time for letters outstanding, and otherwise when the referral entered its
   * state (oldest first).
   */
  readonly sortAt: Date;
  /** `[priority rank, sortAt ms, ubrn]`: most urgent first, then oldest or soonest due. */
  readonly sortKey: SortKey;
  /** The letter is to be added later and its due time has passed. */
  readonly letterOverdue: boolean;
  /** The patient contact-by date has passed. */
  readonly contactDatePassed: boolean;
  readonly letterDueAt: Date | null;
  readonly patientContactBy: string | null;
  /** For REFERRALS_FOR_REVIEW: why it needs review. */
  readonly requestContextStatus: RequestContextStatus | null;
  /** For APPOINTMENT_SLOT_ISSUES: whether the clinical information is there. */
  readonly clinicalInformationStatus: ClinicalInformationStatus | null;
}

/**
 * The worklist entries of a referral at `now`, with their sort keys and flags. `timeZone` is the
 * zone contact-by dates are read in.
 */
export function referralWorklistEntries(
  referral: ReferralSnapshot,
  now: Date,
  timeZone: string,
): WorklistEntry[] {
  const letterOverdue =
    referral.letterStatus === 'NEED_TO_ADD_LATER' &&
    referral.letterDueAt !== null &&
    isLetterOverdue(referral.letterDueAt, now);
  const contactDatePassed =
    referral.patientContactBy !== null &&
    isContactDatePassed(referral.patientContactBy, now, timeZone);
  return referralWorklists(referral).map((membership) => {
    let sortAt = referral.stateChangedAt;
    if (membership.worklist === 'APPOINTMENT_SLOT_ISSUES' && referral.patientContactBy !== null) {
      sortAt = startOfLocalDay(referral.patientContactBy, timeZone);
    } else if (membership.worklist === 'LETTERS_OUTSTANDING' && referral.letterDueAt !== null) {
      sortAt = referral.letterDueAt;
    }
    return {
      ...membership,
      ubrn: referral.ubrn,
      state: referral.state,
      priority: referral.priority,
      sortAt,
      sortKey: [priorityRank(referral.priority), sortAt.getTime(), referral.ubrn],
      letterOverdue,
      contactDatePassed,
      letterDueAt: referral.letterDueAt,
      patientContactBy: referral.patientContactBy,
      requestContextStatus:
        membership.worklist === 'REFERRALS_FOR_REVIEW' ? requestContextStatus(referral) : null,
      clinicalInformationStatus:
        membership.worklist === 'APPOINTMENT_SLOT_ISSUES'
          ? clinicalInformationStatus(referral, now)
          : null,
    };
  });
}

/** Orders worklist entries: clinical priority first, then oldest or soonest due, then UBRN. */
export function compareWorklistEntries(
  a: Pick<WorklistEntry, 'sortKey'>,
  b: Pick<WorklistEntry, 'sortKey'>,
): number {
  return compareSortKeys(a.sortKey, b.sortKey);
}
