import type { ApolloClient } from '@apollo/client';
import type { Priority, ReferralAction } from '../../../gql/graphql';
import {
  AcceptReferral,
  AcknowledgeReferral,
  AttachReferralLetter,
  CancelAppointment,
  CancelAppointmentActionLater,
  CancelReferral,
  ConfirmPasCancellation,
  DeferToProvider,
  RecordAssessmentOutcome,
  RecordDidNotAttend,
  RecordTriageOutcome,
  RejectReferral,
  SendForTriage,
} from '../mutations';

/** What a form collected, ready to send. Fields the action does not ask for are ignored. */
export interface ActionValues {
  readonly ref: { ubrn: string; expectedVersion: number; idempotencyKey: string };
  readonly serviceId: string;
  readonly reason: string;
  /** The redirect reason, or `null` when none is needed. */
  readonly redirectReason: string | null;
  /** The new priority, or `null` to keep it (or when none may be given). */
  readonly newPriority: Priority | null;
  /** The answer to the PAS question, or `null` when it is not asked. */
  readonly cancelledInPas: boolean | null;
  readonly returnToReferrer: boolean;
  /** The trimmed comment, or `null` when empty. */
  readonly comment: string | null;
  /** The uploaded letter's document id (for attaching a letter). */
  readonly documentId: string | null;
}

/** What every change to a referral returns that the form uses. */
export interface ActionPayload {
  readonly noticeMessage: string | null;
}

/**
 * The words and layout of an action's form. What the form must ask for (reasons, comment,
 * priority, the PAS question, redirect reasons) comes from `allowedActions`, not from here.
 */
export interface ActionForm {
  readonly title: string;
  readonly intro?: string;
  /** A warning that the action cannot be undone. */
  readonly warning?: string;
  /** The question for the reason (or outcome) choice. */
  readonly reasonLegend?: string;
  /** The error when no reason (or outcome) is chosen. */
  readonly reasonMissing?: string;
  readonly commentLabel?: string;
  /** The question for the choice of service (from `allowedActions.serviceIds`). */
  readonly serviceLegend?: string;
  /** Ask whether to return the referral to the referrer. */
  readonly returnToReferrer?: boolean;
  /** Ask for the referral letter file. */
  readonly file?: boolean;
  readonly submit: string;
  /** Where the user goes after: the confirmation page, or back to the summary. */
  readonly after: 'confirmation' | 'summary';
  /** Sends the change. */
  readonly send: (client: ApolloClient, values: ActionValues) => Promise<ActionPayload>;
}

/** Runs a mutation and returns its payload field. */
async function run<T>(promise: Promise<{ data?: T | null }>, pick: (data: T) => ActionPayload) {
  const result = await promise;
  return pick(result.data!);
}

/** The actions that have a form of their own, and how each is sent. */
export const ACTION_FORMS: Partial<Record<ReferralAction, ActionForm>> = {
  ACCEPT: {
    title: 'Accept the referral',
    intro:
      'Accepting confirms the referral is right for this service. The referrer sees it at once.',
    commentLabel: 'Comment for the referrer (optional)',
    submit: 'Accept referral',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: AcceptReferral,
          variables: { input: { ...v.ref, comment: v.comment } },
        }),
        (d) => d.acceptReferral,
      ),
  },
  REJECT: {
    title: 'Reject the referral',
    intro: 'The appointment is cancelled and the referral goes back to the referrer.',
    reasonLegend: 'Why are you rejecting it?',
    submit: 'Reject referral',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: RejectReferral,
          variables: {
            input: {
              ...v.ref,
              reason: v.reason,
              comment: v.comment,
              appointmentCancelledInPas: v.cancelledInPas,
            },
          },
        }),
        (d) => d.rejectReferral,
      ),
  },
  CANCEL_APPOINTMENT_ACTION_LATER: {
    title: 'Cancel the appointment and action later',
    intro:
      'The appointment is cancelled and the referral goes on your Appointments for booking worklist, for your booking team to arrange.',
    commentLabel: 'Instructions for the booking team',
    submit: 'Cancel appointment and action later',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: CancelAppointmentActionLater,
          variables: {
            input: {
              ...v.ref,
              comment: v.comment ?? '',
              newPriority: v.newPriority,
              appointmentCancelledInPas: v.cancelledInPas,
            },
          },
        }),
        (d) => d.cancelAppointmentActionLater,
      ),
  },
  RECORD_TRIAGE_OUTCOME: {
    title: 'Record the triage outcome',
    reasonLegend: 'What is the outcome of triage?',
    reasonMissing: 'Choose an outcome.',
    commentLabel: 'Comment (advice for the referrer, or instructions for booking)',
    submit: 'Record outcome',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: RecordTriageOutcome,
          variables: {
            input: {
              ...v.ref,
              outcome: v.reason,
              comment: v.comment ?? '',
              newPriority: v.newPriority,
            },
          },
        }),
        (d) => d.recordTriageOutcome,
      ),
  },
  CANCEL_APPOINTMENT: {
    title: 'Cancel the appointment',
    reasonLegend: 'Why is the appointment being cancelled?',
    submit: 'Cancel appointment',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: CancelAppointment,
          variables: { input: { ...v.ref, reason: v.reason, comment: v.comment } },
        }),
        (d) => d.cancelAppointment,
      ),
  },
  RECORD_DID_NOT_ATTEND: {
    title: 'Record that the patient did not attend',
    reasonLegend: 'Why did the patient not attend?',
    returnToReferrer: true,
    submit: 'Record did not attend',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: RecordDidNotAttend,
          variables: {
            input: {
              ...v.ref,
              reason: v.reason,
              comment: v.comment,
              returnToReferrer: v.returnToReferrer,
            },
          },
        }),
        (d) => d.recordDidNotAttend,
      ),
  },
  RECORD_ASSESSMENT_OUTCOME: {
    title: 'Record the assessment outcome',
    reasonLegend: 'What is the outcome of the assessment?',
    reasonMissing: 'Choose an outcome.',
    submit: 'Record outcome',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: RecordAssessmentOutcome,
          variables: { input: { ...v.ref, outcome: v.reason, comment: v.comment } },
        }),
        (d) => d.recordAssessmentOutcome,
      ),
  },
  CANCEL_REFERRAL: {
    title: 'Cancel the referral',
    warning:
      'Cancelling a referral is final. Any appointment is cancelled and it cannot be booked again.',
    reasonLegend: 'Why is the referral being cancelled?',
    submit: 'Cancel referral',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: CancelReferral,
          variables: { input: { ...v.ref, reason: v.reason, comment: v.comment } },
        }),
        (d) => d.cancelReferral,
      ),
  },
  DEFER_TO_PROVIDER: {
    title: 'Defer to the provider',
    intro:
      'Only when no appointment can be booked: the provider arranges the appointment and contacts the patient.',
    serviceLegend: 'Which service should arrange the appointment?',
    commentLabel: 'Comment for the provider (optional)',
    submit: 'Defer to provider',
    after: 'confirmation',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: DeferToProvider,
          variables: {
            input: {
              ...v.ref,
              serviceId: v.serviceId,
              comment: v.comment,
              redirectReason: v.redirectReason,
            },
          },
        }),
        (d) => d.deferToProvider,
      ),
  },
  SEND_FOR_TRIAGE: {
    title: 'Send for triage',
    intro:
      'A clinician at the referral assessment service reviews the referral and decides what happens next.',
    serviceLegend: 'Which referral assessment service?',
    commentLabel: 'Comment for the triage clinician (optional)',
    submit: 'Send for triage',
    after: 'confirmation',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: SendForTriage,
          variables: { input: { ...v.ref, serviceId: v.serviceId, comment: v.comment } },
        }),
        (d) => d.sendForTriage,
      ),
  },
  ATTACH_REFERRAL_LETTER: {
    title: 'Attach the referral letter',
    intro: 'The file replaces any letter attached before.',
    file: true,
    submit: 'Attach letter',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({
          mutation: AttachReferralLetter,
          variables: { input: { ...v.ref, documentIds: [v.documentId!] } },
        }),
        (d) => d.attachReferralLetter,
      ),
  },
  ACKNOWLEDGE: {
    title: 'Acknowledge the referral',
    intro: 'This takes the referral off your worklist. Nothing else changes.',
    submit: 'Acknowledge',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({ mutation: AcknowledgeReferral, variables: { input: v.ref } }),
        (d) => d.acknowledgeReferral,
      ),
  },
  CONFIRM_PAS_CANCELLATION: {
    title: 'Confirm cancelled in the hospital system',
    intro: 'Confirm the appointment has also been cancelled in your patient administration system.',
    submit: 'Confirm cancellation',
    after: 'summary',
    send: (client, v) =>
      run(
        client.mutate({ mutation: ConfirmPasCancellation, variables: { input: v.ref } }),
        (d) => d.confirmPasCancellation,
      ),
  },
};
