import { WarningCallout } from 'nhsuk-react-components';
import { graphql } from '../../gql';
import type { ServiceResultFragment } from '../../gql/graphql';
import { formatMiles, priorityName } from '../../lib/format';

export const ServiceResult = graphql(`
  fragment ServiceResult on ServiceSearchResult {
    distanceMiles
    service {
      id
      name
      requestFlow
      bookableType
      priorities
      letterRequired
      referrerAlert
      instructions
      provider {
        id
        name
      }
      site {
        id
        name
        town
        postcode
      }
      clinicType {
        code
        name
      }
    }
  }
`);

const REQUEST_FLOW_LABELS: Record<ServiceResultFragment['service']['requestFlow'], string> = {
  APPOINTMENT_REQUEST: 'Appointment',
  TRIAGE_REQUEST: 'Triage (referral assessment)',
  ADVICE_AND_GUIDANCE_REQUEST: 'Advice and Guidance',
};

/** One service in the search results. */
export function ServiceResultCard({ result }: { result: ServiceResultFragment }) {
  const { service } = result;
  return (
    <li className="nhsuk-card" data-testid="service-result">
      <div className="nhsuk-card__content">
        <h3 className="nhsuk-card__heading nhsuk-heading-s">{service.name}</h3>
        <p className="nhsuk-body-s app-result__meta">
          {service.provider.name}
          <br />
          {service.site.name}, {service.site.town} {service.site.postcode}
        </p>
        <dl className="nhsuk-summary-list nhsuk-summary-list--no-border nhsuk-u-margin-bottom-2">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Distance</dt>
            <dd className="nhsuk-summary-list__value">{formatMiles(result.distanceMiles)}</dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Request type</dt>
            <dd className="nhsuk-summary-list__value">
              {REQUEST_FLOW_LABELS[service.requestFlow]}
              {service.bookableType === 'INDIRECTLY_BOOKABLE'
                ? ' – booked by the provider by phone'
                : ''}
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Priorities accepted</dt>
            <dd className="nhsuk-summary-list__value">
              {service.priorities.map(priorityName).join(', ')}
            </dd>
          </div>
          {service.letterRequired ? (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Referral letter</dt>
              <dd className="nhsuk-summary-list__value">Required</dd>
            </div>
          ) : null}
        </dl>
        {service.referrerAlert ? (
          <WarningCallout className="nhsuk-u-margin-bottom-2">
            <WarningCallout.Heading headingLevel="h4">Referrer alert</WarningCallout.Heading>
            <p>{service.referrerAlert}</p>
          </WarningCallout>
        ) : null}
        {service.instructions ? <p className="nhsuk-body-s">{service.instructions}</p> : null}
      </div>
    </li>
  );
}
