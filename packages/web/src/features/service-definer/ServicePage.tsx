import { useApolloClient, useQuery } from '@apollo/client/react';
import { APPOINTMENT_TYPE_NAMES } from '@open-ers/domain';
import { BackLink, Button, SummaryList, Tag, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { ServicePageDataQuery } from '../../gql/graphql';
import { hasErrorCode, toUserFacingErrors } from '../../lib/api-errors';
import { formatDate, formatDateTime, priorityName } from '../../lib/format';
import {
  BOOKABLE_TYPE_LABELS,
  LIFECYCLE_LABELS,
  REQUEST_FLOW_LABELS,
  SERVICE_VERSION_KIND_LABELS,
  SEX_TREATED_LABELS,
  SLOT_ISSUE_POLICY_LABELS,
} from '../../lib/labels';
import { StaleVersion } from '../referral/StaleVersion';
import { DoneBanner } from '../../components/DoneBanner';
import { DefinerHeading } from './form-fields';

export const ServicePageData = graphql(`
  query ServicePageData($id: ID!) {
    definedService(id: $id) {
      ...DefinedServiceFields
      ...ServiceVersionsFields
    }
  }
`);

export const PublishService = graphql(`
  mutation PublishService($id: ID!, $expectedVersion: Int!) {
    publishService(id: $id, expectedVersion: $expectedVersion) {
      ...DefinedServiceFields
      ...ServiceVersionsFields
    }
  }
`);

export const RetireService = graphql(`
  mutation RetireService($id: ID!, $expectedVersion: Int!, $effectiveTo: LocalDate!) {
    retireService(id: $id, expectedVersion: $expectedVersion, effectiveTo: $effectiveTo) {
      ...DefinedServiceFields
      ...ServiceVersionsFields
    }
  }
`);

type Defined = ServicePageDataQuery['definedService'];

/** One service: its definition, status and history, and what can be done to it. */
export function ServicePage() {
  const { id = '' } = useParams();
  const query = useQuery(ServicePageData, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const defined = query.data?.definedService;
  usePageTitle(defined?.service.name ?? 'Service');
  if (!defined) {
    return query.error ? (
      <PageProblem title="Service" error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <LoadingMessage title="Service" />
    );
  }
  return <ServiceView defined={defined} refetch={() => query.refetch()} />;
}

function ServiceView({ defined, refetch }: { defined: Defined; refetch: () => Promise<unknown> }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const flash = (location.state as { done?: string } | null)?.done;
  const [problems, setProblems] = useState<Problem[]>([]);
  const [retireError, setRetireError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [stale, setStale] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [retireOn, setRetireOn] = useState('');
  const { service } = defined;
  const status = LIFECYCLE_LABELS[defined.lifecycleStatus];
  const organisation = session.acting?.roleAssignment.organisation;

  const run = async (change: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setAttempt((a) => a + 1);
    setProblems([]);
    setRetireError(undefined);
    setStale(false);
    try {
      await change();
      await refetch();
      navigate(location.pathname, { replace: true, state: { done } });
    } catch (error) {
      if (hasErrorCode(error, 'STALE_VERSION')) {
        setStale(true);
        return;
      }
      const found = toUserFacingErrors(error);
      const onDate = found.find(
        (p) => p.field?.endsWith('effectiveTo') || p.code === 'INVALID_EFFECTIVE_DATES',
      );
      if (onDate) setRetireError(onDate.message);
      setProblems(
        found.map((p) =>
          p === onDate ? { message: p.message, fieldId: 'retire-date' } : { message: p.message },
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  const publish = () =>
    run(
      () =>
        client.mutate({
          mutation: PublishService,
          variables: { id: defined.id, expectedVersion: service.version },
        }),
      'Service published: referrers can now find it',
    );

  const retire = (event: FormEvent) => {
    event.preventDefault();
    if (!retireOn) {
      setAttempt((a) => a + 1);
      setRetireError('Enter the last day of the service.');
      setProblems([{ message: 'Enter the last day of the service.', fieldId: 'retire-date' }]);
      return;
    }
    void run(
      () =>
        client.mutate({
          mutation: RetireService,
          variables: { id: defined.id, expectedVersion: service.version, effectiveTo: retireOn },
        }),
      `Service retired: it ends on ${formatDate(retireOn)}. Existing referrals are not changed.`,
    );
  };

  const row = (key: string, value: ReactNode) => (
    <SummaryList.Row>
      <SummaryList.Key>{key}</SummaryList.Key>
      <SummaryList.Value>{value}</SummaryList.Value>
    </SummaryList.Row>
  );
  const retired = defined.lifecycleStatus === 'RETIRED';

  return (
    <>
      <BackLink asElement={Link} to="/services" href="/services">
        All services
      </BackLink>
      {flash ? <DoneBanner message={flash} /> : null}
      {stale ? (
        <StaleVersion
          thing="service"
          refreshing={refreshing}
          onRefresh={() => {
            setRefreshing(true);
            void refetch().finally(() => {
              setRefreshing(false);
              setStale(false);
            });
          }}
        />
      ) : null}
      <FormErrors problems={problems} attempt={attempt} />
      <DefinerHeading organisation={organisation?.name}>{service.name}</DefinerHeading>
      <p>
        <Tag modifier={status.colour} data-testid="service-status">
          {status.name}
        </Tag>{' '}
        <span className="nhsuk-body-s">{status.hint}</span>
      </p>

      <ul className="nhsuk-list app-actions" aria-label="Service actions">
        {defined.draft ? (
          <li>
            <Button type="button" onClick={() => void publish()}>
              {busy ? 'Publishing…' : 'Publish the service'}
            </Button>
          </li>
        ) : null}
        {retired ? null : (
          <li>
            <Link
              className="nhsuk-button nhsuk-button--secondary"
              to={`/services/${defined.id}/edit`}
            >
              Amend the service
            </Link>
          </li>
        )}
        <li>
          <Link
            className="nhsuk-button nhsuk-button--secondary"
            to={`/services/${defined.id}/schedules`}
          >
            Schedules and publishing
          </Link>
        </li>
        <li>
          <Link
            className="nhsuk-button nhsuk-button--secondary"
            to={`/services/${defined.id}/slots`}
          >
            Slot calendar
          </Link>
        </li>
      </ul>

      <h2 className="nhsuk-heading-m">Definition</h2>
      <SummaryList data-testid="definition">
        {row('Version', service.version)}
        {row('Site', `${service.site.name}, ${service.site.town} ${service.site.postcode}`)}
        {row('Specialty and clinic type', `${service.specialty.name}: ${service.clinicType.name}`)}
        {row('Appointment type', APPOINTMENT_TYPE_NAMES[service.appointmentType])}
        {row('Request type', REQUEST_FLOW_LABELS[service.requestFlow])}
        {row('Booking', BOOKABLE_TYPE_LABELS[service.bookableType])}
        {row('Priorities accepted', service.priorities.map(priorityName).join(', '))}
        {row(
          'Ages treated',
          service.minAgeYears == null && service.maxAgeYears == null
            ? 'Any age'
            : `${service.minAgeYears ?? 0} to ${service.maxAgeYears ?? 'any age'}${service.maxAgeYears == null ? '' : ' years'}`,
        )}
        {row('Sex treated', SEX_TREATED_LABELS[service.sexTreated])}
        {row('Referral letter', service.letterRequired ? 'Required' : 'Not required')}
        {row('Additional requirements', service.additionalRequirements ?? 'None')}
        {row('Referrer alert', service.referrerAlert ?? 'None')}
        {row('Instructions', service.instructions ?? 'None')}
        {row(
          'Booking windows',
          <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
            {defined.bookingWindows.map((w) => (
              <li key={w.priority}>
                {priorityName(w.priority)}: from {w.opensHoursAhead}{' '}
                {w.opensHoursAhead === 1 ? 'hour' : 'hours'} to {w.closesDaysAhead} days ahead
              </li>
            ))}
          </ul>,
        )}
        {row(
          'Reserved for your staff',
          service.reservationDays === 0
            ? 'Not reserved'
            : `${service.reservationDays} ${service.reservationDays === 1 ? 'day' : 'days'} after publication`,
        )}
        {row(
          'Indicative wait',
          service.indicativeWaitDays == null
            ? 'Not published'
            : `${service.indicativeWaitDays} days`,
        )}
        {row(
          'Named clinicians',
          defined.namedClinicians.length
            ? defined.namedClinicians.map((c) => c.name).join(', ')
            : 'None',
        )}
        {row(
          'In effect',
          `${formatDate(service.effectiveFrom)}${service.effectiveTo ? ` to ${formatDate(service.effectiveTo)}` : ', no end date'}`,
        )}
        {row('Slots published ahead', `${defined.publicationWeeks} weeks`)}
        {row(
          'Appointment slot issues',
          <>
            <strong>{SLOT_ISSUE_POLICY_LABELS[defined.slotIssuePolicy].name}</strong>
            <br />
            {SLOT_ISSUE_POLICY_LABELS[defined.slotIssuePolicy].explanation(defined.offerHoldHours)}
          </>,
        )}
        {row('Free slots', defined.freeSlotCount.toLocaleString('en-GB'))}
        {row('Referrals waiting (slot issues)', defined.slotIssueCount.toLocaleString('en-GB'))}
      </SummaryList>

      {retired ? null : (
        <form onSubmit={retire} noValidate aria-labelledby="retire-heading">
          <h2 id="retire-heading" className="nhsuk-heading-m">
            Retire the service
          </h2>
          <p>
            The service ends on the date you give: after it, referrers cannot find it. Referrals
            already made are not changed.
          </p>
          <TextInput
            id="retire-date"
            name="effectiveTo"
            label="Last day of the service"
            type="date"
            width={10}
            value={retireOn}
            error={retireError}
            onChange={(e) => setRetireOn(e.currentTarget.value)}
          />
          <Button type="submit" warning>
            Retire the service
          </Button>
        </form>
      )}

      <VersionHistory versions={defined.versions} />
    </>
  );
}

/** Every version of the service, newest first: who changed what, from what to what. */
function VersionHistory({ versions }: { versions: Defined['versions'] }) {
  return (
    <section aria-labelledby="history-heading" data-testid="service-history">
      <h2 id="history-heading" className="nhsuk-heading-m">
        History
      </h2>
      <ol className="nhsuk-list app-history" reversed>
        {versions.map((v) => (
          <li key={v.version} className="nhsuk-u-margin-bottom-5" data-testid="service-version">
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
              Version {v.version}: {SERVICE_VERSION_KIND_LABELS[v.kind] ?? v.kind}
            </h3>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-2">
              By {v.changedByName}, {formatDateTime(v.changedAt)}
            </p>
            {v.changes.length > 0 ? (
              <table className="nhsuk-table">
                <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                  Changes in version {v.version}
                </caption>
                <thead className="nhsuk-table__head">
                  <tr className="nhsuk-table__row">
                    <th scope="col" className="nhsuk-table__header">
                      What
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Was
                    </th>
                    <th scope="col" className="nhsuk-table__header">
                      Now
                    </th>
                  </tr>
                </thead>
                <tbody className="nhsuk-table__body">
                  {v.changes.map((c) => (
                    <tr className="nhsuk-table__row" key={c.field}>
                      <th scope="row" className="nhsuk-table__header">
                        {c.label}
                      </th>
                      <td className="nhsuk-table__cell app-preserve-lines">
                        {c.from ?? 'Not set'}
                      </td>
                      <td className="nhsuk-table__cell app-preserve-lines">{c.to ?? 'Not set'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
