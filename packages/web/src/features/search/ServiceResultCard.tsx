import { WarningCallout } from 'nhsuk-react-components';
import { graphql } from '../../gql';
import type { ServiceResultFragment } from '../../gql/graphql';
import { formatDateTime, formatMiles, priorityName } from '../../lib/format';
import { REQUEST_FLOW_LABELS } from '../../lib/labels';

export const ServiceResult = graphql(`
  fragment ServiceResult on ServiceSearchResult {
    distanceMiles
    earliestSlotStart
    indicativeWaitDays
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

/** How long the wait is, as people say it: "2 days", "1 day", "Same day". */
export function formatWait(days: number): string {
  if (days === 0) return 'Same day';
  return `${days} ${days === 1 ? 'day' : 'days'}`;
}

export interface ShortlistControl {
  readonly onShortlist: boolean;
  /** Why it cannot be added (the shortlist is full), if it cannot. */
  readonly cannotAdd?: string | undefined;
  readonly onToggle: () => void;
}

/** One service in the search results, with a shortlist button when building a referral. */
export function ServiceResultCard({
  result,
  shortlist,
  preview = false,
}: {
  result: ServiceResultFragment;
  shortlist?: ShortlistControl | undefined;
  /** A service definer's preview: no patient, so no distance, and no slots yet. */
  preview?: boolean;
}) {
  const { service } = result;
  const directlyBookable =
    service.requestFlow === 'APPOINTMENT_REQUEST' && service.bookableType === 'DIRECTLY_BOOKABLE';
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
          {preview ? null : (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Distance</dt>
              <dd className="nhsuk-summary-list__value">{formatMiles(result.distanceMiles)}</dd>
            </div>
          )}
          {directlyBookable && !preview ? (
            <div className="nhsuk-summary-list__row">
              <dt className="nhsuk-summary-list__key">Earliest appointment</dt>
              <dd className="nhsuk-summary-list__value">
                {result.earliestSlotStart
                  ? formatDateTime(result.earliestSlotStart)
                  : 'None available to book'}
              </dd>
            </div>
          ) : null}
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Indicative wait</dt>
            <dd className="nhsuk-summary-list__value">
              {result.indicativeWaitDays != null
                ? formatWait(result.indicativeWaitDays)
                : 'Not published'}
            </dd>
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
        {shortlist ? (
          shortlist.onShortlist ? (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0"
              onClick={shortlist.onToggle}
            >
              Remove <span className="nhsuk-u-visually-hidden">{service.name}</span> from shortlist
            </button>
          ) : shortlist.cannotAdd ? (
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">{shortlist.cannotAdd}</p>
          ) : (
            <button
              type="button"
              className="nhsuk-button nhsuk-u-margin-bottom-0"
              onClick={shortlist.onToggle}
            >
              Add <span className="nhsuk-u-visually-hidden">{service.name}</span> to shortlist
            </button>
          )
        ) : null}
      </div>
    </li>
  );
}
