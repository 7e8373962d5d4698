import { useQuery } from '@apollo/client/react';
import { Panel, SummaryList, WarningCallout } from 'nhsuk-react-components';
import { Link, useLocation, useParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { ReferralSummaryFieldsFragment } from '../../gql/graphql';
import {
  formatAccessCodeSafe,
  formatDate,
  formatDateTime,
  formatReference,
} from '../../lib/format';
import { STATE_LABELS } from '../../lib/labels';

export const ConfirmationData = graphql(`
  query ConfirmationData($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      ...ReferralSummaryFields
    }
  }
`);

function headline(referral: ReferralSummaryFieldsFragment): string {
  switch (referral.state) {
    case 'BOOKED':
    case 'ACCEPTED':
      return 'Appointment booked';
    case 'DEFERRED_TO_PROVIDER':
      return 'Referral deferred to the provider';
    case 'AWAITING_TRIAGE':
      return 'Referral sent for triage';
    default:
      return `Referral ${STATE_LABELS[referral.state].name.toLowerCase()}`;
  }
}

/** After booking, deferring or sending for triage: the references to give the patient. */
export function ConfirmationPage() {
  const { ubrn = '' } = useParams();
  const location = useLocation();
  const notice = (location.state as { notice?: string | null } | null)?.notice;
  const session = useSession();
  const query = useQuery(ConfirmationData, { variables: { ubrn } });
  const referral = query.data?.referral;
  const title = referral ? headline(referral) : 'Confirmation';
  usePageTitle(title);

  if (!referral) {
    return query.error ? (
      <PageProblem title="Confirmation" error={query.error} />
    ) : (
      <LoadingMessage title="Confirmation" />
    );
  }

  const { appointment, appointmentService: service } = referral;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <Panel>
          <Panel.Title headingLevel="h1">{title}</Panel.Title>
          <p>
            Booking reference (UBRN)
            <br />
            <strong className="app-reference" data-testid="confirmation-ubrn">
              {formatReference(referral.ubrn)}
            </strong>
          </p>
          {referral.accessCode ? (
            <p>
              Patient access code
              <br />
              <strong className="app-reference" data-testid="confirmation-access-code">
                {formatAccessCodeSafe(referral.accessCode)}
              </strong>
            </p>
          ) : null}
        </Panel>
        {notice ? (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">
              The booking could not be confirmed
            </WarningCallout.Heading>
            <p>{notice}</p>
          </WarningCallout>
        ) : null}
        <h2>What happens next</h2>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Patient</SummaryList.Key>
            <SummaryList.Value>
              {referral.patient.givenName} {referral.patient.familyName}
            </SummaryList.Value>
          </SummaryList.Row>
          {service ? (
            <SummaryList.Row>
              <SummaryList.Key>Service</SummaryList.Key>
              <SummaryList.Value>
                {service.name}
                <br />
                {service.site.name}, {service.site.town} {service.site.postcode}
              </SummaryList.Value>
            </SummaryList.Row>
          ) : null}
          {appointment?.start ? (
            <SummaryList.Row>
              <SummaryList.Key>Appointment</SummaryList.Key>
              <SummaryList.Value>{formatDateTime(appointment.start)}</SummaryList.Value>
            </SummaryList.Row>
          ) : null}
          {referral.patientContactBy ? (
            <SummaryList.Row>
              <SummaryList.Key>Provider to contact the patient by</SummaryList.Key>
              <SummaryList.Value>{formatDate(referral.patientContactBy)}</SummaryList.Value>
            </SummaryList.Row>
          ) : null}
        </SummaryList>
        {referral.accessCode && session.side === 'REFERRER' ? (
          <p>
            Give the patient their booking reference and access code. They can use them to check,
            change or cancel their appointment.
          </p>
        ) : null}
        <ul className="nhsuk-list">
          <li>
            <Link to={`/referrals/${referral.ubrn}`}>View the referral</Link>
          </li>
          {session.canRefer ? (
            <li>
              <Link to="/referrals/new">Start another referral</Link>
            </li>
          ) : null}
          <li>
            <Link to="/">Go to your worklists</Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
