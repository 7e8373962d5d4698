import { useApolloClient, useQuery } from '@apollo/client/react';
import { BackLink, Button, WarningCallout } from 'nhsuk-react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { focusElement, usePageTitle } from '../../app/page';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LetterFileInput } from '../../components/LetterFileInput';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { ReferralAction, ReferralSummaryFieldsFragment } from '../../gql/graphql';
import {
  hasErrorCode,
  isNetworkProblem,
  newIdempotencyKey,
  toUserFacingErrors,
} from '../../lib/api-errors';
import { formatReference } from '../../lib/format';
import { ACTIONS, actionForSlug, STATE_LABELS } from '../../lib/labels';
import { uploadDocument } from '../../lib/upload';
import { ACTION_FORMS } from './actions/action-table';
import { asks, fieldOf, validate, type Values } from './actions/form-state';
import { useContinueInSearch } from './actions/useContinueInSearch';
import {
  CommentField,
  FIELDS,
  fieldId,
  PriorityField,
  ReasonField,
  RedirectReasonField,
  ServiceField,
  YesNoField,
  type Field,
} from './actions/fields';
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

/**
 * The form for one action on a referral, built from what `allowedActions` offers the user:
 * its reasons (with whether each needs a comment) and the services it may target.
 */
export function ReferralActionPage() {
  const { ubrn = '', action: slug = '' } = useParams();
  const action = actionForSlug(slug);
  const query = useQuery(ReferralActionData, { variables: { ubrn } });
  const referral = query.data?.referral;
  const form = action && referral ? ACTION_FORMS[action] : undefined;
  usePageTitle(form?.title ?? (action ? ACTIONS[action].label : 'Page not found'));

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
  const form = ACTION_FORMS[action];
  const [values, setValues] = useState<Values>(() => {
    const wanted = params.get('service');
    const serviceId =
      wanted && allowed?.serviceIds.includes(wanted)
        ? wanted
        : allowed?.serviceIds.length === 1
          ? allowed.serviceIds[0]!
          : '';
    return {
      serviceId,
      reason: '',
      redirect: '',
      priority: '',
      pas: '',
      returnToReferrer: '',
      comment: '',
      file: null,
    };
  });
  const set =
    <K extends keyof Values>(key: K) =>
    (value: Values[K]) =>
      setValues((v) => ({ ...v, [key]: value }));
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

  // Change shortlist and onward referral continue in the service search.
  const toSearch = useContinueInSearch(action, !!allowed, referral);

  const back = (
    <BackLink
      asElement={Link}
      to={`/referrals/${referral.ubrn}`}
      href={`/referrals/${referral.ubrn}`}
    >
      Back to the referral
    </BackLink>
  );

  if (!allowed || !form) {
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

  const ask = asks(form, allowed, values);
  const services = allowed.serviceIds.map((id) => {
    const s = referral.shortlist.find((x) => x.id === id);
    return {
      id,
      name: s?.name ?? id,
      where: s ? [s.provider.name, s.site.town].filter(Boolean).join(', ') : '',
    };
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAttempt((a) => a + 1);
    const found = validate(form, ask, values);
    setErrors(found);
    setOther([]);
    setStale(false);
    setRefreshed(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const documentId = ask.file ? (await uploadDocument(values.file!)).id : null;
      const payload = await form.send(client, {
        ref: { ubrn: referral.ubrn, expectedVersion: referral.version, idempotencyKey: key },
        serviceId: values.serviceId,
        reason: values.reason,
        redirectReason: ask.redirect ? values.redirect : null,
        newPriority: ask.priority ? values.priority || null : null,
        cancelledInPas: ask.pas ? values.pas === 'yes' : null,
        returnToReferrer: values.returnToReferrer === 'yes',
        comment: values.comment.trim() || null,
        documentId,
      });
      const notice = payload.noticeMessage ?? null;
      if (form.after === 'confirmation') {
        void navigate(`/referrals/${referral.ubrn}/confirmation`, { state: { notice } });
      } else {
        void navigate(`/referrals/${referral.ubrn}`, {
          state: { done: ACTIONS[action].done, notice },
        });
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
    ...FIELDS.filter((f) => errors[f]).map((f) => ({ message: errors[f]!, fieldId: fieldId(f) })),
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
        <h1>{form.title}</h1>
        {form.intro ? <p>{form.intro}</p> : null}
        {form.warning ? (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">This cannot be undone</WarningCallout.Heading>
            <p>{form.warning}</p>
          </WarningCallout>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={form.title}>
          {ask.service ? (
            <ServiceField
              legend={form.serviceLegend!}
              services={services}
              value={values.serviceId}
              error={errors.service}
              onChange={set('serviceId')}
            />
          ) : null}
          {ask.redirect ? (
            <RedirectReasonField
              reasons={allowed.redirectReasons}
              value={values.redirect}
              error={errors.redirect}
              onChange={set('redirect')}
            />
          ) : null}
          {ask.reason ? (
            <ReasonField
              legend={form.reasonLegend ?? 'Choose a reason'}
              reasons={allowed.reasons}
              markCommentNeeded={allowed.comment === 'BY_REASON'}
              value={values.reason}
              error={errors.reason}
              onChange={set('reason')}
            />
          ) : null}
          {ask.priority ? (
            <PriorityField
              current={referral.priority}
              choices={allowed.newPriorities}
              value={values.priority}
              error={errors.priority}
              onChange={set('priority')}
            />
          ) : null}
          {ask.pas ? (
            <YesNoField
              field="pas"
              name="appointmentCancelledInPas"
              legend="Is the appointment already cancelled in your hospital system?"
              inline
              value={values.pas}
              error={errors.pas}
              onChange={set('pas')}
            />
          ) : null}
          {ask.returnToReferrer ? (
            <YesNoField
              field="returnToReferrer"
              name="returnToReferrer"
              legend="Return the referral to the referrer?"
              hint="If not, it goes on your Appointments for booking worklist to rebook"
              labels={['Yes, return it to the referrer', 'No, we will rebook it']}
              value={values.returnToReferrer}
              error={errors.returnToReferrer}
              onChange={set('returnToReferrer')}
            />
          ) : null}
          {ask.comment ? (
            <CommentField
              label={form.commentLabel}
              required={ask.commentRequired}
              value={values.comment}
              error={errors.comment}
              onChange={set('comment')}
            />
          ) : null}
          {ask.file ? (
            <LetterFileInput id={fieldId('file')} error={errors.file} onChange={set('file')} />
          ) : null}
          <Button type="submit" warning={!!form.warning}>
            {busy ? 'Saving…' : form.submit}
          </Button>
        </form>
        <p>
          <Link to={`/referrals/${referral.ubrn}`}>Cancel and go back</Link>
        </p>
      </div>
    </div>
  );
}
