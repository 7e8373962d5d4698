import { InsetText } from 'nhsuk-react-components';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';

/**
 * The start page of commissioners and information analysts: what they can do in open-ers today
 * and where. They follow no referral worklists; referrals are theirs to see only where their
 * organisation commissioned them.
 */
export function OversightHomePage() {
  const session = useSession();
  const assignment = session.acting?.roleAssignment;
  usePageTitle(assignment?.roleName ?? 'Home');
  return (
    <>
      <h1>
        {assignment?.roleName ?? 'Home'}
        {assignment ? (
          <span className="nhsuk-caption-l nhsuk-caption--bottom">
            {assignment.organisation.name}
          </span>
        ) : null}
      </h1>
      <p className="nhsuk-lede-text">
        You can see the services referrers can choose from, as they see them.
      </p>
      <ul className="nhsuk-grid-row nhsuk-card-group" aria-label="What you can do">
        <li className="nhsuk-grid-column-one-half nhsuk-card-group__item">
          <div className="nhsuk-card nhsuk-card--clickable">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m">
                <Link className="nhsuk-card__link" to="/search">
                  Find a service
                </Link>
              </h2>
              <p className="nhsuk-card__description">
                Search the Directory of Services by specialty, clinic type, priority and distance
                from a postcode, with each service&rsquo;s earliest appointment.
              </p>
            </div>
          </div>
        </li>
      </ul>
      <InsetText>
        <p>
          Referral activity reports, extracts and dashboards are not available in open-ers yet.
          Until they are, ask your organisation&rsquo;s open-ers contact for figures.
        </p>
      </InsetText>
    </>
  );
}
