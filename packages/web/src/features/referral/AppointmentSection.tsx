import { SummaryList } from 'nhsuk-react-components';
import { PROPOSAL_REASON_NAMES } from '@open-ers/domain';
import { graphql } from '../../gql';
import type { AppointmentDetailsFragment } from '../../gql/graphql';
import { formatDate, formatTimeRange } from '../../lib/format';

export const AppointmentDetails = graphql(`
  fragment AppointmentDetails on Referral {
    patientContactBy
    appointment {
      status
      start
      end
      serviceId
      slotId
      proposalReason
    }
    appointmentService {
      id
      name
      bookableType
      provider {
        id
        name
      }
      site {
        id
        name
        addressLine
        town
        postcode
      }
    }
  }
`);

const STATUS_TEXT: Record<string, string> = {
  BOOKED: 'Booked',
  PROPOSED: 'To be arranged by the provider',
  CANCELLED: 'Cancelled',
  DID_NOT_ATTEND: 'Patient did not attend',
  FULFILLED: 'Attended',
};

/** The current appointment: when and where, or who is to arrange it and by when. */
export function AppointmentSection({ referral }: { referral: AppointmentDetailsFragment }) {
  const { appointment, appointmentService: service } = referral;
  return (
    <section aria-labelledby="appointment-heading">
      <h2 id="appointment-heading" className="nhsuk-heading-m">
        Appointment
      </h2>
      {!appointment || !service ? (
        <p>No appointment has been booked.</p>
      ) : (
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Status</SummaryList.Key>
            <SummaryList.Value>
              {STATUS_TEXT[appointment.status] ?? appointment.status}
            </SummaryList.Value>
          </SummaryList.Row>
          {appointment.start ? (
            <SummaryList.Row>
              <SummaryList.Key>Date and time</SummaryList.Key>
              <SummaryList.Value data-testid="appointment-time">
                {formatTimeRange(appointment.start, appointment.end)}
              </SummaryList.Value>
            </SummaryList.Row>
          ) : null}
          <SummaryList.Row>
            <SummaryList.Key>Service</SummaryList.Key>
            <SummaryList.Value>
              {service.name}
              <br />
              {service.provider.name}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Where</SummaryList.Key>
            <SummaryList.Value>
              {service.site.name}
              <br />
              {service.site.addressLine}, {service.site.town} {service.site.postcode}
            </SummaryList.Value>
          </SummaryList.Row>
          {appointment.proposalReason ? (
            <SummaryList.Row>
              <SummaryList.Key>Why</SummaryList.Key>
              <SummaryList.Value>
                {PROPOSAL_REASON_NAMES[appointment.proposalReason]}
              </SummaryList.Value>
            </SummaryList.Row>
          ) : null}
          {referral.patientContactBy ? (
            <SummaryList.Row>
              <SummaryList.Key>Patient to be contacted by</SummaryList.Key>
              <SummaryList.Value>{formatDate(referral.patientContactBy)}</SummaryList.Value>
            </SummaryList.Row>
          ) : null}
        </SummaryList>
      )}
    </section>
  );
}
