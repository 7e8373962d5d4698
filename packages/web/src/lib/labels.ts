import type { AdviceState, ReferralAction, ReferralState, RequestFlow } from '../gql/graphql';

type TagColour =
  | 'white'
  | 'grey'
  | 'green'
  | 'aqua-green'
  | 'blue'
  | 'purple'
  | 'pink'
  | 'red'
  | 'orange'
  | 'yellow';

/** Referral states in the words e-RS users know, with the colour of their tag. */
export const STATE_LABELS: Record<ReferralState, { name: string; colour: TagColour }> = {
  NOT_BOOKED: { name: 'Not booked', colour: 'grey' },
  BOOKED: { name: 'Booked', colour: 'blue' },
  ACCEPTED: { name: 'Accepted', colour: 'green' },
  DEFERRED_TO_PROVIDER: { name: 'Deferred to provider', colour: 'yellow' },
  AWAITING_TRIAGE: { name: 'Awaiting triage', colour: 'purple' },
  TRIAGED_PROVIDER_TO_ACTION: { name: 'Accepted, provider to book', colour: 'aqua-green' },
  TRIAGE_RESPONSE: { name: 'Triage response', colour: 'orange' },
  REJECTED: { name: 'Rejected', colour: 'red' },
  APPT_CANCELLED_BY_PATIENT: { name: 'Appointment cancelled by patient', colour: 'orange' },
  APPT_CANCELLED_BY_PROVIDER: { name: 'Appointment cancelled by provider', colour: 'orange' },
  DID_NOT_ATTEND: { name: 'Did not attend', colour: 'red' },
  ASSESSMENT_RESULT: { name: 'Assessment result', colour: 'aqua-green' },
  CANCELLED_REFERRAL: { name: 'Referral cancelled', colour: 'grey' },
};

/** Advice and Guidance request states (the SPA lists them; the conversation pages are to come). */
export const ADVICE_STATE_LABELS: Record<AdviceState, { name: string; colour: TagColour }> = {
  PROVIDER_RESPONSE_REQUIRED: { name: 'Awaiting provider response', colour: 'blue' },
  REFERRER_TO_REVIEW_RESPONSE: { name: 'Advice to review', colour: 'orange' },
  REFERRER_TO_SUBMIT_FURTHER_INFORMATION: {
    name: 'Further information requested',
    colour: 'orange',
  },
  ADVICE_CONVERTED: { name: 'Converted to a referral', colour: 'green' },
  CONVERSATION_ENDED_CLOSED: { name: 'Closed', colour: 'grey' },
  CONVERSATION_ENDED_CANCELLED: { name: 'Cancelled', colour: 'grey' },
};

/** What each action is called on its button, and the path of its form under the referral. */
export const ACTIONS: Record<ReferralAction, { label: string; slug: string; done: string }> = {
  BOOK: { label: 'Book an appointment', slug: 'book', done: 'Appointment booked' },
  DEFER_TO_PROVIDER: {
    label: 'Defer to provider',
    slug: 'defer',
    done: 'Referral deferred to the provider',
  },
  SEND_FOR_TRIAGE: {
    label: 'Send for triage',
    slug: 'send-for-triage',
    done: 'Referral sent for triage',
  },
  ACCEPT: { label: 'Accept referral', slug: 'accept', done: 'Referral accepted' },
  REJECT: { label: 'Reject referral', slug: 'reject', done: 'Referral rejected' },
  CANCEL_APPOINTMENT_ACTION_LATER: {
    label: 'Cancel appointment and action later',
    slug: 'cancel-appointment-action-later',
    done: 'Appointment cancelled: the referral is on Appointments for booking',
  },
  RECORD_TRIAGE_OUTCOME: {
    label: 'Record triage outcome',
    slug: 'triage-outcome',
    done: 'Triage outcome recorded',
  },
  CANCEL_APPOINTMENT: {
    label: 'Cancel appointment',
    slug: 'cancel-appointment',
    done: 'Appointment cancelled',
  },
  RECORD_DID_NOT_ATTEND: {
    label: 'Record did not attend',
    slug: 'did-not-attend',
    done: 'Non-attendance recorded',
  },
  RECORD_ASSESSMENT_OUTCOME: {
    label: 'Record assessment outcome',
    slug: 'assessment-outcome',
    done: 'Assessment outcome recorded',
  },
  CANCEL_REFERRAL: {
    label: 'Cancel referral',
    slug: 'cancel-referral',
    done: 'Referral cancelled',
  },
  CHANGE_SHORTLIST: {
    label: 'Change shortlist',
    slug: 'change-shortlist',
    done: 'Shortlist changed',
  },
  ATTACH_REFERRAL_LETTER: {
    label: 'Attach referral letter',
    slug: 'attach-letter',
    done: 'Referral letter attached',
  },
  CREATE_ONWARD_REFERRAL: { label: 'Refer on', slug: 'refer-on', done: 'Onward referral created' },
  CONFIRM_PAS_CANCELLATION: {
    label: 'Confirm cancelled in hospital system',
    slug: 'confirm-pas-cancellation',
    done: 'Cancellation in the hospital system confirmed',
  },
  ACKNOWLEDGE: { label: 'Acknowledge', slug: 'acknowledge', done: 'Referral acknowledged' },
};

/** The action a form path is for. */
export function actionForSlug(slug: string): ReferralAction | undefined {
  return (Object.keys(ACTIONS) as ReferralAction[]).find((a) => ACTIONS[a].slug === slug);
}

export const REQUEST_FLOW_LABELS: Record<RequestFlow, string> = {
  APPOINTMENT_REQUEST: 'Appointment',
  TRIAGE_REQUEST: 'Triage (referral assessment)',
  ADVICE_AND_GUIDANCE_REQUEST: 'Advice and Guidance',
};

/** History events that are not actions: the referral's creation. */
export function historyActionName(action: string): string {
  if (action === 'CREATE_REFERRAL') return 'Referral created';
  if (action === 'OFFER_SLOT') return 'Appointment offered (held for the patient)';
  const known = ACTIONS[action as ReferralAction];
  return known ? known.label.replace(/^./, (c) => c.toUpperCase()) : action;
}

/** Names e-RS gives to the requestContextStatus of a referral for review. */
export const REVIEW_CONTEXT_LABELS: Record<string, string> = {
  NEVER_REVIEWED: 'New',
  LETTER_CHANGED: 'Letter changed',
  PRIORITY_CHANGED: 'Priority changed',
  PRIORITY_AND_LETTER_CHANGED: 'Priority and letter changed',
};

/** A service's place in its life, as the service definer's list shows it. */
export const LIFECYCLE_LABELS: Record<
  'DRAFT' | 'UPCOMING' | 'IN_EFFECT' | 'ENDING' | 'RETIRED',
  { name: string; colour: TagColour; hint: string }
> = {
  DRAFT: { name: 'Draft', colour: 'grey', hint: 'Not published: referrers cannot find it' },
  UPCOMING: { name: 'Upcoming', colour: 'blue', hint: 'Published, in effect from a later date' },
  IN_EFFECT: { name: 'In effect', colour: 'green', hint: 'Referrers can find and book it' },
  ENDING: { name: 'Ending', colour: 'orange', hint: 'In effect now, with an end date' },
  RETIRED: { name: 'Retired', colour: 'white', hint: 'Ended: no new referrals' },
};

/** The state of a published slot on the slot calendar. */
export const SLOT_STATE_LABELS: Record<
  'FREE' | 'RESERVED' | 'HELD' | 'OFFERED' | 'BOOKED' | 'BLOCKED' | 'CANCELLED',
  { name: string; colour: TagColour }
> = {
  FREE: { name: 'Free', colour: 'green' },
  RESERVED: { name: 'Reserved for provider', colour: 'aqua-green' },
  HELD: { name: 'Held', colour: 'yellow' },
  OFFERED: { name: 'Offered', colour: 'purple' },
  BOOKED: { name: 'Booked', colour: 'blue' },
  BLOCKED: { name: 'Blocked', colour: 'grey' },
  CANCELLED: { name: 'Cancelled', colour: 'red' },
};

/** What happens to a service's appointment slot issues when free slots appear. */
export const SLOT_ISSUE_POLICY_LABELS: Record<
  'LEAVE' | 'OFFER' | 'BOOK',
  { name: string; explanation: (hours: number) => string }
> = {
  LEAVE: {
    name: 'Leave them for staff',
    explanation: () =>
      'Referrals deferred because no appointment was free stay on Appointment slot issues until your staff book them.',
  },
  OFFER: {
    name: 'Offer and hold a slot',
    explanation: (hours) =>
      `When a slot that suits a deferred referral becomes free, it is held for that referral for ${hours} ${hours === 1 ? 'hour' : 'hours'}, and Appointment slot issues shows it ready to confirm in one click. Unconfirmed holds are released.`,
  },
  BOOK: {
    name: 'Book automatically',
    explanation: () =>
      'When a slot that suits a deferred referral becomes free, open-ers books it straight away (most urgent and longest waiting first), records it in the referral’s history and tells the referrer.',
  },
};

/** Kinds of change in a service's history. */
export const SERVICE_VERSION_KIND_LABELS: Record<string, string> = {
  CREATED: 'Created',
  AMENDED: 'Amended',
  PUBLISHED: 'Published',
  RETIRED: 'Retired',
};

/** Days of the week, as schedules number them (ISO: Monday is 1). */
export const WEEKDAYS: readonly { readonly day: number; readonly name: string }[] = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 7, name: 'Sunday' },
];

export const SEX_TREATED_LABELS: Record<'MALE' | 'FEMALE' | 'MALE_AND_FEMALE', string> = {
  MALE_AND_FEMALE: 'Male and female',
  FEMALE: 'Female only',
  MALE: 'Male only',
};

export const BOOKABLE_TYPE_LABELS: Record<'DIRECTLY_BOOKABLE' | 'INDIRECTLY_BOOKABLE', string> = {
  DIRECTLY_BOOKABLE: 'Directly bookable (slots published in open-ers)',
  INDIRECTLY_BOOKABLE: 'Indirectly bookable (the provider books by phone)',
};
