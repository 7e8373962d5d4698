import { useApolloClient, useLazyQuery, useQuery } from '@apollo/client/react';
import { isRedirect, priorityInfo } from '@open-ers/domain';
import { BackLink, NotificationBanner } from 'nhsuk-react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { focusElement, usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import type { BookingDataQuery } from '../../gql/graphql';
import {
  hasErrorCode,
  isNetworkProblem,
  newIdempotencyKey,
  toUserFacingErrors,
} from '../../lib/api-errors';
import {
  ageOn,
  formatAccessCodeSafe,
  formatDateTime,
  formatReference,
  formatTime,
  ukDay,
} from '../../lib/format';
import { RedirectReasonField } from '../referral/actions/fields';
import { PatientBannerView } from '../referral/PatientBanner';
import { StaleVersion } from '../referral/StaleVersion';
import { HoldCountdown } from './HoldCountdown';
import { SlotPicker } from './SlotPicker';
import { useSlotHold } from './useSlotHold';

export { HoldSlot, ReleaseSlot } from './useSlotHold';

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

export const BookAppointment = graphql(`
  mutation BookAppointment($input: BookAppointmentInput!) {
    bookAppointment(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

export const DeferFromBooking = graphql(`
  mutation DeferFromBooking($input: ServiceChoiceInput!) {
    deferToProvider(input: $input) {
      notice
      noticeMessage
      referral {
        ...ReferralSummaryFields
      }
    }
  }
`);

/**
 * The provider's other services, for booking a referral somewhere off its shortlist: the
 * nearest 30 services of the specialty that could take the patient (more would be over the
 * API's query cost limit), of which the provider's own are offered.
 */
export const ProviderServices = graphql(`
  query ProviderServices($input: ServiceSearchInput!) {
    searchServices(input: $input, first: 30) {
      edges {
        node {
          service {
            id
            name
            requestFlow
            bookableType
            provider {
              id
            }
            site {
              id
              town
            }
          }
        }
      }
    }
  }
`);

export const SLOTS_PAGE_SIZE = 50;

type Referral = BookingDataQuery['referral'];
interface ServiceOption {
  readonly id: string;
  readonly name: string;
  readonly where: string;
}
/** The problems to show in the error summary, for one service's appointments. */
interface Reported {
  readonly serviceId: string;
  readonly problems: readonly Problem[];
  /** A new number on every report, so the summary is made afresh and takes focus. */
  readonly attempt: number;
}

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

/** For provider staff: find the provider's other services that could take the referral. */
function OtherServices({
  referral,
  known,
  onFound,
}: {
  referral: Referral;
  known: readonly ServiceOption[];
  onFound: (services: ServiceOption[]) => void;
}) {
  const session = useSession();
  const [search, { loading, error, called }] = useLazyQuery(ProviderServices);
  const specialty =
    referral.appointmentService?.specialty.code ?? referral.shortlist[0]?.specialty.code ?? null;
  if (!specialty) return null;
  const find = async () => {
    const { patient } = referral;
    const result = await search({
      variables: {
        input: {
          patient: {
            ageYears: ageOn(patient.dateOfBirth, ukDay(new Date().toISOString())),
            sex: patient.sex,
            postcode: patient.postcode,
          },
          priority: referral.priority,
          specialty,
        },
      },
    }).catch(() => null); // the error is shown from the hook's state
    if (!result) return;
    const own = session.acting?.roleAssignment.organisation.id;
    onFound(
      (result.data?.searchServices.edges ?? [])
        .map((e) => e.node.service)
        .filter(
          (s) =>
            s.provider.id === own &&
            s.requestFlow === 'APPOINTMENT_REQUEST' &&
            !known.some((k) => k.id === s.id),
        )
        .map((s) => ({ id: s.id, name: s.name, where: s.site.town })),
    );
  };
  return (
    <p>
      {called && !loading && !error ? (
        'Your organisation’s other services for this specialty are listed above.'
      ) : (
        <button
          type="button"
          className="nhsuk-button nhsuk-button--secondary"
          onClick={() => void find()}
        >
          {loading ? 'Finding services…' : 'Book into another of your services'}
        </button>
      )}
      {error ? (
        <span className="nhsuk-error-message">{toUserFacingErrors(error)[0]?.message}</span>
      ) : null}
    </p>
  );
}

const SLOT_FIELD = 'booking-slot';
const REDIRECT_FIELD = 'booking-redirect';

function Appointments({
  referral,
  service,
  slots,
  loading,
  error,
  canDefer,
  needsRedirect,
  redirectReasons,
  report,
  loadMore,
  refetch,
}: {
  referral: Referral;
  service: ServiceOption;
  slots: BookingDataQuery['bookableSlots'];
  loading: boolean;
  error: unknown;
  canDefer: boolean;
  /** Whether booking into this service needs a redirect reason (the domain's rule). */
  needsRedirect: boolean;
  redirectReasons: readonly { code: string; name: string; commentMandatory: boolean }[];
  /** Shows problems in the page's error summary. */
  report: (reported: Reported | null) => void;
  loadMore: (after: string) => Promise<unknown>;
  refetch: () => Promise<unknown>;
}) {
  const client = useApolloClient();
  const navigate = useNavigate();
  const session = useSession();
  const { hold, holdSlot, release, forget } = useSlotHold(referral.ubrn);
  const [selected, setSelected] = useState('');
  const [redirect, setRedirect] = useState('');
  const [problems, setProblemsState] = useState<readonly Problem[]>([]);
  const [slotError, setSlotError] = useState<string | undefined>();
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [bookingKey, setBookingKey] = useState(newIdempotencyKey);
  const heldPanel = useRef<HTMLDivElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const attempts = useRef(0);

  /** Problems go to the page's error summary (a fresh one, focused) and beside their fields. */
  const setProblems = useCallback(
    (found: readonly Problem[]) => {
      setProblemsState(found);
      attempts.current += 1;
      report(
        found.length > 0
          ? { serviceId: service.id, problems: found, attempt: attempts.current }
          : null,
      );
    },
    [report, service.id],
  );
  useEffect(() => () => report(null), [report]);
  useEffect(() => {
    if (hold) focusElement(heldPanel.current);
  }, [hold]);

  const edges = slots?.edges ?? [];
  const heldSlot = hold ? edges.find((e) => e.node.id === hold.slotId)?.node : undefined;

  const fail = (error: unknown, fallbackField?: string) => {
    if (!isNetworkProblem(error)) setBookingKey(newIdempotencyKey());
    if (hasErrorCode(error, 'STALE_VERSION')) {
      setStale(true);
      return;
    }
    const found = toUserFacingErrors(error);
    const gone = found.find((p) => p.code === 'SLOT_NOT_AVAILABLE');
    if (gone) {
      forget();
      setSelected('');
      setSlotError(gone.message);
      setProblems([{ message: gone.message, fieldId: SLOT_FIELD }]);
      void refetch();
      return;
    }
    setProblems(
      found.map((p) => ({
        message: p.message,
        fieldId:
          p.field === 'redirectReason'
            ? REDIRECT_FIELD
            : p.field === 'slotId'
              ? SLOT_FIELD
              : fallbackField,
      })),
    );
  };

  const holdSelected = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setStale(false);
    const found: Problem[] = [];
    if (!selected) found.push({ message: 'Choose a date and time.', fieldId: SLOT_FIELD });
    if (needsRedirect && !redirect) {
      found.push({
        message: 'Choose why the referral is going to a different service.',
        fieldId: REDIRECT_FIELD,
      });
    }
    setSlotError(selected ? undefined : 'Choose a date and time.');
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await holdSlot(selected, needsRedirect ? redirect : null);
      setBookingKey(newIdempotencyKey());
    } catch (error) {
      fail(error, SLOT_FIELD);
    } finally {
      setBusy(false);
    }
  };

  const chooseAgain = async () => {
    setProblems([]);
    await release();
    focusElement(listHeading.current);
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !hold) return;
    setProblems([]);
    setBusy(true);
    try {
      const result = await client.mutate({
        mutation: BookAppointment,
        variables: {
          input: {
            ubrn: referral.ubrn,
            slotId: hold.slotId,
            expectedVersion: referral.version,
            idempotencyKey: bookingKey,
            redirectReason: needsRedirect ? redirect : null,
          },
        },
      });
      forget();
      const payload = result.data!.bookAppointment;
      void navigate(`/referrals/${referral.ubrn}/confirmation`, {
        state: { notice: payload.noticeMessage },
      });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const lapsed = () => {
    forget();
    setSelected('');
    const message =
      'The hold on that appointment has ended, so it may have gone to someone else. Choose a date and time again.';
    setSlotError(message);
    setProblems([{ message, fieldId: SLOT_FIELD }]);
    void refetch();
  };

  const deferNow = async () => {
    if (busy) return;
    setBusy(true);
    setProblems([]);
    try {
      const result = await client.mutate({
        mutation: DeferFromBooking,
        variables: {
          input: {
            ubrn: referral.ubrn,
            serviceId: service.id,
            expectedVersion: referral.version,
            idempotencyKey: bookingKey,
          },
        },
      });
      navigate(`/referrals/${referral.ubrn}/confirmation`, {
        state: { notice: result.data!.deferToProvider.noticeMessage },
      });
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const contactDays = priorityInfo(referral.priority).deferToProviderContactDays;

  return (
    <section aria-labelledby="appointments-heading">
      <h2 id="appointments-heading" className="nhsuk-heading-m" ref={listHeading} tabIndex={-1}>
        Appointments at {service.name}
      </h2>
      {stale ? (
        <StaleVersion
          onRefresh={() => void refetch().then(() => setStale(false))}
          refreshing={loading}
        />
      ) : null}
      {!slots ? (
        error ? (
          <PageProblem error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingMessage message="Loading appointments…" />
        )
      ) : hold ? (
        <div
          className="nhsuk-card app-hold"
          ref={heldPanel}
          aria-labelledby="hold-heading"
          role="region"
        >
          <div className="nhsuk-card__content">
            <h3 id="hold-heading" className="nhsuk-card__heading nhsuk-heading-m">
              Appointment held
            </h3>
            <p data-testid="held-slot">
              {heldSlot ? (
                <>
                  <strong>{formatDateTime(heldSlot.startAt)}</strong> to{' '}
                  {formatTime(heldSlot.endAt)}
                  <br />
                </>
              ) : null}
              {service.name}
            </p>
            <HoldCountdown heldUntil={hold.heldUntil} onLapse={lapsed} />
            <form onSubmit={(e) => void confirm(e)} noValidate aria-label="Confirm the booking">
              <div className="nhsuk-button-group">
                <button type="submit" className="nhsuk-button">
                  {busy ? 'Booking…' : 'Confirm booking'}
                </button>
                <button
                  type="button"
                  className="nhsuk-button nhsuk-button--secondary"
                  onClick={() => void chooseAgain()}
                >
                  Choose a different time
                </button>
              </div>
            </form>
          </div>
        </div>
      ) : slots.totalCount === 0 ? (
        <div data-testid="no-slots">
          <p>There are no appointments you can book at this service.</p>
          {canDefer ? (
            <>
              <p>
                You can defer the referral to the provider: they will arrange the appointment and
                contact the patient, usually within {contactDays} working days for this priority.
                The referral goes on their Appointment slot issues worklist.
              </p>
              <button type="button" className="nhsuk-button" onClick={() => void deferNow()}>
                {busy ? 'Deferring…' : 'Defer to provider'}
              </button>
            </>
          ) : (
            <p>Choose another service, or go back to the referral.</p>
          )}
        </div>
      ) : (
        <form onSubmit={(e) => void holdSelected(e)} noValidate aria-label="Choose an appointment">
          <p className="nhsuk-body-s">
            {slots.totalCount} {slots.totalCount === 1 ? 'appointment' : 'appointments'} available.
            Times are UK time.
            {session.side === 'PROVIDER'
              ? ' Includes appointments reserved for your organisation.'
              : ''}
          </p>
          <SlotPicker
            id={SLOT_FIELD}
            slots={edges.map((e) => ({ ...e.node, providerOnly: e.providerOnly ?? null }))}
            selected={selected}
            onSelect={setSelected}
            error={slotError}
          />
          {slots.pageInfo.hasNextPage && slots.pageInfo.endCursor ? (
            <p>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => void loadMore(slots.pageInfo.endCursor!)}
              >
                Show later appointments ({edges.length} of {slots.totalCount} shown)
              </button>
            </p>
          ) : null}
          {needsRedirect ? (
            <RedirectReasonField
              id={REDIRECT_FIELD}
              label="Why is the referral going to a different service?"
              hint={`It was with ${referral.appointmentService?.name ?? 'another service'}.`}
              reasons={redirectReasons}
              value={redirect}
              error={problems.find((p) => p.fieldId === REDIRECT_FIELD)?.message}
              onChange={setRedirect}
            />
          ) : null}
          <button type="submit" className="nhsuk-button">
            {busy ? 'Holding…' : 'Hold this appointment'}
          </button>
        </form>
      )}
    </section>
  );
}
