import { useQuery } from '@apollo/client/react';
import { WORKLISTS } from '@open-ers/domain';
import { BackLink, Button, Select } from 'nhsuk-react-components';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useLiveRefetch } from '../../app/live';
import { usePageTitle } from '../../app/page';
import { DoneBanner } from '../../components/DoneBanner';
import { LiveMessage } from '../../components/LiveMessage';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { Priority, WorklistCode, WorklistSort } from '../../gql/graphql';
import { WorklistsChanged } from './live';
import { WorklistRowView } from './WorklistRow';

export const WorklistData = graphql(`
  query WorklistData(
    $worklist: WorklistCode!
    $filter: WorklistFilterInput
    $sort: WorklistSort
    $first: Int
    $after: String
  ) {
    worklistCounts {
      worklist
      name
      description
      count
    }
    specialties {
      code
      name
    }
    worklistFilterChoices {
      services {
        id
        name
      }
      clinicians {
        id
        name
      }
    }
    worklist(worklist: $worklist, filter: $filter, sort: $sort, first: $first, after: $after) {
      worklist
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...WorklistRow
        }
      }
    }
  }
`);

export const WORKLIST_PAGE_SIZE = 20;
const NO_VARIABLES = {};

const SORTS: { id: WorklistSort; name: string }[] = [
  { id: 'MOST_URGENT', name: 'Most urgent first' },
  { id: 'LONGEST_WAITING', name: 'Longest waiting first' },
  { id: 'MOST_RECENT', name: 'Most recent first' },
];
const PRIORITIES: { id: Priority; name: string }[] = [
  { id: 'TWO_WEEK_WAIT', name: 'Two week wait' },
  { id: 'URGENT', name: 'Urgent' },
  { id: 'ROUTINE', name: 'Routine' },
];

/**
 * The choices for a filter, keeping the one in the address even when no entry names it any more
 * (so the form still shows what the list is narrowed to).
 */
function withChosen(
  choices: readonly { id: string; name: string }[] | undefined,
  chosen: string | null,
): readonly { id: string; name: string }[] {
  const list = choices ?? [];
  if (!chosen || list.some((c) => c.id === chosen)) return list;
  return [...list, { id: chosen, name: 'No longer on these worklists' }];
}

/** One of the worklist's filters (or its sort) as a select in the filter form's grid. */
function FilterSelect({
  name,
  label,
  value,
  any,
  options,
  width = 'one-third',
}: {
  name: string;
  label: string;
  value: string | null;
  /** The choice that filters nothing, if there is one. */
  any?: string;
  options: readonly { id: string; name: string }[];
  width?: 'one-half' | 'one-third';
}) {
  return (
    <div className={`nhsuk-grid-column-${width}`}>
      <Select id={`worklist-${name}`} name={name} label={label} defaultValue={value ?? ''}>
        {any ? <Select.Option value="">{any}</Select.Option> : null}
        {options.map((o) => (
          <Select.Option key={o.id} value={o.id}>
            {o.name}
          </Select.Option>
        ))}
      </Select>
    </div>
  );
}

/** Earlier pages' cursors, kept in the history entry so Previous goes back a page. */
interface PageState {
  readonly previous?: readonly (string | null)[];
}

/** One worklist: filter, sort and page through it; it refreshes itself as referrals move. */
export function WorklistPage() {
  const { code = '' } = useParams();
  const worklist = code as WorklistCode;
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const priority = (params.get('priority') as Priority | null) ?? null;
  const specialty = params.get('specialty');
  const serviceId = params.get('service');
  const clinicianId = params.get('clinician');
  const sort = (params.get('sort') as WorklistSort | null) ?? 'MOST_URGENT';
  const after = params.get('after');
  const previous = (location.state as PageState | null)?.previous ?? [];

  const variables = useMemo(
    () => ({
      worklist,
      filter:
        priority || specialty || serviceId || clinicianId
          ? { priority, specialty, serviceId, clinicianId }
          : null,
      sort,
      first: WORKLIST_PAGE_SIZE,
      after,
    }),
    [worklist, priority, specialty, serviceId, clinicianId, sort, after],
  );
  const query = useQuery(WorklistData, {
    variables,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: false,
  });
  const [announcement, setAnnouncement] = useState('');
  const [booked, setBooked] = useState<string | null>(null);
  useLiveRefetch(WorklistsChanged, NO_VARIABLES, async () => {
    await query.refetch();
    setAnnouncement(`Worklist updated at ${new Date().toLocaleTimeString('en-GB')}`);
  });

  const data = query.data;
  const info = data?.worklistCounts.find((c) => c.worklist === worklist);
  const title = info?.name ?? 'Worklist';
  usePageTitle(title);

  const go = (next: URLSearchParams, state: PageState) =>
    navigate({ search: next.toString() ? `?${next}` : '' }, { state });
  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['service', 'clinician', 'priority', 'specialty', 'sort']) {
      const value = String(form.get(key) ?? '');
      if (value && !(key === 'sort' && value === 'MOST_URGENT')) next.set(key, value);
    }
    go(next, {});
  };
  const pageSearch = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set('after', cursor);
    else next.delete('after');
    return next.toString() ? `?${next}` : '';
  };
  // Moving between pages keeps the filters in view; focus goes to the count of what is shown.
  const firstLoad = useRef(true);
  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    document.getElementById('worklist-heading')?.focus();
  }, [after]);

  if (!data && query.error) {
    return (
      <>
        <BackLink asElement={Link} to="/" href="/">
          All worklists
        </BackLink>
        <PageProblem title="Worklist" error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const connection = data?.worklist;
  const filtered = !!(priority || specialty || serviceId || clinicianId);
  const choices = data?.worklistFilterChoices;
  // A filter with nothing to choose (no entry names a clinician, say) is left out of the form.
  const services = withChosen(choices?.services, serviceId);
  const clinicians = withChosen(choices?.clinicians, clinicianId);
  // Referrer worklists name the referring clinician; provider worklists the one seeing the patient.
  const referrerSide = WORKLISTS.find((w) => w.code === worklist)?.owner === 'REFERRER';
  const pageNumber = previous.length + 1;
  const first =
    connection && connection.edges.length > 0 ? (pageNumber - 1) * WORKLIST_PAGE_SIZE + 1 : 0;
  const last = connection ? first + connection.edges.length - 1 : 0;

  return (
    <>
      <BackLink asElement={Link} to="/" href="/">
        All worklists
      </BackLink>
      {booked ? <DoneBanner message={booked} /> : null}
      <h1>{title}</h1>
      {info ? <p className="nhsuk-lede-text">{info.description}</p> : null}
      <LiveMessage message={announcement} />

      <form
        onSubmit={applyFilters}
        aria-label="Filter and sort"
        className="app-filters"
        key={params.toString()}
      >
        {services.length > 0 || clinicians.length > 0 ? (
          <div className="nhsuk-grid-row">
            {services.length > 0 ? (
              <FilterSelect
                name="service"
                label="Service"
                value={serviceId}
                any="Any service"
                options={services}
                width="one-half"
              />
            ) : null}
            {clinicians.length > 0 ? (
              <FilterSelect
                name="clinician"
                label={referrerSide ? 'Referring clinician' : 'Clinician'}
                value={clinicianId}
                any="Any clinician"
                options={clinicians}
                width="one-half"
              />
            ) : null}
          </div>
        ) : null}
        <div className="nhsuk-grid-row">
          <FilterSelect
            name="priority"
            label="Priority"
            value={priority}
            any="Any priority"
            options={PRIORITIES}
          />
          <FilterSelect
            name="specialty"
            label="Specialty"
            value={specialty}
            any="Any specialty"
            options={(data?.specialties ?? []).map((s) => ({ id: s.code, name: s.name }))}
          />
          <FilterSelect name="sort" label="Sort by" value={sort} options={SORTS} />
        </div>
        <Button type="submit" secondary small>
          Apply
        </Button>
        {filtered || sort !== 'MOST_URGENT' ? (
          <p>
            <Link to={`/worklists/${worklist}`}>Clear filters and sort</Link>
          </p>
        ) : null}
      </form>

      <section aria-labelledby="worklist-heading" aria-busy={query.loading}>
        <h2 id="worklist-heading" className="nhsuk-heading-m" tabIndex={-1}>
          {connection
            ? connection.totalCount === 0
              ? 'No referrals'
              : `Showing ${first} to ${last} of ${connection.totalCount} ${connection.totalCount === 1 ? 'referral' : 'referrals'}`
            : 'Referrals'}
        </h2>
        {!connection ? (
          <LoadingMessage message="Loading the worklist…" />
        ) : connection.edges.length === 0 ? (
          <p>
            {filtered
              ? 'There are no referrals on this worklist that match the filters.'
              : 'There are no referrals on this worklist. New ones appear here as they arrive.'}
          </p>
        ) : (
          <table className="nhsuk-table nhsuk-table--responsive" data-testid="worklist">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
              {title}, page {pageNumber}
            </caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th scope="col" className="nhsuk-table__header">
                  Patient
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Booking reference
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Priority
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Status
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Service
                </th>
                <th scope="col" className="nhsuk-table__header">
                  Referred by
                </th>
                <th scope="col" className="nhsuk-table__header">
                  In this state since
                </th>
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {connection.edges.map((edge) => (
                <WorklistRowView
                  key={edge.node.ubrn}
                  item={edge.node}
                  onBooked={(message) => {
                    setBooked(message);
                    void query.refetch();
                  }}
                />
              ))}
            </tbody>
          </table>
        )}
        {connection && (previous.length > 0 || connection.pageInfo.hasNextPage) ? (
          <nav className="nhsuk-pagination" role="navigation" aria-label="Pages of this worklist">
            <ul className="nhsuk-list nhsuk-pagination__list">
              {previous.length > 0 ? (
                <li className="nhsuk-pagination-item--previous">
                  <Link
                    className="nhsuk-pagination__link nhsuk-pagination__link--prev"
                    rel="prev"
                    to={{ search: pageSearch(previous.at(-1) ?? null) }}
                    state={{ previous: previous.slice(0, -1) } satisfies PageState}
                  >
                    <span className="nhsuk-pagination__title">Previous</span>
                    <span className="nhsuk-u-visually-hidden">:</span>
                    <span className="nhsuk-pagination__page">Page {pageNumber - 1}</span>
                  </Link>
                </li>
              ) : null}
              {connection.pageInfo.hasNextPage ? (
                <li className="nhsuk-pagination-item--next">
                  <Link
                    className="nhsuk-pagination__link nhsuk-pagination__link--next"
                    rel="next"
                    to={{ search: pageSearch(connection.pageInfo.endCursor) }}
                    state={{ previous: [...previous, after] } satisfies PageState}
                  >
                    <span className="nhsuk-pagination__title">Next</span>
                    <span className="nhsuk-u-visually-hidden">:</span>
                    <span className="nhsuk-pagination__page">Page {pageNumber + 1}</span>
                  </Link>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
      </section>
    </>
  );
}
