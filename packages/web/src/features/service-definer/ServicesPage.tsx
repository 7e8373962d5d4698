import { useQuery } from '@apollo/client/react';
import { ActionLink, Button, Select, Tag, TextInput } from 'nhsuk-react-components';
import type { FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { ServiceLifecycleStatus } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { LIFECYCLE_LABELS } from '../../lib/labels';
import { DefinerHeading } from './form-fields';
import { DoneBanner } from '../../components/DoneBanner';

export const DefinedServicesData = graphql(`
  query DefinedServicesData($status: ServiceLifecycleStatus, $text: String) {
    definedServices(status: $status, text: $text) {
      id
      lifecycleStatus
      freeSlotCount
      slotIssueCount
      service {
        id
        name
        version
        effectiveFrom
        effectiveTo
        site {
          id
          name
        }
        specialty {
          code
          name
        }
        clinicType {
          code
          name
        }
      }
    }
  }
`);

const STATUSES = Object.keys(LIFECYCLE_LABELS) as ServiceLifecycleStatus[];

/** The organisation's services in the Directory of Services, filterable by status and text. */
export function ServicesPage() {
  usePageTitle('Services');
  const session = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const status = (params.get('status') as ServiceLifecycleStatus | null) || null;
  const text = params.get('text') ?? '';
  const query = useQuery(DefinedServicesData, {
    variables: { status, text: text || null },
    fetchPolicy: 'cache-and-network',
  });
  const organisation = session.acting?.roleAssignment.organisation;
  const services = query.data?.definedServices;
  const done = (location.state as { done?: string } | null)?.done;

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const s = String(form.get('status') ?? '');
    const t = String(form.get('text') ?? '').trim();
    if (s) next.set('status', s);
    if (t) next.set('text', t);
    navigate({ search: next.toString() ? `?${next}` : '' });
  };

  return (
    <>
      {done ? <DoneBanner message={done} /> : null}
      <DefinerHeading organisation={organisation?.name}>Services</DefinerHeading>
      <p className="nhsuk-lede-text">
        Your organisation’s services in the Directory of Services: what referrers can find, and the
        appointment slots they can book.
      </p>
      <ActionLink asElement={Link} to="/services/new" href="/services/new">
        Create a service
      </ActionLink>
      <form
        onSubmit={filter}
        aria-label="Filter services"
        className="app-filters"
        key={params.toString()}
      >
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <Select id="services-status" name="status" label="Status" defaultValue={status ?? ''}>
              <Select.Option value="">Any status</Select.Option>
              {STATUSES.map((s) => (
                <Select.Option key={s} value={s}>
                  {LIFECYCLE_LABELS[s].name}
                </Select.Option>
              ))}
            </Select>
          </div>
          <div className="nhsuk-grid-column-two-thirds">
            <TextInput
              id="services-text"
              name="text"
              label="Name, site or clinic type contains"
              defaultValue={text}
            />
          </div>
        </div>
        <Button type="submit" secondary small>
          Filter
        </Button>
        {status || text ? (
          <p>
            <Link to="/services">Clear filters</Link>
          </p>
        ) : null}
      </form>

      <section aria-labelledby="services-heading" aria-busy={query.loading}>
        <h2 id="services-heading" className="nhsuk-heading-m">
          {services
            ? `${services.length} ${services.length === 1 ? 'service' : 'services'}`
            : 'Services'}
        </h2>
        {!services ? (
          query.error ? (
            <PageProblem error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <LoadingMessage message="Loading your services…" />
          )
        ) : services.length === 0 ? (
          <p>
            {status || text
              ? 'No services match the filters.'
              : 'Your organisation has no services yet. Create one to publish appointments.'}
          </p>
        ) : (
          <table className="nhsuk-table-responsive" data-testid="services">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              Your organisation’s services
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['Service', 'Status', 'In effect', 'Version', 'Free slots', 'Slot issues'].map(
                  (h) => (
                    <th key={h} scope="col" className="nhsuk-table__header">
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {services.map((d) => {
                const label = LIFECYCLE_LABELS[d.lifecycleStatus];
                return (
                  <tr className="nhsuk-table__row" key={d.id} data-testid="service-row">
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Service{' '}
                      </span>
                      <Link to={`/services/${d.id}`}>{d.service.name}</Link>
                      <span className="nhsuk-u-display-block nhsuk-body-s nhsuk-u-margin-bottom-0">
                        {d.service.site.name}; {d.service.specialty.name},{' '}
                        {d.service.clinicType.name}
                      </span>
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Status{' '}
                      </span>
                      <Tag modifier={label.colour}>{label.name}</Tag>
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        In effect{' '}
                      </span>
                      {formatDate(d.service.effectiveFrom)}
                      {d.service.effectiveTo ? ` to ${formatDate(d.service.effectiveTo)}` : ''}
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Version{' '}
                      </span>
                      {d.service.version}
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Free slots{' '}
                      </span>
                      {d.freeSlotCount.toLocaleString('en-GB')}
                    </td>
                    <td className="nhsuk-table__cell">
                      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
                        Slot issues{' '}
                      </span>
                      {d.slotIssueCount.toLocaleString('en-GB')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <p>
        <Link to="/sites">Your organisation’s sites</Link>
      </p>
    </>
  );
}
