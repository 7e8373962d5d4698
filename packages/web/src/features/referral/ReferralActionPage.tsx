import { useApolloClient, useQuery } from '@apollo/client/react';
import { COMMENT_MAX_LENGTH } from '@open-ers/domain';
import { BackLink, Button, Radios, Select, Textarea, WarningCallout } from 'nhsuk-react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { focusElement, usePageTitle } from '../../app/page';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LetterFileInput } from '../../components/LetterFileInput';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { Priority, ReferralAction, ReferralSummaryFieldsFragment } from '../../gql/graphql';
import {
  hasErrorCode,
  isNetworkProblem,
  newIdempotencyKey,
  toUserFacingErrors,
} from '../../lib/api-errors';
import { formatReference, priorityName } from '../../lib/format';
import { ACTIONS, actionForSlug, STATE_LABELS } from '../../lib/labels';
import { uploadDocument } from '../../lib/upload';
import { writeDraft } from '../new-referral/draft';
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
} from './mutations';
import { PatientBannerView } from './PatientBanner';
import { StaleVersion } from './StaleVersion';

export const ReferralActionData = graphql(`
  query ReferralActionData($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      ...ReferralSummaryFields
    }
  }
`);

type Referral = ReferralSummaryFieldsFragment;
type Field =
  'service' | 'redirect' | 'reason' | 'priority' | 'pas' | 'returnToReferrer' | 'comment' | 'file';

/** What each action's form asks for. */
interface FormSpec {
  readonly title: string;
  readonly intro?: string;
  readonly warning?: string;
  /** A choice of coded reasons (or outcomes) from `allowedActions`. */
  readonly reasons?: string;
  /** A comment: never, optional, always required, or required by the chosen reason. */
  readonly comment?: 'optional' | 'required' | 'by-reason';
  readonly commentLabel?: string;
  /** A choice of service from `allowedActions.serviceIds`. */
  readonly service?: string;
  /** A new priority may be given (for triage outcomes, only when accepting). */
  readonly newPriority?: boolean | 'ACCEPT_REFER_BOOK_LATER';
  readonly pas?: boolean;
  readonly returnToReferrer?: boolean;
  readonly file?: boolean;
  readonly submit: string;
}

const isIndirect = (r: Referral) => r.appointmentService?.bookableType === 'INDIRECTLY_BOOKABLE';

function formSpec(action: ReferralAction, referral: Referral): FormSpec | null {
  switch (action) {
    case 'ACCEPT':
      return {
        title: 'Accept the referral',
        intro:
          'Accepting confirms the referral is right for this service. The referrer sees it at once.',
        comment: 'optional',
        commentLabel: 'Comment for the referrer (optional)',
        submit: 'Accept referral',
      };
    case 'REJECT':
      return {
        title: 'Reject the referral',
        intro: 'The appointment is cancelled and the referral goes back to the referrer.',
        reasons: 'Why are you rejecting it?',
        comment: 'by-reason',
        pas: isIndirect(referral),
        submit: 'Reject referral',
      };
    case 'CANCEL_APPOINTMENT_ACTION_LATER':
      return {
        title: 'Cancel the appointment and action later',
        intro:
          'The appointment is cancelled and the referral goes on your Appointments for booking worklist, for your booking team to arrange.',
        comment: 'required',
        commentLabel: 'Instructions for the booking team',
        newPriority: true,
        pas: isIndirect(referral),
        submit: 'Cancel appointment and action later',
      };
    case 'RECORD_TRIAGE_OUTCOME':
      return {
        title: 'Record the triage outcome',
        reasons: 'What is the outcome of triage?',
        comment: 'required',
        commentLabel: 'Comment (advice for the referrer, or instructions for booking)',
        newPriority: 'ACCEPT_REFER_BOOK_LATER',
        submit: 'Record outcome',
      };
    case 'CANCEL_APPOINTMENT':
      return {
        title: 'Cancel the appointment',
        reasons: 'Why is the appointment being cancelled?',
        comment: 'by-reason',
        submit: 'Cancel appointment',
      };
    case 'RECORD_DID_NOT_ATTEND':
      return {
        title: 'Record that the patient did not attend',
        reasons: 'Why did the patient not attend?',
        comment: 'by-reason',
        returnToReferrer: true,
        submit: 'Record did not attend',
      };
    case 'RECORD_ASSESSMENT_OUTCOME':
      return {
        title: 'Record the assessment outcome',
        reasons: 'What is the outcome of the assessment?',
        comment: 'by-reason',
        submit: 'Record outcome',
      };
    case 'CANCEL_REFERRAL':
      return {
        title: 'Cancel the referral',
        warning:
          'Cancelling a referral is final. Any appointment is cancelled and it cannot be booked again.',
        reasons: 'Why is the referral being cancelled?',
        comment: 'by-reason',
        submit: 'Cancel referral',
      };
    case 'DEFER_TO_PROVIDER':
      return {
        title: 'Defer to the provider',
        intro:
          'Only when no appointment can be booked: the provider arranges the appointment and contacts the patient.',
        service: 'Which service should arrange the appointment?',
        comment: 'optional',
        commentLabel: 'Comment for the provider (optional)',
        submit: 'Defer to provider',
      };
    case 'SEND_FOR_TRIAGE':
      return {
        title: 'Send for triage',
        intro:
          'A clinician at the referral assessment service reviews the referral and decides what happens next.',
        service: 'Which referral assessment service?',
        comment: 'optional',
        commentLabel: 'Comment for the triage clinician (optional)',
        submit: 'Send for triage',
      };
    case 'ATTACH_REFERRAL_LETTER':
      return {
        title: 'Attach the referral letter',
        intro: 'The file replaces any letter attached before.',
        file: true,
        submit: 'Attach letter',
      };
    case 'ACKNOWLEDGE':
      return {
        title: 'Acknowledge the referral',
        intro: 'This takes the referral off your worklist. Nothing else changes.',
        submit: 'Acknowledge',
      };
    case 'CONFIRM_PAS_CANCELLATION':
      return {
        title: 'Confirm cancelled in the hospital system',
        intro:
          'Confirm the appointment has also been cancelled in your patient administration system.',
        submit: 'Confirm cancellation',
      };
    default:
      return null;
  }
}

/** API input fields (`extensions.field`) and codes, and the form field they concern. */
function fieldOf(field: string | undefined, code: string): Field | undefined {
  if (code === 'COMMENT_REQUIRED' || code === 'COMMENT_TOO_LONG') return 'comment';
  if (code === 'REASON_REQUIRED' || code === 'REASON_NOT_ALLOWED') return 'reason';
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

const FIELD_ORDER: Field[] = [
  'service',
  'redirect',
  'reason',
  'priority',
  'pas',
  'returnToReferrer',
  'comment',
  'file',
];
const fieldId = (f: Field) => `action-${f}`;

/**
 * The form for one action on a referral, built from what `allowedActions` offers the user:
 * its reasons (with whether each needs a comment) and the services it may target.
 */
export function ReferralActionPage() {
  const { ubrn = '', action: slug = '' } = useParams();
  const action = actionForSlug(slug);
  const query = useQuery(ReferralActionData, { variables: { ubrn } });
  const referral = query.data?.referral;
  const spec = action && referral ? formSpec(action, referral) : null;
  usePageTitle(spec?.title ?? (action ? ACTIONS[action].label : 'Page not found'));

  if (!action) {
    return (
      <>
        <h1>Page not found</h1>
        <p>
          <Link to={`/referrals/${ubrn}`}>Go to the referral</Link>
        </p>
      </>
    );
  }
  if (action === 'BOOK') return <Navigate to={`/referrals/${ubrn}/book`} replace />;
  if (!referral) {
    return query.error ? (
      <PageProblem
        title={ACTIONS[action].label}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    ) : (
      <LoadingMessage title={ACTIONS[action].label} />
    );
  }
  return (
    <ActionForm key={action} action={action} referral={referral} refetch={() => query.refetch()} />
  );
}

function ActionForm({
  action,
  referral,
  refetch,
}: {
  action: ReferralAction;
  referral: Referral;
  refetch: () => Promise<unknown>;
}) {
  const navigate = useNavigate();
  const client = useApolloClient();
  const [params] = useSearchParams();
  const allowed = referral.allowedActions.find((a) => a.action === action);
  const spec = formSpec(action, referral);
  const [serviceId, setServiceId] = useState(() => {
    const wanted = params.get('service');
    if (wanted && allowed?.serviceIds.includes(wanted)) return wanted;
    return allowed?.serviceIds.length === 1 ? allowed.serviceIds[0]! : '';
  });
  const [reason, setReason] = useState('');
  const [redirect, setRedirect] = useState('');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [pas, setPas] = useState<'' | 'yes' | 'no'>('');
  const [returnToReferrer, setReturnToReferrer] = useState<'' | 'yes' | 'no'>('');
  const [comment, setComment] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<Problem[]>([]);
  const [stale, setStale] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshed, setRefreshed] = useState(false);
  const refreshedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refreshed) focusElement(refreshedRef.current);
  }, [refreshed]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  // Change shortlist and onward referral continue in the service search, with this referral's
  // patient and (for a change) shortlist.
  const toSearch = action === 'CHANGE_SHORTLIST' || action === 'CREATE_ONWARD_REFERRAL';
  useEffect(() => {
    if (!toSearch || !allowed) return;
    const { patient } = referral;
    writeDraft({
      purpose:
        action === 'CHANGE_SHORTLIST'
          ? { kind: 'CHANGE_SHORTLIST', ubrn: referral.ubrn, version: referral.version }
          : { kind: 'ONWARD', ubrn: referral.ubrn, version: referral.version },
      patient: {
        id: patient.id,
        nhsNumber: patient.nhsNumber,
        givenName: patient.givenName,
        familyName: patient.familyName,
        dateOfBirth: patient.dateOfBirth,
        sex: patient.sex,
        postcode: patient.postcode,
      },
      priority: referral.priority,
      shortlist:
        action === 'CHANGE_SHORTLIST'
          ? referral.shortlist.map((s) => ({
              id: s.id,
              name: s.name,
              providerName: s.provider.name,
              siteName: s.site.name,
              requestFlow: s.requestFlow,
              bookableType: s.bookableType,
              priorities: s.priorities,
              letterRequired: s.letterRequired,
            }))
          : [],
    });
    void navigate(`/referrals/new/services?priority=${referral.priority}`, { replace: true });
  }, [toSearch, allowed, action, referral, navigate]);

  const back = (
    <BackLink
      asElement={Link}
      to={`/referrals/${referral.ubrn}`}
      href={`/referrals/${referral.ubrn}`}
    >
      Back to the referral
    </BackLink>
  );

  if (!allowed || !spec) {
    if (toSearch && allowed) return <LoadingMessage />;
    return (
      <>
        {back}
        <h1>{ACTIONS[action].label}</h1>
        <p>
          You cannot do this to referral {formatReference(referral.ubrn)} now. It may have changed
          since you opened it, or your role does not allow it.
        </p>
        <p>
          <Link to={`/referrals/${referral.ubrn}`}>See what you can do</Link>
        </p>
      </>
    );
  }

  const reasonOptions = allowed.reasons;
  const chosenReason = reasonOptions.find((r) => r.code === reason);
  const commentRequired =
    spec.comment === 'required' ||
    (spec.comment === 'by-reason' && !!chosenReason?.commentMandatory);
  const showPriority =
    spec.newPriority === true ||
    (spec.newPriority === 'ACCEPT_REFER_BOOK_LATER' && reason === 'ACCEPT_REFER_BOOK_LATER');
  const currentServiceId = referral.appointment?.serviceId;
  const needsRedirectReason =
    allowed.mayRedirect && !!serviceId && !!currentServiceId && serviceId !== currentServiceId;
  const services = allowed.serviceIds.map(
    (id) =>
      referral.shortlist.find((s) => s.id === id) ?? {
        id,
        name: id,
        provider: { name: '' },
        site: { town: '' },
      },
  );

  const validate = () => {
    const found: Partial<Record<Field, string>> = {};
    if (spec.service && !serviceId) found.service = 'Choose a service.';
    if (spec.reasons && !reason)
      found.reason = spec.reasons.startsWith('What') ? 'Choose an outcome.' : 'Choose a reason.';
    if (needsRedirectReason && !redirect)
      found.redirect = 'Choose why the referral is going to another service.';
    if (spec.pas && !pas)
      found.pas = 'Say whether the appointment is already cancelled in your hospital system.';
    if (spec.returnToReferrer && !returnToReferrer)
      found.returnToReferrer = 'Say whether to return the referral to the referrer.';
    if (spec.comment) {
      if (commentRequired && !comment.trim()) found.comment = 'Enter a comment.';
      else if (comment.length > COMMENT_MAX_LENGTH) {
        found.comment = `The comment can be up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.`;
      }
    }
    if (spec.file && !file) found.file = 'Choose the referral letter file.';
    return found;
  };

  const mutate = async () => {
    const base = { ubrn: referral.ubrn, expectedVersion: referral.version, idempotencyKey: key };
    const text = comment.trim() || null;
    const run = <T,>(promise: Promise<{ data?: T | null }>) => promise.then((r) => r.data!);
    switch (action) {
      case 'ACCEPT':
        return (
          await run(
            client.mutate({
              mutation: AcceptReferral,
              variables: { input: { ...base, comment: text } },
            }),
          )
        ).acceptReferral;
      case 'REJECT':
        return (
          await run(
            client.mutate({
              mutation: RejectReferral,
              variables: {
                input: {
                  ...base,
                  reason,
                  comment: text,
                  appointmentCancelledInPas: spec.pas ? pas === 'yes' : null,
                },
              },
            }),
          )
        ).rejectReferral;
      case 'CANCEL_APPOINTMENT_ACTION_LATER':
        return (
          await run(
            client.mutate({
              mutation: CancelAppointmentActionLater,
              variables: {
                input: {
                  ...base,
                  comment: comment.trim(),
                  newPriority: priority || null,
                  appointmentCancelledInPas: spec.pas ? pas === 'yes' : null,
                },
              },
            }),
          )
        ).cancelAppointmentActionLater;
      case 'RECORD_TRIAGE_OUTCOME':
        return (
          await run(
            client.mutate({
              mutation: RecordTriageOutcome,
              variables: {
                input: {
                  ...base,
                  outcome: reason,
                  comment: comment.trim(),
                  newPriority: showPriority ? priority || null : null,
                },
              },
            }),
          )
        ).recordTriageOutcome;
      case 'CANCEL_APPOINTMENT':
        return (
          await run(
            client.mutate({
              mutation: CancelAppointment,
              variables: { input: { ...base, reason, comment: text } },
            }),
          )
        ).cancelAppointment;
      case 'RECORD_DID_NOT_ATTEND':
        return (
          await run(
            client.mutate({
              mutation: RecordDidNotAttend,
              variables: {
                input: {
                  ...base,
                  reason,
                  comment: text,
                  returnToReferrer: returnToReferrer === 'yes',
                },
              },
            }),
          )
        ).recordDidNotAttend;
      case 'RECORD_ASSESSMENT_OUTCOME':
        return (
          await run(
            client.mutate({
              mutation: RecordAssessmentOutcome,
              variables: { input: { ...base, outcome: reason, comment: text } },
            }),
          )
        ).recordAssessmentOutcome;
      case 'CANCEL_REFERRAL':
        return (
          await run(
            client.mutate({
              mutation: CancelReferral,
              variables: { input: { ...base, reason, comment: text } },
            }),
          )
        ).cancelReferral;
      case 'DEFER_TO_PROVIDER':
        return (
          await run(
            client.mutate({
              mutation: DeferToProvider,
              variables: {
                input: {
                  ...base,
                  serviceId,
                  comment: text,
                  redirectReason: needsRedirectReason ? redirect : null,
                },
              },
            }),
          )
        ).deferToProvider;
      case 'SEND_FOR_TRIAGE':
        return (
          await run(
            client.mutate({
              mutation: SendForTriage,
              variables: { input: { ...base, serviceId, comment: text } },
            }),
          )
        ).sendForTriage;
      case 'ATTACH_REFERRAL_LETTER': {
        const uploaded = await uploadDocument(file!);
        return (
          await run(
            client.mutate({
              mutation: AttachReferralLetter,
              variables: { input: { ...base, documentIds: [uploaded.id] } },
            }),
          )
        ).attachReferralLetter;
      }
      case 'ACKNOWLEDGE':
        return (
          await run(client.mutate({ mutation: AcknowledgeReferral, variables: { input: base } }))
        ).acknowledgeReferral;
      case 'CONFIRM_PAS_CANCELLATION':
        return (
          await run(client.mutate({ mutation: ConfirmPasCancellation, variables: { input: base } }))
        ).confirmPasCancellation;
      default:
        throw new Error(`No form for ${action}`);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    const found = validate();
    setErrors(found);
    setOther([]);
    setStale(false);
    setRefreshed(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const payload = await mutate();
      const notice = payload.noticeMessage ?? null;
      if (action === 'DEFER_TO_PROVIDER' || action === 'SEND_FOR_TRIAGE') {
        navigate(`/referrals/${referral.ubrn}/confirmation`, { state: { notice } });
      } else {
        navigate(`/referrals/${referral.ubrn}`, { state: { done: ACTIONS[action].done, notice } });
      }
    } catch (error) {
      if (!isNetworkProblem(error)) setKey(newIdempotencyKey());
      if (hasErrorCode(error, 'STALE_VERSION')) {
        setStale(true);
        return;
      }
      const onFields: Partial<Record<Field, string>> = {};
      const rest: Problem[] = [];
      for (const p of toUserFacingErrors(error)) {
        const field = fieldOf(p.field, p.code);
        if (field && !onFields[field]) onFields[field] = p.message;
        else rest.push({ message: p.message });
      }
      setErrors(onFields);
      setOther(rest);
    } finally {
      setBusy(false);
    }
  };

  const refresh = async () => {
    setRefreshing(true);
    try {
      await refetch();
      setStale(false);
      setRefreshed(true);
    } finally {
      setRefreshing(false);
    }
  };

  const problems: Problem[] = [
    ...FIELD_ORDER.filter((f) => errors[f]).map((f) => ({
      message: errors[f]!,
      fieldId: fieldId(f),
    })),
    ...other,
  ];

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {back}
        {stale ? <StaleVersion onRefresh={() => void refresh()} refreshing={refreshing} /> : null}
        {refreshed ? (
          <div className="nhsuk-inset-text" role="status" ref={refreshedRef}>
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              You are now seeing the latest version of the referral (
              {STATE_LABELS[referral.state].name.toLowerCase()}). Check your answers, then submit
              again.
            </p>
          </div>
        ) : null}
        <FormErrors problems={problems} attempt={attempt} />
        <PatientBannerView patient={referral.patient} />
        <span className="nhsuk-caption-l">Referral {formatReference(referral.ubrn)}</span>
        <h1>{spec.title}</h1>
        {spec.intro ? <p>{spec.intro}</p> : null}
        {spec.warning ? (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">This cannot be undone</WarningCallout.Heading>
            <p>{spec.warning}</p>
          </WarningCallout>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={spec.title}>
          {spec.service ? (
            <Radios
              id={fieldId('service')}
              name="service"
              legend={spec.service}
              legendProps={{ size: 's' }}
              error={errors.service}
            >
              {services.map((s) => (
                <Radios.Item
                  key={s.id}
                  value={s.id}
                  checked={serviceId === s.id}
                  onChange={() => setServiceId(s.id)}
                  hint={[s.provider.name, s.site.town].filter(Boolean).join(', ')}
                >
                  {s.name}
                </Radios.Item>
              ))}
            </Radios>
          ) : null}
          {needsRedirectReason ? (
            <Select
              id={fieldId('redirect')}
              name="redirectReason"
              label="Why is it going to a different service?"
              value={redirect}
              error={errors.redirect}
              onChange={(e) => setRedirect(e.currentTarget.value)}
            >
              <Select.Option value="">Choose a reason</Select.Option>
              {reasonOptions.map((r) => (
                <Select.Option key={r.code} value={r.code}>
                  {r.name}
                </Select.Option>
              ))}
            </Select>
          ) : null}
          {spec.reasons ? (
            <Radios
              id={fieldId('reason')}
              name="reason"
              legend={spec.reasons}
              legendProps={{ size: 's' }}
              error={errors.reason}
            >
              {reasonOptions.map((r) => (
                <Radios.Item
                  key={r.code}
                  value={r.code}
                  checked={reason === r.code}
                  onChange={() => setReason(r.code)}
                  hint={
                    r.commentMandatory && spec.comment === 'by-reason'
                      ? 'Needs a comment'
                      : undefined
                  }
                >
                  {r.name}
                </Radios.Item>
              ))}
            </Radios>
          ) : null}
          {showPriority ? (
            <Select
              id={fieldId('priority')}
              name="newPriority"
              label="Priority"
              hint="Change it only if the clinical priority is different"
              value={priority}
              error={errors.priority}
              onChange={(e) => setPriority(e.currentTarget.value as Priority | '')}
            >
              <Select.Option value="">
                Keep {priorityName(referral.priority).toLowerCase()}
              </Select.Option>
              {(['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'] as const)
                .filter((p) => p !== referral.priority)
                .map((p) => (
                  <Select.Option key={p} value={p}>
                    Change to {priorityName(p).toLowerCase()}
                  </Select.Option>
                ))}
            </Select>
          ) : null}
          {spec.pas ? (
            <Radios
              id={fieldId('pas')}
              name="appointmentCancelledInPas"
              legend="Is the appointment already cancelled in your hospital system?"
              legendProps={{ size: 's' }}
              inline
              error={errors.pas}
            >
              <Radios.Item value="yes" checked={pas === 'yes'} onChange={() => setPas('yes')}>
                Yes
              </Radios.Item>
              <Radios.Item value="no" checked={pas === 'no'} onChange={() => setPas('no')}>
                No
              </Radios.Item>
            </Radios>
          ) : null}
          {spec.returnToReferrer ? (
            <Radios
              id={fieldId('returnToReferrer')}
              name="returnToReferrer"
              legend="Return the referral to the referrer?"
              legendProps={{ size: 's' }}
              hint="If not, it goes on your Appointments for booking worklist to rebook"
              error={errors.returnToReferrer}
            >
              <Radios.Item
                value="yes"
                checked={returnToReferrer === 'yes'}
                onChange={() => setReturnToReferrer('yes')}
              >
                Yes, return it to the referrer
              </Radios.Item>
              <Radios.Item
                value="no"
                checked={returnToReferrer === 'no'}
                onChange={() => setReturnToReferrer('no')}
              >
                No, we will rebook it
              </Radios.Item>
            </Radios>
          ) : null}
          {spec.comment ? (
            <Textarea
              id={fieldId('comment')}
              name="comment"
              label={
                commentRequired
                  ? (spec.commentLabel ?? 'Comment').replace(' (optional)', '')
                  : (spec.commentLabel ?? 'Comment (optional)')
              }
              hint={`Up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.`}
              rows={5}
              value={comment}
              error={errors.comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
          ) : null}
          {spec.file ? (
            <LetterFileInput id={fieldId('file')} error={errors.file} onChange={setFile} />
          ) : null}
          <Button type="submit" warning={!!spec.warning}>
            {busy ? 'Saving…' : spec.submit}
          </Button>
        </form>
        <p>
          <Link to={`/referrals/${referral.ubrn}`}>Cancel and go back</Link>
        </p>
      </div>
    </div>
  );
}
