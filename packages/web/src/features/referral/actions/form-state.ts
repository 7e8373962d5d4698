import { COMMENT_MAX_LENGTH, isRedirect } from '@open-ers/domain';
import type { Priority, ReferralSummaryFieldsFragment } from '../../../gql/graphql';
import type { ActionForm as ActionFormSpec } from './action-table';
import type { Field } from './fields';

type Allowed = ReferralSummaryFieldsFragment['allowedActions'][number];

/** API input fields (`extensions.field`) and codes, and the form field they concern. */
export function fieldOf(field: string | undefined, code: string): Field | undefined {
  if (code === 'COMMENT_REQUIRED' || code === 'COMMENT_TOO_LONG') return 'comment';
  if (code === 'REASON_REQUIRED' || code === 'REASON_NOT_ALLOWED') {
    return field === 'redirectReason' ? 'redirect' : 'reason';
  }
  if (code === 'PAS_CANCELLATION_ANSWER_REQUIRED') return 'pas';
  if (code === 'SLOTS_CURRENTLY_AVAILABLE' || code === 'SERVICE_NOT_ON_SHORTLIST') return 'service';
  switch (field) {
    case 'reason':
    case 'outcome':
      return 'reason';
    case 'comment':
      return 'comment';
    case 'service':
    case 'serviceId':
      return 'service';
    case 'redirectReason':
      return 'redirect';
    case 'newPriority':
    case 'priority':
      return 'priority';
    case 'appointmentCancelledInPas':
      return 'pas';
    case 'documentIds':
    case 'file':
      return 'file';
    default:
      return undefined;
  }
}

/** What the user has entered so far. */
export interface Values {
  serviceId: string;
  reason: string;
  redirect: string;
  priority: Priority | '';
  pas: '' | 'yes' | 'no';
  returnToReferrer: '' | 'yes' | 'no';
  comment: string;
  file: File | null;
}

/**
 * What the form asks for now, all from `allowedActions` (and so from the domain's rules): a
 * service, a redirect reason (only when the chosen service is a redirect), a reason, a new
 * priority (only with the reason that allows one), the PAS question, a comment.
 */
export function asks(form: ActionFormSpec, allowed: Allowed, values: Values) {
  const reason = allowed.reasons.find((r) => r.code === values.reason);
  const redirect = allowed.redirectReasons.find((r) => r.code === values.redirect);
  const comment =
    allowed.comment === 'REQUIRED' ||
    (allowed.comment === 'BY_REASON' && !!(reason ?? redirect)?.commentMandatory);
  return {
    service: !!form.serviceLegend,
    redirect: isRedirect(allowed.redirectFromServiceId, values.serviceId || null),
    reason: allowed.reasons.length > 0,
    priority:
      allowed.newPriorities.length > 0 &&
      (allowed.newPriorityOnlyWithReason === null ||
        allowed.newPriorityOnlyWithReason === values.reason),
    pas: allowed.pasAnswerRequired,
    returnToReferrer: !!form.returnToReferrer,
    comment: allowed.comment !== 'NONE',
    commentRequired: comment,
    file: !!form.file,
  };
}

export function validate(form: ActionFormSpec, ask: ReturnType<typeof asks>, values: Values) {
  const found: Partial<Record<Field, string>> = {};
  if (ask.service && !values.serviceId) found.service = 'Choose a service.';
  if (ask.reason && !values.reason) found.reason = form.reasonMissing ?? 'Choose a reason.';
  if (ask.redirect && !values.redirect)
    found.redirect = 'Choose why the referral is going to another service.';
  if (ask.pas && !values.pas)
    found.pas = 'Say whether the appointment is already cancelled in your hospital system.';
  if (ask.returnToReferrer && !values.returnToReferrer)
    found.returnToReferrer = 'Say whether to return the referral to the referrer.';
  if (ask.comment) {
    if (ask.commentRequired && !values.comment.trim()) found.comment = 'Enter a comment.';
    else if (values.comment.length > COMMENT_MAX_LENGTH) {
      found.comment = `The comment can be up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.`;
    }
  }
  if (ask.file && !values.file) found.file = 'Choose the referral letter file.';
  return found;
}
