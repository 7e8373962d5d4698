import { useQuery } from '@apollo/client/react';
import { ActionLink } from 'nhsuk-react-components';
import { Link, useLocation } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { DoneBanner } from '../../components/DoneBanner';
import { DefinerHeading } from './form-fields';

export const SiteFields = graphql(`
  fragment SiteFields on Site {
    id
    odsCode
    name
    addressLine
    town
    postcode
    latitude
    longitude
  }
`);

export const OrganisationSitesData = graphql(`
  query OrganisationSitesData {
    organisationSites {
      ...SiteFields
    }
  }
`);

/** The organisation's sites, where its services run. */
export function SitesPage() {
  usePageTitle('Sites');
  const session = useSession();
  const location = useLocation();
  const done = (location.state as { done?: string } | null)?.done;
  const query = useQuery(OrganisationSitesData, { fetchPolicy: 'cache-and-network' });
  const sites = query.data?.organisationSites;
  return (
    <>
      {done ? <DoneBanner message={done} /> : null}
      <DefinerHeading organisation={session.acting?.roleAssignment.organisation.name}>
        Sites
      </DefinerHeading>
      <p className="nhsuk-lede-text">
        Where your services run. Distances in search results are measured from the site’s postcode.
      </p>
      <ActionLink asElement={Link} to="/sites/new" href="/sites/new">
        Add a site
      </ActionLink>
      {!sites ? (
        query.error ? (
          <PageProblem error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <LoadingMessage message="Loading your sites…" />
        )
      ) : sites.length === 0 ? (
        <p>Your organisation has no sites yet.</p>
      ) : (
        <table className="nhsuk-table-responsive" data-testid="sites">
          <caption className="nhsuk-table__caption">
            {sites.length} {sites.length === 1 ? 'site' : 'sites'}
          </caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Site', 'Site code', 'Address', 'Action'].map((h) => (
                <th key={h} scope="col" className="nhsuk-table__header">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {sites.map((s) => (
              <tr className="nhsuk-table__row" key={s.id}>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Site{' '}
                  </span>
                  {s.name}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Site code{' '}
                  </span>
                  {s.odsCode}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Address{' '}
                  </span>
                  {s.addressLine}, {s.town} {s.postcode}
                </td>
                <td className="nhsuk-table__cell">
                  <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                    Action{' '}
                  </span>
                  <Link to={`/sites/${s.id}/edit`}>
                    Change <span className="nhsuk-u-visually-hidden">{s.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
