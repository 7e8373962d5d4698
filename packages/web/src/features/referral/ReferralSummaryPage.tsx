import { useQuery } from '@apollo/client/react';
import { NotificationBanner, SummaryList, Tag, WarningCallout } from 'nhsuk-react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useLiveRefetch } from '../../app/live';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { LiveMessage } from '../../components/LiveMessage';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { toUserFacingErrors } from '../../lib/api-errors';
import { formatAccessCodeSafe, formatDate, formatReference, priorityName } from '../../lib/format';
import { STATE_LABELS } from '../../lib/labels';
import { AccessLogSection } from './AccessLogSection';
import { ActionsPanel } from './ActionsPanel';
import { AppointmentSection } from './AppointmentSection';
import { HistoryTimeline } from './HistoryTimeline';
import { LetterSection } from './LetterSection';
import { ReferralChanged } from './live';
import { PatientBannerView } from './PatientBanner';
import { ReferredByText } from './ReferredBy';
import { reasonName } from './reasons';
import { ShortlistSection } from './ShortlistSection';

export const ReferralSummary = graphql(`
  query ReferralSummary($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      ...ReferralSummaryFields
      referrer {
        ...ReferredBy
      }
    }
  }
`);

/** What a referrer is to do with a referral the provider handed back, if it was. */
function returnedMessage(referral: { state: string; returnedToReferrer: boolean }): string | null {
  if (referral.state === 'TRIAGE_RESPONSE') {
    return 'The provider has returned this referral with advice. Read it, then book, send it for triage again or cancel it.';
  }
  if (referral.state === 'REJECTED') {
    return 'The provider has rejected this referral. Read why, then change the shortlist and book again, or cancel it.';
  }
  return referral.returnedToReferrer
    ? 'The provider has handed this referral back. Decide what happens next.'
    : null;
}

/** Why a referral could not be found, when that is why it could not be shown. */
type NotFound = 'REFERENCE_NOT_FOUND' | 'NO_RELATIONSHIP' | 'INVALID_UBRN';
const NOT_FOUND: readonly NotFound[] = ['REFERENCE_NOT_FOUND', 'NO_RELATIONSHIP', 'INVALID_UBRN'];

function notFoundReason(error: unknown): NotFound | null {
  const codes = toUserFacingErrors(error).map((p) => p.code);
  return NOT_FOUND.find((code) => codes.includes(code)) ?? null;
}

/**
 * No referral to show for this reference: there is none, or the user may not see it. Not a
 * passing failure, so no "Try again": a plain statement and a way back to search again.
 */
function ReferralNotFound({ ubrn, reason }: { ubrn: string; reason: NotFound }) {
  const session = useSession();
  const reference = formatReference(ubrn);
  return (
    <>
      <h1>
        {reason === 'NO_RELATIONSHIP' ? 'You cannot see this referral' : 'Referral not found'}
      </h1>
      {reason === 'INVALID_UBRN' ? (
        <p>
          “{ubrn}” is not a booking reference. A booking reference (UBRN) has 12 digits, like 0000
          4961 4844.
        </p>
      ) : reason === 'NO_RELATIONSHIP' ? (
        <p>
          Referral {reference} is not one you can see. Your organisation does not have a legitimate
          relationship with this record.
        </p>
      ) : (
        <p>There is no referral with the booking reference {reference}.</p>
      )}
      <p>
        <Link to="/">
          {session.side === 'OTHER' ? 'Go to your home page' : 'Search again from your worklists'}
        </Link>
      </p>
    </>
  );
}

/** Messages pages leave for the summary after a change (`navigate(…, { state })`). */
export interface SummaryFlash {
  readonly done?: string;
  readonly notice?: string | null;
}

/**
 * One referral: the patient, where it stands, the appointment, shortlist, letter and history,
 * and the actions open to the user. It follows changes made by anyone else as they happen.
 */
export function ReferralSummaryPage() {
  const { ubrn = '' } = useParams();
  const location = useLocation();
  const flash = location.state as SummaryFlash | null;
  const session = useSession();
  usePageTitle(`Referral ${formatReference(ubrn)}`);
  const query = useQuery(ReferralSummary, {
    variables: { ubrn },
    fetchPolicy: 'cache-and-network',
  });
  const referral = query.data?.referral;

  const variables = useMemo(() => ({ ubrn }), [ubrn]);
  useLiveRefetch(ReferralChanged, variables, () => query.refetch());

  // Announce changes someone else made (this page makes none itself) when they arrive.
  const [announcement, setAnnouncement] = useState('');
  const seenVersion = useRef<number | undefined>(undefined);
  // The first version counted is the one fetched on opening the page, not an older cached one.
  const version = query.loading ? undefined : referral?.version;
  const stateName = referral ? STATE_LABELS[referral.state].name : '';
  useEffect(() => {
    if (version === undefined) return;
    if (seenVersion.current !== undefined && seenVersion.current !== version) {
      setAnnouncement(`This referral has been updated: ${stateName}.`);
    }
    seenVersion.current = version;
  }, [version, stateName]);

  if (!referral) {
    const missing = query.error ? notFoundReason(query.error) : null;
    if (missing) return <ReferralNotFound ubrn={ubrn} reason={missing} />;
    return query.error ? (
      <PageProblem
        title={`Referral ${formatReference(ubrn)}`}
        error={query.error}
        onRetry={() => void query.refetch()}
      />
    ) : (
      <LoadingMessage title={`Referral ${formatReference(ubrn)}`} message="Loading the referral…" />
    );
  }

  const state = STATE_LABELS[referral.state];
  return (
    <>
      {flash?.done ? (
        <NotificationBanner success>
          <NotificationBanner.Heading>{flash.done}</NotificationBanner.Heading>
          {flash.notice ? <p>{flash.notice}</p> : null}
        </NotificationBanner>
      ) : null}
      <LiveMessage message={announcement} />
      <PatientBannerView patient={referral.patient} />
      <span className="nhsuk-caption-l">Referral</span>
      <h1>
        <span className="nhsuk-u-visually-hidden">Booking reference</span>{' '}
        {formatReference(referral.ubrn)}
      </h1>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Status</SummaryList.Key>
              <SummaryList.Value>
                <Tag modifier={state.colour} data-testid="referral-state">
                  {state.name}
                </Tag>
                {referral.stateReason ? (
                  <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-top-2">
                    {reasonName(referral.stateReason)}
                  </span>
                ) : null}
                {referral.stateComment ? (
                  <span
                    className="nhsuk-u-display-block nhsuk-body-s app-preserve-lines"
                    data-testid="state-comment"
                  >
                    “{referral.stateComment}”
                  </span>
                ) : null}
                <span className="nhsuk-u-display-block nhsuk-body-s">
                  Since {formatDate(referral.stateChangedAt)}
                </span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Priority</SummaryList.Key>
              <SummaryList.Value>{priorityName(referral.priority)}</SummaryList.Value>
            </SummaryList.Row>
            {referral.accessCode ? (
              <SummaryList.Row>
                <SummaryList.Key>Patient access code</SummaryList.Key>
                <SummaryList.Value>{formatAccessCodeSafe(referral.accessCode)}</SummaryList.Value>
              </SummaryList.Row>
            ) : null}
            <SummaryList.Row>
              <SummaryList.Key>Referred by</SummaryList.Key>
              <SummaryList.Value>
                {referral.referrer ? <ReferredByText referrer={referral.referrer} /> : null}
                <span className="nhsuk-u-display-block">
                  {referral.referringOrganisation.name} ({referral.referringOrganisation.odsCode})
                </span>
                <span className="nhsuk-u-display-block">on {formatDate(referral.createdAt)}</span>
              </SummaryList.Value>
            </SummaryList.Row>
            {referral.parentUbrn ? (
              <SummaryList.Row>
                <SummaryList.Key>Referred on from</SummaryList.Key>
                <SummaryList.Value>
                  <Link to={`/referrals/${referral.parentUbrn}`}>
                    {formatReference(referral.parentUbrn)}
                  </Link>
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
            {referral.onwardReferralUbrns.length > 0 ? (
              <SummaryList.Row>
                <SummaryList.Key>Onward referrals</SummaryList.Key>
                <SummaryList.Value>
                  {referral.onwardReferralUbrns.map((u) => (
                    <Link key={u} className="nhsuk-u-display-block" to={`/referrals/${u}`}>
                      {formatReference(u)}
                    </Link>
                  ))}
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
          </SummaryList>
          {session.side === 'REFERRER' && returnedMessage(referral) ? (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">Returned to you</WarningCallout.Heading>
              <p>{returnedMessage(referral)}</p>
            </WarningCallout>
          ) : null}
          <AppointmentSection referral={referral} />
          <ShortlistSection referral={referral} />
          <LetterSection referral={referral} />
          <HistoryTimeline
            referral={referral}
            ownOrganisationId={session.acting?.roleAssignment.organisation.id}
          />
          {referral.accessLevel === 'CLINICAL' ? <AccessLogSection ubrn={referral.ubrn} /> : null}
        </div>
        <div className="nhsuk-grid-column-one-third">
          <ActionsPanel referral={referral} />
        </div>
      </div>
    </>
  );
}
