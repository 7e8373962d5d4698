import type { Role } from '../access/index.js';

/**
 * Reason catalogues (reference §9): the coded reasons and outcomes a user gives when they cancel,
 * reject, record a non-attendance, triage, review, answer advice or redirect. Each reason says
 * which roles may use it, whether a comment is mandatory, and what it does.
 *
 * Codes follow the e-RS code systems where the reference names them (sandbox examples); the rest
 * are open-ers decisions listed in the README. Every concept carries effective dates, like e-RS
 * reference data, so a retired reason can stay in history without being offered.
 */

/** The reason catalogues. */
export const REASON_CATALOGUES = [
  'APPOINTMENT_CANCELLATION',
  'REFERRAL_CANCELLATION',
  'REJECTION',
  'DID_NOT_ATTEND',
  'TRIAGE_OUTCOME',
  'REVIEW_OUTCOME',
  'ASSESSMENT_OUTCOME',
  'ADVICE_OUTCOME',
  'REDIRECT',
] as const;

/** The name of a reason catalogue. */
export type ReasonCatalogue = (typeof REASON_CATALOGUES)[number];

/**
 * Who a reason is attributed to (e-RS reason "type"): the patient, the provider, a provider
 * rejecting a referral, a provider ending triage, the referrer, or not known.
 */
export type ReasonType =
  'PATIENT' | 'PROVIDER' | 'PROVIDER_REJECT' | 'PROVIDER_TRIAGE' | 'REFERRER' | 'UNKNOWN';

/** One coded reason or outcome. */
export interface ReasonDefinition<Code extends string = string> {
  readonly code: Code;
  readonly catalogue: ReasonCatalogue;
  /** Plain-English label for a list of choices. */
  readonly name: string;
  readonly type: ReasonType;
  /** The roles that may give this reason. */
  readonly roles: readonly Role[];
  /** Whether a comment must accompany the reason. */
  readonly commentMandatory: boolean;
  /** Whether using the reason cancels the current booked appointment. */
  readonly cancelsAppointment: boolean;
  /** Whether using the reason ends the whole referral (e-RS `willCancelWholeRequest`). */
  readonly endsReferral: boolean;
  /**
   * For appointment cancellations: whether the slot may be offered to someone else afterwards
   * (`false` when the clinic or slot itself has gone).
   */
  readonly slotReusable: boolean;
  /** Whether the referral goes back to the referrer (their worklist) when this is recorded. */
  readonly returnsToReferrer: boolean;
  /** First day the reason may be used (ISO date, UK). */
  readonly effectiveFrom: string;
  /** Last day the reason may be used (ISO date, UK, inclusive), or `null` for no end. */
  readonly effectiveTo: string | null;
}

/** The most characters a comment on a reason may have (reference §11). */
export const COMMENT_MAX_LENGTH = 2000;

/** The most characters an Advice & Guidance request or response may have (reference §11). */
export const ADVICE_TEXT_MAX_LENGTH = 8000;

/** e-RS went live on 15 June 2015; every built-in reason is effective from then. */
const SINCE = '2015-06-15';

interface ReasonSpec {
  readonly code: string;
  readonly name: string;
  readonly type: ReasonType;
  readonly roles: readonly Role[];
  readonly commentMandatory?: boolean;
  readonly cancelsAppointment?: boolean;
  readonly endsReferral?: boolean;
  readonly slotReusable?: boolean;
  readonly returnsToReferrer?: boolean;
}

function catalogue<const S extends readonly ReasonSpec[]>(
  name: ReasonCatalogue,
  specs: S,
): readonly ReasonDefinition<S[number]['code']>[] {
  return specs.map((spec) => ({
    code: spec.code as S[number]['code'],
    catalogue: name,
    name: spec.name,
    type: spec.type,
    roles: spec.roles,
    commentMandatory: spec.commentMandatory ?? false,
    cancelsAppointment: spec.cancelsAppointment ?? false,
    endsReferral: spec.endsReferral ?? false,
    slotReusable: spec.slotReusable ?? true,
    returnsToReferrer: spec.returnsToReferrer ?? false,
    effectiveFrom: SINCE,
    effectiveTo: null,
  }));
}

const REFERRER_BOOKERS: readonly Role[] = [
  'REFERRING_CLINICIAN',
  'REFERRING_CLINICIAN_ADMIN',
  'REFERRING_ADMIN',
];
const PATIENT_SIDE: readonly Role[] = [...REFERRER_BOOKERS, 'PATIENT'];
const REFERRING_CLINICAL: readonly Role[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const PROVIDER_CLINICAL: readonly Role[] = [
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
];
const PROVIDER_ALL: readonly Role[] = [
  ...PROVIDER_CLINICAL,
  'SERVICE_PROVIDER_ADMIN',
  'PROVIDER_AUTHORISED_APPLICATION',
];
const PROVIDER_BOOKERS: readonly Role[] = [...PROVIDER_CLINICAL, 'SERVICE_PROVIDER_ADMIN'];

/**
 * Appointment cancellation reasons (e-RS APPOINTMENT-CANCELLATION-REASON, usage CANCEL).
 * Patient-type reasons are used by the patient or the referrer (T12); provider-type reasons by
 * the provider or its system (T13). "Patient has died" also ends the referral.
 */
export const APPOINTMENT_CANCELLATION_REASONS = catalogue('APPOINTMENT_CANCELLATION', [
  { code: 'PATIENT_ILL', name: 'Patient is unwell', type: 'PATIENT', roles: PATIENT_SIDE },
  { code: 'PATIENT_HOLIDAY', name: 'Patient is on holiday', type: 'PATIENT', roles: PATIENT_SIDE },
  {
    code: 'PATIENT_UNABLE_TO_ATTEND',
    name: 'Patient cannot attend at this time',
    type: 'PATIENT',
    roles: PATIENT_SIDE,
  },
  {
    code: 'PATIENT_PREFERS_ANOTHER_SERVICE',
    name: 'Patient would prefer another service or place',
    type: 'PATIENT',
    roles: PATIENT_SIDE,
  },
  {
    code: 'BOOKED_IN_ERROR',
    name: 'Appointment booked in error',
    type: 'PATIENT',
    roles: REFERRER_BOOKERS,
  },
  {
    code: 'PATIENT_DIED',
    name: 'Patient has died',
    type: 'PATIENT',
    roles: [...REFERRER_BOOKERS, ...PROVIDER_BOOKERS],
    endsReferral: true,
  },
  {
    code: 'PATIENT_OTHER',
    name: 'Other reason given by the patient',
    type: 'PATIENT',
    roles: PATIENT_SIDE,
    commentMandatory: true,
  },
  {
    code: 'CLINIC_CANCELLED',
    name: 'Clinic cancelled',
    type: 'PROVIDER',
    roles: PROVIDER_ALL,
    slotReusable: false,
  },
  {
    code: 'SLOT_CANCELLED',
    name: 'Appointment slot withdrawn',
    type: 'PROVIDER',
    roles: PROVIDER_ALL,
    slotReusable: false,
  },
  {
    code: 'CLINICIAN_UNAVAILABLE',
    name: 'Clinician unavailable',
    type: 'PROVIDER',
    roles: PROVIDER_ALL,
    slotReusable: false,
  },
  {
    code: 'PROVIDER_OTHER',
    name: 'Other reason at the provider',
    type: 'PROVIDER',
    roles: PROVIDER_ALL,
    commentMandatory: true,
  },
]).map((r) => ({ ...r, cancelsAppointment: true }));

/**
 * Referral cancellation reasons (e-RS REFERRAL-CANCELLATION-REASON, T16). Every one cancels the
 * current appointment and ends the referral. In TRIAGED_PROVIDER_TO_ACTION a provider must use an
 * "end triage" (`PROVIDER_TRIAGE`) reason; elsewhere providers use provider or patient reasons.
 */
export const REFERRAL_CANCELLATION_REASONS = catalogue('REFERRAL_CANCELLATION', [
  {
    code: 'RAISED_IN_ERROR',
    name: 'Referral raised in error',
    type: 'REFERRER',
    roles: REFERRING_CLINICAL,
  },
  {
    code: 'REFERRER_CANCELLATION',
    name: 'Cancelled by the referrer',
    type: 'REFERRER',
    roles: REFERRING_CLINICAL,
  },
  {
    code: 'INTEND_PRIVATE',
    name: 'Patient intends to be seen privately',
    type: 'PATIENT',
    roles: REFERRING_CLINICAL,
  },
  {
    code: 'PATIENT_DIED',
    name: 'Patient has died',
    type: 'PATIENT',
    roles: [...REFERRING_CLINICAL, ...PROVIDER_CLINICAL],
  },
  {
    code: 'TREATMENT_NO_LONGER_REQUIRED',
    name: 'Treatment no longer required',
    type: 'PATIENT',
    roles: REFERRING_CLINICAL,
  },
  {
    code: 'PATIENT_REQUEST_CANCELLATION_OTHER',
    name: 'Patient asked to cancel (other reason)',
    type: 'PATIENT',
    roles: REFERRING_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'BOOKED_OUTSIDE_CAB',
    name: 'Patient booked outside open-ers',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
  },
  {
    code: 'BOOKED_CLINICAL_NEED',
    name: 'Booked outside open-ers because of clinical need',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'COMMUNITY_SERVICE_NA',
    name: 'Community service not available',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'COMPLEX_PATHWAY',
    name: 'Complex pathway handled outside open-ers',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'NO_LONGER_REQUIRED',
    name: 'No longer required',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'OUTPATIENT_SERVICE_NA',
    name: 'Outpatient service not available',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'OUTPATIENT_CLINICIAN_NA',
    name: 'Outpatient clinician not available',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'STRAIGHT_TO_TEST',
    name: 'Straight to test',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'OTHER_OTHER',
    name: 'Other',
    type: 'PROVIDER_TRIAGE',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  { code: 'TRIAGE_ENDED', name: 'Triage ended', type: 'PROVIDER_TRIAGE', roles: PROVIDER_CLINICAL },
]).map((r) => ({ ...r, cancelsAppointment: true, endsReferral: true }));

/**
 * Rejection reasons (type PROVIDER_REJECT, T6). Rejecting cancels the booked appointment and
 * returns the referral to the referrer.
 */
export const REJECTION_REASONS = catalogue('REJECTION', [
  {
    code: 'SERVICE_INAPPROPRIATE',
    name: 'Service not appropriate for this patient',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
  },
  {
    code: 'FURTHER_INFORMATION_REQUIRED',
    name: 'Further information required',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'OUTPATIENT_APPT_NOT_REQUIRED',
    name: 'Outpatient appointment not required',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
  },
  {
    code: 'SERVICE_PREREQUISITES_NOT_COMPLETE',
    name: 'Service prerequisites not complete',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'OTHER',
    name: 'Other',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
]).map((r) => ({ ...r, cancelsAppointment: true, returnsToReferrer: true }));

/**
 * Did-not-attend reasons (e-RS APPOINTMENT-NON-ATTENDANCE-REASON, T14). "Patient has died" ends
 * the referral.
 */
export const DID_NOT_ATTEND_REASONS = catalogue('DID_NOT_ATTEND', [
  {
    code: 'CANCELLED_TOO_LATE',
    name: 'Cancelled too late to reuse',
    type: 'PATIENT',
    roles: PROVIDER_ALL,
  },
  {
    code: 'ARRIVED_TOO_LATE',
    name: 'Arrived too late to be seen',
    type: 'PATIENT',
    roles: PROVIDER_ALL,
  },
  { code: 'PATIENT_FORGOT', name: 'Patient forgot', type: 'PATIENT', roles: PROVIDER_ALL },
  { code: 'PATIENT_ILL', name: 'Patient was unwell', type: 'PATIENT', roles: PROVIDER_ALL },
  {
    code: 'PATIENT_DIED',
    name: 'Patient has died',
    type: 'PATIENT',
    roles: PROVIDER_ALL,
    endsReferral: true,
  },
  { code: 'UNKNOWN', name: 'Reason not known', type: 'UNKNOWN', roles: PROVIDER_ALL },
  {
    code: 'OTHER',
    name: 'Other',
    type: 'UNKNOWN',
    roles: PROVIDER_ALL,
    commentMandatory: true,
  },
]);

/** Triage outcomes (e-RS eRS-ReviewOutcome for triage, A028: T8 and T9). */
export const TRIAGE_OUTCOMES = catalogue('TRIAGE_OUTCOME', [
  {
    code: 'ACCEPT_REFER_BOOK_LATER',
    name: 'Accept, refer or book later',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
  },
  {
    code: 'RETURN_TO_REFERRER_WITH_ADVICE',
    name: 'Return to referrer with advice',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
    returnsToReferrer: true,
  },
]);

/**
 * Review outcomes for a booked referral on Referrals for Review: accept (T5), reject (T6, with a
 * rejection reason) or cancel the appointment and act later (CAAL, T7).
 */
export const REVIEW_OUTCOMES = catalogue('REVIEW_OUTCOME', [
  { code: 'ACCEPT', name: 'Accept', type: 'PROVIDER', roles: PROVIDER_CLINICAL },
  {
    code: 'REJECT',
    name: 'Reject',
    type: 'PROVIDER_REJECT',
    roles: PROVIDER_CLINICAL,
    cancelsAppointment: true,
    returnsToReferrer: true,
  },
  {
    code: 'CANCEL_APPOINTMENT_ACTION_LATER',
    name: 'Cancel appointment, action later',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
    cancelsAppointment: true,
  },
]);

/** Outcomes of a clinical assessment service appointment (T15). */
export const ASSESSMENT_OUTCOMES = catalogue('ASSESSMENT_OUTCOME', [
  {
    code: 'ADVISE_REFERRER',
    name: 'Return to referrer with advice',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
    returnsToReferrer: true,
  },
  {
    code: 'ONWARD_REFERRAL',
    name: 'Referred onward',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
  },
  {
    code: 'TREATED_AND_DISCHARGED',
    name: 'Seen, treated and discharged',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
  },
]);

/** Provider responses to an Advice & Guidance request (A026 `guidanceOutcome`). */
export const ADVICE_OUTCOMES = catalogue('ADVICE_OUTCOME', [
  {
    code: 'RETURN_TO_REFERRER_WITH_ADVICE',
    name: 'Return to referrer with advice',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
    returnsToReferrer: true,
  },
  {
    code: 'REQUIRE_FURTHER_INFORMATION',
    name: 'Ask the referrer for more information',
    type: 'PROVIDER',
    roles: PROVIDER_CLINICAL,
    commentMandatory: true,
    returnsToReferrer: true,
  },
]);

/**
 * Redirect reasons: why a provider books or defers a referral into a different service from the
 * one it was booked or deferred to.
 */
export const REDIRECT_REASONS = catalogue('REDIRECT', [
  { code: 'REDIRECTED_AGE', name: 'Patient’s age', type: 'PROVIDER', roles: PROVIDER_BOOKERS },
  { code: 'REDIRECTED_GENDER', name: 'Patient’s sex', type: 'PROVIDER', roles: PROVIDER_BOOKERS },
  {
    code: 'REDIRECTED_APPROPRIATE_CLINIC',
    name: 'More appropriate clinic',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
  },
  {
    code: 'REDIRECTED_APPROPRIATE_SPECIALTY',
    name: 'More appropriate specialty',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
  },
  {
    code: 'REDIRECTED_PRIORITY',
    name: 'Clinical priority',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
  },
  {
    code: 'REDIRECTED_STAFF_VACATION',
    name: 'Staff on leave',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
  },
  {
    code: 'REDIRECTED_CONFIDENTIALITY',
    name: 'Confidentiality',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
  },
  {
    code: 'REDIRECTED_OTHER',
    name: 'Other',
    type: 'PROVIDER',
    roles: PROVIDER_BOOKERS,
    commentMandatory: true,
  },
]);

/** An appointment cancellation reason code. */
export type AppointmentCancellationReasonCode =
  (typeof APPOINTMENT_CANCELLATION_REASONS)[number]['code'];
/** A referral cancellation reason code. */
export type ReferralCancellationReasonCode = (typeof REFERRAL_CANCELLATION_REASONS)[number]['code'];
/** A rejection reason code. */
export type RejectionReasonCode = (typeof REJECTION_REASONS)[number]['code'];
/** A did-not-attend reason code. */
export type DidNotAttendReasonCode = (typeof DID_NOT_ATTEND_REASONS)[number]['code'];
/** A triage outcome code. */
export type TriageOutcomeCode = (typeof TRIAGE_OUTCOMES)[number]['code'];
/** A review outcome code. */
export type ReviewOutcomeCode = (typeof REVIEW_OUTCOMES)[number]['code'];
/** A clinical assessment outcome code. */
export type AssessmentOutcomeCode = (typeof ASSESSMENT_OUTCOMES)[number]['code'];
/** An Advice & Guidance outcome code. */
export type AdviceOutcomeCode = (typeof ADVICE_OUTCOMES)[number]['code'];
/** A redirect reason code. */
export type RedirectReasonCode = (typeof REDIRECT_REASONS)[number]['code'];

/**
 * What a provider recommends when returning advice (A026 intended recommendation, required with
 * RETURN_TO_REFERRER_WITH_ADVICE).
 */
export const ADVICE_RECOMMENDATIONS = [
  { code: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED', name: 'Advice only, no referral recommended' },
  { code: 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED', name: 'Advice, then refer if needed' },
  { code: 'REFERRAL_RECOMMENDED', name: 'Referral recommended' },
  { code: 'OTHER', name: 'Other' },
] as const;

/** An advice recommendation code. */
export type AdviceRecommendationCode = (typeof ADVICE_RECOMMENDATIONS)[number]['code'];

/** Every reason catalogue by name. */
export const REASONS: Readonly<Record<ReasonCatalogue, readonly ReasonDefinition[]>> = {
  APPOINTMENT_CANCELLATION: APPOINTMENT_CANCELLATION_REASONS,
  REFERRAL_CANCELLATION: REFERRAL_CANCELLATION_REASONS,
  REJECTION: REJECTION_REASONS,
  DID_NOT_ATTEND: DID_NOT_ATTEND_REASONS,
  TRIAGE_OUTCOME: TRIAGE_OUTCOMES,
  REVIEW_OUTCOME: REVIEW_OUTCOMES,
  ASSESSMENT_OUTCOME: ASSESSMENT_OUTCOMES,
  ADVICE_OUTCOME: ADVICE_OUTCOMES,
  REDIRECT: REDIRECT_REASONS,
};

/** The reason with this code in a catalogue, if there is one. */
export function findReason(name: ReasonCatalogue, code: string): ReasonDefinition | undefined {
  return REASONS[name].find((r) => r.code === code);
}

/** Whether a reason is in effect on `day` (ISO date). */
export function isReasonInEffect(reason: ReasonDefinition, day: string): boolean {
  return reason.effectiveFrom <= day && (reason.effectiveTo === null || day <= reason.effectiveTo);
}

/**
 * The reasons in a catalogue that `role` may use, optionally only those of some types and only
 * those in effect on `today`. This is the list to offer in a form.
 */
export function reasonsUsableBy(
  name: ReasonCatalogue,
  role: Role,
  options: { types?: readonly ReasonType[]; today?: string } = {},
): readonly ReasonDefinition[] {
  return REASONS[name].filter(
    (r) =>
      r.roles.includes(role) &&
      (options.types === undefined || options.types.includes(r.type)) &&
      (options.today === undefined || isReasonInEffect(r, options.today)),
  );
}
