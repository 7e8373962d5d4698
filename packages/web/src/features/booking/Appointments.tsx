import { useApolloClient } from '@apollo/client/react';
import { priorityInfo } from '@open-ers/domain';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { focusElement } from '../../app/page';
import { useSession } from '../../app/session';
import type { Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import type { BookingDataQuery } from '../../gql/graphql';
import {
  hasErrorCode,
  isNetworkProblem,
  newIdempotencyKey,
  toUserFacingErrors,
} from '../../lib/api-errors';
import { formatTimeRange } from '../../lib/format';
import { RedirectReasonField } from '../referral/actions/fields';
import { StaleVersion } from '../referral/StaleVersion';
import { BookAppointment, DeferFromBooking } from './booking-operations';
import type { Referral, Reported, ServiceOption } from './booking-types';
import { HoldCountdown } from './HoldCountdown';
import { SlotPicker } from './SlotPicker';
import { useSlotHold } from './useSlotHold';

const SLOT_FIELD = 'booking-slot';
const REDIRECT_FIELD = 'booking-redirect';

/**
 * The appointments at one service: choose one, hold it while confirming, book it; or, with
 * none to book, defer to the provider.
 */
export function Appointments({
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
                  <strong>{formatTimeRange(heldSlot.startAt, heldSlot.endAt)}</strong>
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
