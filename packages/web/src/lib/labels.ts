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
