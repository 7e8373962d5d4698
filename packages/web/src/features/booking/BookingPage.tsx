import { useQuery } from '@apollo/client/react';
import { isRedirect } from '@open-ers/domain';
import { BackLink, NotificationBanner } from 'nhsuk-react-components';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { usePageTitle } from '../../app/page';
import { FormErrors } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { formatAccessCodeSafe, formatReference } from '../../lib/format';
import { PatientBannerView } from '../referral/PatientBanner';
import { Appointments } from './Appointments';
import type { Reported, ServiceOption } from './booking-types';
import { OtherServices } from './OtherServices';

export { HoldSlot, ReleaseSlot } from './useSlotHold';
export { BookAppointment, DeferFromBooking, ProviderServices } from './booking-operations';

export const BookingData = graphql(`
  query BookingData(
    $ubrn: ID!
    $serviceId: ID!
    $withSlots: Boolean!
    $first: Int
    $after: String
  ) {
    referral(ubrn: $ubrn) {
      ...ReferralSummaryFields
      appointmentService {
        id
        specialty {
          code
        }
      }
      shortlist {
        id
        specialty {
          code
        }
      }
    }
    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first, after: $after)
      @include(if: $withSlots) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        providerOnly
        node {
          ...BookableSlot
        }
      }
    }
  }
`);

export const SLOTS_PAGE_SIZE = 50;

/**
 * Book the referral: choose a service, then a date and time from a calendar-style list. The
 * chosen appointment is held for a few minutes (with a visible countdown) while the user
 * confirms; when nothing can be booked, defer to the provider instead.
 */
export function BookingPage() {
  const { ubrn = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  usePageTitle('Book an appointment');
  const [extraServices, setExtraServices] = useState<ServiceOption[]>([]);
  const [reported, setReported] = useState<Reported | null>(null);

  const wanted = params.get('service');
  const base = useQuery(BookingData, {
    variables: { ubrn, serviceId: wanted ?? '', withSlots: !!wanted, first: SLOTS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const referral = base.data?.referral;
  const book = referral?.allowedActions.find((a) => a.action === 'BOOK');
  const triage = referral?.allowedActions.find((a) => a.action === 'SEND_FOR_TRIAGE');
  const defer = referral?.allowedActions.find((a) => a.action === 'DEFER_TO_PROVIDER');

  const options: ServiceOption[] = useMemo(() => {
    if (!referral || !book) return [];
    const fromShortlist = book.serviceIds.map((id) => {
      const s = referral.shortlist.find((x) => x.id === id);
      return {
        id,
        name: s?.name ?? 'Service',
        where: s ? `${s.provider.name}, ${s.site.town}` : '',
      };
    });
    return [...fromShortlist, ...extraServices.filter((e) => !book.serviceIds.includes(e.id))];
  }, [referral, book, extraServices]);

  // With one service to choose from, go straight to its appointments.
  const serviceId = wanted ?? (options.length === 1 ? options[0]!.id : null);
  const pageState = location.state as unknown;
  useEffect(() => {
    if (!wanted && options.length === 1) {
      setParams({ service: options[0]!.id }, { replace: true, state: pageState });
    }
  }, [wanted, options, setParams, pageState]);

  if (!referral) {
    return base.error ? (
      <PageProblem
        title="Book an appointment"
        error={base.error}
        onRetry={() => void base.refetch()}
      />
    ) : (
      <LoadingMessage title="Book an appointment" message="Loading the referral…" />
    );
  }

  const chosen = options.find((o) => o.id === serviceId);
  return (
    <>
      <BackLink asElement={Link} to={`/referrals/${ubrn}`} href={`/referrals/${ubrn}`}>
        Back to the referral
      </BackLink>
      {/* The error summary leads the main content (NHS.UK pattern), above everything else. */}
      {chosen && reported?.serviceId === chosen.id ? (
        <FormErrors problems={reported.problems} attempt={reported.attempt} />
      ) : null}
      {created ? (
        <NotificationBanner success>
          <NotificationBanner.Heading>Referral created</NotificationBanner.Heading>
          <p>
            Booking reference <strong>{formatReference(referral.ubrn)}</strong>
            {referral.accessCode ? (
              <>
                , patient access code <strong>{formatAccessCodeSafe(referral.accessCode)}</strong>
              </>
            ) : null}
            . Now book an appointment, or send the referral for triage.
          </p>
        </NotificationBanner>
      ) : null}
      <PatientBannerView patient={referral.patient} />
      <span className="nhsuk-caption-l">Referral {formatReference(referral.ubrn)}</span>
      <h1>Book an appointment</h1>

      {!book && !triage ? (
        <p>
          This referral cannot be booked now.{' '}
          <Link to={`/referrals/${ubrn}`}>See what you can do with it</Link>.
        </p>
      ) : null}

      {book ? (
        <section aria-labelledby="services-heading">
          <h2 id="services-heading" className="nhsuk-heading-m">
            {options.length > 1 ? 'Choose a service' : 'Service'}
          </h2>
          <ul className="nhsuk-list app-service-choices">
            {options.map((o) => (
              <li
                key={o.id}
                className={o.id === serviceId ? 'app-service-choices__current' : undefined}
              >
                {o.id === serviceId ? (
                  <span aria-current="true">
                    <strong>{o.name}</strong>{' '}
                    <span className="nhsuk-body-s">({o.where}, chosen)</span>
                  </span>
                ) : (
                  <Link to={`?service=${o.id}`} replace>
                    Show appointments at {o.name}
                    <span className="nhsuk-body-s"> ({o.where})</span>
                  </Link>
                )}
              </li>
            ))}
          </ul>
          {book.mayRedirect ? (
            <OtherServices referral={referral} known={options} onFound={setExtraServices} />
          ) : null}
        </section>
      ) : null}

      {triage ? (
        <section aria-labelledby="triage-heading">
          <h2 id="triage-heading" className="nhsuk-heading-m">
            Send for triage
          </h2>
          <p>
            A clinician at a referral assessment service reviews the referral and decides what
            happens next.
          </p>
          <ul className="nhsuk-list">
            {triage.serviceIds.map((id) => {
              const s = referral.shortlist.find((x) => x.id === id);
              return (
                <li key={id}>
                  <Link to={`/referrals/${ubrn}/send-for-triage?service=${id}`}>
                    Send for triage to {s?.name ?? 'the referral assessment service'}
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {book && chosen ? (
        <Appointments
          key={chosen.id}
          referral={referral}
          service={chosen}
          slots={base.data?.bookableSlots}
          loading={base.loading}
          error={base.error}
          canDefer={!!defer?.serviceIds.includes(chosen.id)}
          needsRedirect={isRedirect(book.redirectFromServiceId, chosen.id)}
          redirectReasons={book.redirectReasons}
          report={setReported}
          loadMore={(after) => base.fetchMore({ variables: { after } })}
          refetch={() => base.refetch()}
        />
      ) : null}
    </>
  );
}
