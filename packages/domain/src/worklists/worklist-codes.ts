/**
 * The worklists of reference §5: lists of referrals and advice requests where someone needs to
 * be aware of something or act.
 */
export const WORKLISTS = [
  {
    code: 'REFERRALS_FOR_REVIEW',
    owner: 'PROVIDER',
    name: 'Referrals for review',
    description: 'Booked referrals awaiting clinical review, and referrals sent for triage.',
  },
  {
    code: 'APPOINTMENT_SLOT_ISSUES',
    owner: 'PROVIDER',
    name: 'Appointment slot issues',
    description: 'Referrals deferred to the provider because no appointment could be booked.',
  },
  {
    code: 'APPOINTMENTS_FOR_BOOKING',
    owner: 'PROVIDER',
    name: 'Appointments for booking',
    description:
      'Referrals the provider has accepted to book later, or whose appointment was cancelled or missed.',
  },
  {
    code: 'INDIRECTLY_BOOKED_APPOINTMENTS_TO_CANCEL',
    owner: 'PROVIDER',
    name: 'Indirectly booked appointments to cancel in PAS',
    description:
      'Appointments cancelled in open-ers that must also be cancelled in the hospital system.',
  },
  {
    code: 'ADVICE_AND_GUIDANCE_REQUESTS',
    owner: 'PROVIDER',
    name: 'Advice and guidance requests',
    description: 'Advice requests waiting for the provider to respond.',
  },
  {
    code: 'LETTERS_OUTSTANDING',
    owner: 'REFERRER',
    name: 'Awaiting referral letter',
    description: 'Referrals whose referral letter is still to be attached.',
  },
  {
    code: 'REJECTED_TRIAGE_RESPONSE',
    owner: 'REFERRER',
    name: 'Rejected and triage responses',
    description: 'Referrals the provider rejected or returned with advice.',
  },
  {
    code: 'ASSESSMENT_RETURNED_CANCELLED_DNA',
    owner: 'REFERRER',
    name: 'Assessment returned, cancelled or did not attend',
    description:
      'Referrals returned after assessment or non-attendance, or cancelled by someone outside the practice.',
  },
  {
    code: 'AWAITING_BOOKING',
    owner: 'REFERRER',
    name: 'Awaiting booking',
    description: 'Referrals without a booked appointment.',
  },
  {
    code: 'ACTIVE_ADVICE_REQUESTS',
    owner: 'REFERRER',
    name: 'Active advice requests',
    description: 'Open advice and guidance requests.',
  },
] as const;

/** A worklist code. */
export type WorklistCode = (typeof WORKLISTS)[number]['code'];

/** Whose worklist it is: the referring organisation's or the provider organisation's. */
export type WorklistOwner = (typeof WORKLISTS)[number]['owner'];

/** Every worklist code. */
export const WORKLIST_CODES: readonly WorklistCode[] = WORKLISTS.map((w) => w.code);

/** The definition of a worklist. */
export function worklistInfo(code: WorklistCode): (typeof WORKLISTS)[number] {
  return WORKLISTS.find((w) => w.code === code)!;
}

/** A referral's or advice request's place on one organisation's worklist. */
export interface WorklistMembership {
  readonly worklist: WorklistCode;
  /** The organisation whose worklist it is. */
  readonly organisationId: string;
}
