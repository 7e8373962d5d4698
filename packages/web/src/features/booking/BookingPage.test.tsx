import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  BookAppointmentMutationVariables,
  BookingDataQuery,
  DeferFromBookingMutationVariables,
  ProviderOnlyReason,
} from '../../gql/graphql';
import {
  allowed,
  ARRHYTHMIA,
  bookedReferral,
  HEART_FAILURE,
  referral,
  TRIAGE,
  type ReferralFixture,
} from '../../test/fixtures';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import {
  BookAppointment,
  BookingData,
  BookingPage,
  DeferFromBooking,
  HoldSlot,
  ReleaseSlot,
} from './BookingPage';

const ROUTE = { route: '/referrals/:ubrn/book' };

const slot = (id: string, start: string, providerOnly: ProviderOnlyReason | null = null) => ({
  __typename: 'Slot' as const,
  id,
  startAt: start,
  endAt: new Date(new Date(start).getTime() + 15 * 60_000).toISOString(),
  clinicianName: null,
  providerOnly,
});
const SLOTS = [
  slot('slot-1', '2026-11-23T09:00:00.000Z'),
  slot('slot-2', '2026-11-23T09:15:00.000Z'),
  slot('slot-3', '2026-11-24T14:30:00.000Z'),
];

function bookingData(
  r: ReferralFixture,
  slots: ReturnType<typeof slot>[] | null,
): BookingDataQuery {
  return {
    __typename: 'Query',
    referral: r,
    ...(slots
      ? {
          bookableSlots: {
            __typename: 'SlotConnection',
            totalCount: slots.length,
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
            edges: slots.map(({ providerOnly, ...node }) => ({
              __typename: 'SlotEdge',
              cursor: node.id,
              providerOnly,
              node,
            })),
          },
        }
      : {}),
  };
}

const serve = (r: ReferralFixture, slotsFor: (serviceId: string) => ReturnType<typeof slot>[]) =>
  graphql.query(BookingData, ({ variables }) =>
    HttpResponse.json({
      data: bookingData(r, variables.withSlots ? slotsFor(String(variables.serviceId)) : null),
    }),
  );

const holds = (heldUntil: () => string) => [
  graphql.mutation(HoldSlot, ({ variables }) =>
    HttpResponse.json({
      data: {
        __typename: 'Mutation',
        holdSlot: {
          __typename: 'SlotHold',
          slotId: String(variables.input.slotId),
          heldUntil: heldUntil(),
        },
      },
    }),
  ),
  graphql.mutation(ReleaseSlot, () =>
    HttpResponse.json({ data: { __typename: 'Mutation', releaseSlot: true } }),
  ),
];

const inFiveMinutes = () => new Date(Date.now() + 5 * 60_000).toISOString();
const onlyArrhythmia = referral({
  allowedActions: [allowed('BOOK', { serviceIds: [ARRHYTHMIA] })],
});

describe('BookingPage', () => {
  it('lists appointments by day, holds the chosen one with a countdown, and books it', async () => {
    let booked: BookAppointmentMutationVariables | undefined;
    server.use(
      serve(onlyArrhythmia, () => SLOTS),
      ...holds(inFiveMinutes),
      graphql.mutation(BookAppointment, ({ variables }) => {
        booked = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            bookAppointment: {
              __typename: 'ReferralPayload',
              notice: null,
              noticeMessage: null,
              referral: referral({ version: 2, state: 'BOOKED' }),
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);

    const calendar = await screen.findByTestId('slot-calendar');
    const days = within(calendar).getAllByRole('group');
    expect(days.map((d) => d.querySelector('legend')?.textContent)).toEqual([
      'Monday 23 November 2026',
      'Tuesday 24 November 2026',
    ]);
    expect(within(days[0]!).getAllByRole('radio')).toHaveLength(2);
    expect(within(days[1]!).getByLabelText(/^2:30pm/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
    expect(
      await screen.findByRole('link', { name: 'Choose a date and time.' }),
    ).toBeInTheDocument();

    await user.click(within(days[0]!).getByLabelText(/^9:15am/));
    await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
    const held = await screen.findByRole('region', { name: 'Appointment held' });
    expect(held).toHaveFocus();
    expect(held).toHaveTextContent('Monday 23 November 2026, 9:15am to 9:30am');
    expect(within(held).getByRole('timer')).toHaveTextContent(/^[45]:\d\d$/);

    await user.click(within(held).getByRole('button', { name: 'Confirm booking' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/referrals/000049614844/confirmation'),
    );
    expect(booked?.input).toMatchObject({
      ubrn: '000049614844',
      slotId: 'slot-2',
      expectedVersion: 1,
      redirectReason: null,
    });
    expect(booked?.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks the appointments only the provider’s own staff can book, and why', async () => {
    server.use(
      serve(onlyArrhythmia, () => [
        slot('slot-1', '2026-11-21T10:30:00.000Z', 'TOO_SOON'),
        slot('slot-2', '2026-11-23T09:00:00.000Z', 'RESERVED_FOR_PROVIDER'),
        slot('slot-3', '2026-11-24T14:30:00.000Z'),
        slot('slot-4', '2027-09-01T09:00:00.000Z', 'TOO_FAR_AHEAD'),
      ]),
    );
    renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
    const calendar = await screen.findByTestId('slot-calendar');
    // The note is part of each choice's name, so it is read out with the time.
    expect(
      within(calendar).getByRole('radio', { name: /^10:30am.*Sooner than referrers can book$/ }),
    ).toBeInTheDocument();
    expect(
      within(calendar).getByRole('radio', { name: /^9am.*Reserved for your organisation$/ }),
    ).toBeInTheDocument();
    expect(
      within(calendar).getByRole('radio', { name: /^10am.*Later than referrers can book$/ }),
    ).toBeInTheDocument();
    expect(
      (within(calendar).getByRole('radio', { name: /^2:30pm/ }) as HTMLInputElement).labels?.[0],
    ).not.toHaveTextContent(/referrers|Reserved/);
  });

  it('when the appointment has gone, says so beside the calendar and shows what is left', async () => {
    let slots = SLOTS;
    server.use(
      serve(onlyArrhythmia, () => slots),
      ...holds(inFiveMinutes),
      graphql.mutation(BookAppointment, () => {
        slots = SLOTS.slice(1);
        return HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'That appointment is no longer available. Choose another.',
              extensions: { code: 'SLOT_NOT_AVAILABLE', field: 'slot' },
            },
          ],
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
    await user.click(await screen.findByLabelText(/^9am/));
    await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm booking' }));

    const calendar = await screen.findByRole('group', { name: 'Choose a date and time' });
    expect(calendar).toHaveTextContent('That appointment is no longer available. Choose another.');
    await waitFor(() => expect(screen.queryByLabelText(/^9am/)).not.toBeInTheDocument());
    expect(screen.getAllByRole('radio', { checked: false })).toHaveLength(2);
  });

  it('tells the user when the hold lapses and lets them choose again', async () => {
    server.use(
      serve(onlyArrhythmia, () => SLOTS),
      ...holds(() => new Date(Date.now() + 1200).toISOString()),
    );
    const user = userEvent.setup();
    renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
    await user.click(await screen.findByLabelText(/^9am/));
    await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
    await screen.findByRole('region', { name: 'Appointment held' });
    expect(
      await screen.findByRole(
        'link',
        { name: /The hold on that appointment has ended/ },
        { timeout: 4000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Appointment held' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Hold this appointment' })).toBeInTheDocument();
  });

  it('offers to defer to the provider when the service has no appointments', async () => {
    let deferred: DeferFromBookingMutationVariables | undefined;
    server.use(
      serve(referral(), (serviceId) => (serviceId === HEART_FAILURE ? [] : SLOTS)),
      graphql.mutation(DeferFromBooking, ({ variables }) => {
        deferred = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            deferToProvider: {
              __typename: 'ReferralPayload',
              notice: null,
              noticeMessage: null,
              referral: referral({ version: 2, state: 'DEFERRED_TO_PROVIDER' }),
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
    // Two services to book: the user chooses; the triage service is sent, not booked.
    expect(
      await screen.findByRole('link', {
        name: /^Send for triage to Cardiology Referral Assessment/,
      }),
    ).toHaveAttribute('href', `/referrals/000049614844/send-for-triage?service=${TRIAGE}`);
    await user.click(
      screen.getByRole('link', { name: /^Show appointments at Heart Failure Clinic/ }),
    );
    expect(await screen.findByTestId('no-slots')).toHaveTextContent(
      'There are no appointments you can book at this service.',
    );
    expect(screen.getByTestId('no-slots')).toHaveTextContent('within 40 working days');
    await user.click(screen.getByRole('button', { name: 'Defer to provider' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/referrals/000049614844/confirmation'),
    );
    expect(deferred?.input).toMatchObject({ serviceId: HEART_FAILURE, expectedVersion: 1 });
  });

  describe('the redirect reason, as the domain decides it', () => {
    const REDIRECT_REASONS: [string, string, boolean][] = [
      ['REDIRECTED_APPROPRIATE_CLINIC', 'More appropriate clinic', false],
      ['REDIRECTED_OTHER', 'Other', true],
    ];
    /** The referral with its current appointment request (or triage) at `serviceId`. */
    const withProposal = (
      state: 'AWAITING_TRIAGE' | 'DEFERRED_TO_PROVIDER',
      serviceId: string,
      redirectFromServiceId: string | null,
    ) => {
      const booked = bookedReferral();
      return referral({
        state,
        accessCode: null,
        appointmentService: { ...booked.appointmentService!, id: serviceId },
        appointment: {
          ...booked.appointment!,
          status: 'PROPOSED',
          serviceId,
          start: null,
          end: null,
          slotId: null,
          proposalReason: state === 'AWAITING_TRIAGE' ? 'TRIAGE' : 'NO_SLOTS_AT_SERVICE',
        },
        allowedActions: [
          allowed('BOOK', {
            serviceIds: [ARRHYTHMIA],
            mayRedirect: true,
            redirectFromServiceId,
            redirectReasons: REDIRECT_REASONS,
          }),
        ],
      });
    };
    const held: { redirectReason: unknown }[] = [];
    const recordHolds = () =>
      graphql.mutation(HoldSlot, ({ variables }) => {
        held.push({ redirectReason: variables.input.redirectReason });
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            holdSlot: {
              __typename: 'SlotHold',
              slotId: String(variables.input.slotId),
              heldUntil: inFiveMinutes(),
            },
          },
        });
      });

    it('does not ask a provider booking from Awaiting Triage for a redirect reason', async () => {
      held.length = 0;
      server.use(
        serve(withProposal('AWAITING_TRIAGE', TRIAGE, null), () => SLOTS),
        recordHolds(),
        ...holds(inFiveMinutes).slice(1),
      );
      const user = userEvent.setup();
      renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
      await user.click(await screen.findByLabelText(/^9am/));
      expect(
        screen.queryByLabelText('Why is the referral going to a different service?'),
      ).not.toBeInTheDocument();
      await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
      await screen.findByRole('region', { name: 'Appointment held' });
      expect(held).toEqual([{ redirectReason: null }]);
    });

    it('asks for one when a deferred appointment request is booked into another service', async () => {
      held.length = 0;
      server.use(
        serve(withProposal('DEFERRED_TO_PROVIDER', HEART_FAILURE, HEART_FAILURE), () => SLOTS),
        recordHolds(),
        ...holds(inFiveMinutes).slice(1),
      );
      const user = userEvent.setup();
      renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
      await user.click(await screen.findByLabelText(/^9am/));
      const why = screen.getByLabelText('Why is the referral going to a different service?');
      expect(
        within(why)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Choose a reason', 'More appropriate clinic', 'Other']);
      await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
      expect(
        await screen.findByRole('link', {
          name: 'Choose why the referral is going to a different service.',
        }),
      ).toHaveAttribute('href', '#booking-redirect');
      expect(held).toEqual([]);
      await user.selectOptions(why, 'More appropriate clinic');
      await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
      await screen.findByRole('region', { name: 'Appointment held' });
      expect(held).toEqual([{ redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC' }]);
    });
  });

  it('puts the error summary at the top of the main content, and focuses it', async () => {
    server.use(
      serve(onlyArrhythmia, () => SLOTS),
      ...holds(inFiveMinutes),
    );
    const user = userEvent.setup();
    renderPage(<BookingPage />, '/referrals/000049614844/book', ROUTE);
    await screen.findByLabelText(/^9am/);
    await user.click(screen.getByRole('button', { name: 'Hold this appointment' }));
    const link = await screen.findByRole('link', { name: 'Choose a date and time.' });
    const summary = link.closest('.nhsuk-error-summary') as HTMLElement;
    await waitFor(() => expect(summary).toHaveFocus());
    // Before the page's heading, the patient banner and the services: only the back link is above.
    const heading = screen.getByRole('heading', { level: 1, name: 'Book an appointment' });
    expect(
      summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    const banner = screen.getByRole('region', { name: 'Patient' });
    expect(summary.compareDocumentPosition(banner) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const back = screen.getByRole('link', { name: 'Back to the referral' });
    expect(back.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
