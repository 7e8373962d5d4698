import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  ConfirmOfferedAppointmentMutationVariables,
  WorklistDataQuery,
  WorklistDataQueryVariables,
  WorklistRowFragment,
} from '../../gql/graphql';
import { server } from '../../test/msw';
import { fakeSubscriptions, renderPage } from '../../test/render';
import { ConfirmOfferedAppointment, OfferedReferralVersion } from './ConfirmOffer';
import { WorklistData, WorklistPage } from './WorklistPage';

function row(n: number, overrides: Partial<WorklistRowFragment> = {}): WorklistRowFragment {
  return {
    __typename: 'WorklistItem',
    ubrn: `0000496148${String(n).padStart(2, '0')}`,
    kind: 'REFERRAL',
    state: 'NOT_BOOKED',
    adviceState: null,
    priority: 'ROUTINE',
    serviceName: 'Arrhythmia Clinic',
    referrer: {
      __typename: 'Referrer',
      clinicianName: 'Dr Asha Patel',
      clinicianRole: 'REFERRING_CLINICIAN',
      actingAdminName: null,
      actingAdminRole: null,
    },
    stateChangedAt: '2026-11-20T10:00:00.000Z',
    letterDueAt: null,
    letterOverdue: false,
    patientContactBy: null,
    contactDatePassed: false,
    requestContextStatus: null,
    offeredSlot: null,
    patient: {
      __typename: 'Patient',
      id: `patient-${n}`,
      givenName: 'Margaret',
      familyName: 'Thompson',
      nhsNumber: '9434765919',
      dateOfBirth: '1958-06-02',
    },
    ...overrides,
  };
}

function page(
  rows: WorklistRowFragment[],
  info: { totalCount?: number; hasNextPage?: boolean } = {},
): WorklistDataQuery {
  return {
    __typename: 'Query',
    worklistCounts: [
      {
        __typename: 'WorklistCount',
        worklist: 'AWAITING_BOOKING',
        name: 'Awaiting booking',
        description: 'Referrals without a booked appointment.',
        count: info.totalCount ?? rows.length,
      },
    ],
    specialties: [
      { __typename: 'Specialty', code: 'CARDIOLOGY', name: 'Cardiology' },
      { __typename: 'Specialty', code: 'DERMATOLOGY', name: 'Dermatology' },
    ],
    worklistFilterChoices: {
      __typename: 'WorklistFilterChoices',
      services: [
        { __typename: 'WorklistFilterChoice', id: 'svc-1', name: 'Arrhythmia Clinic' },
        { __typename: 'WorklistFilterChoice', id: 'svc-2', name: 'Heart Failure Clinic' },
      ],
      clinicians: [{ __typename: 'WorklistFilterChoice', id: 'user-7', name: 'Dr Sarah Patel' }],
    },
    worklist: {
      __typename: 'WorklistConnection',
      worklist: 'AWAITING_BOOKING',
      totalCount: info.totalCount ?? rows.length,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: info.hasNextPage ?? false,
        endCursor: rows.length ? `cursor-${rows.at(-1)!.ubrn}` : null,
      },
      edges: rows.map((node) => ({
        __typename: 'WorklistEdge',
        cursor: `cursor-${node.ubrn}`,
        node,
      })),
    },
  };
}

const ROUTE = { route: '/worklists/:code' };

/** Opens Awaiting booking with one referral on it, recording what each request asked for. */
function openAwaitingBooking() {
  const asked: WorklistDataQueryVariables[] = [];
  server.use(
    graphql.query(WorklistData, ({ variables }) => {
      asked.push(variables);
      return HttpResponse.json({ data: page([row(1)]) });
    }),
  );
  const user = userEvent.setup();
  const { router } = renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', ROUTE);
  return { asked, router, user };
}

describe('WorklistPage', () => {
  it('lists each referral with patient, NHS number, UBRN, priority, status and what needs attention', async () => {
    server.use(
      graphql.query(WorklistData, () =>
        HttpResponse.json({
          data: page([
            row(1, {
              priority: 'TWO_WEEK_WAIT',
              state: 'DEFERRED_TO_PROVIDER',
              patientContactBy: '2026-11-27',
              contactDatePassed: true,
            }),
            row(2, { letterDueAt: '2026-11-18T00:00:00.000Z', letterOverdue: true }),
          ]),
        }),
      ),
    );
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', ROUTE);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Awaiting booking' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Showing 1 to 2 of 2 referrals' }),
    ).toBeInTheDocument();
    const [first, second] = screen.getAllByTestId('worklist-row');
    expect(first).toHaveTextContent('THOMPSON, Margaret');
    expect(first).toHaveTextContent('NHS number 943 476 5919');
    expect(within(first!).getByRole('link', { name: /^0000 4961 4801/ })).toHaveAttribute(
      'href',
      '/referrals/000049614801',
    );
    expect(first).toHaveTextContent('Two week wait');
    expect(first).toHaveTextContent('Deferred to provider');
    expect(first).toHaveTextContent('Contact date passed (27 November 2026)');
    expect(second).toHaveTextContent('Referral letter overdue');
    expect(second).toHaveTextContent('20 November 2026');
  });

  it('names the referring clinician on each row, and the admin who made the referral for them', async () => {
    server.use(
      graphql.query(WorklistData, () =>
        HttpResponse.json({
          data: page([
            row(1),
            row(2, {
              referrer: {
                __typename: 'Referrer',
                clinicianName: 'Dr Asha Patel',
                clinicianRole: 'REFERRING_CLINICIAN',
                actingAdminName: 'Tom Hughes',
                actingAdminRole: 'REFERRING_CLINICIAN_ADMIN',
              },
            }),
          ]),
        }),
      ),
    );
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', ROUTE);
    const [first, second] = await screen.findAllByTestId('worklist-row');
    expect(screen.getByRole('columnheader', { name: 'Referred by' })).toBeInTheDocument();
    expect(within(first!).getByTestId('referred-by')).toHaveTextContent(
      /^Dr Asha Patel, Referring clinician$/,
    );
    expect(within(second!).getByTestId('referred-by')).toHaveTextContent(
      /^Dr Asha Patel, Referring clinician\s*Made by Tom Hughes \(referring clinician admin\) on their behalf$/,
    );
  });

  it('lists an Advice and Guidance request with its state, without a referral link', async () => {
    server.use(
      graphql.query(WorklistData, () =>
        HttpResponse.json({
          data: page([
            row(3, {
              kind: 'ADVICE_REQUEST',
              state: null,
              adviceState: 'REFERRER_TO_REVIEW_RESPONSE',
            }),
          ]),
        }),
      ),
    );
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', ROUTE);
    const [advice] = await screen.findAllByTestId('worklist-row');
    expect(advice).toHaveTextContent('0000 4961 4803Advice and Guidance request');
    expect(advice).toHaveTextContent('Advice to review');
    expect(within(advice!).queryByRole('link')).not.toBeInTheDocument();
  });

  it('filters and sorts through the API, keeping the choices in the address', async () => {
    const { asked, router, user } = openAwaitingBooking();
    await screen.findByRole('option', { name: 'Cardiology' });
    await user.selectOptions(screen.getByLabelText('Priority'), 'Urgent');
    await user.selectOptions(screen.getByLabelText('Specialty'), 'Cardiology');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Longest waiting first');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(asked.at(-1)).toEqual({
        worklist: 'AWAITING_BOOKING',
        filter: { priority: 'URGENT', specialty: 'CARDIOLOGY', serviceId: null, clinicianId: null },
        sort: 'LONGEST_WAITING',
        first: 20,
        after: null,
      }),
    );
    expect(router.state.location.search).toBe(
      '?priority=URGENT&specialty=CARDIOLOGY&sort=LONGEST_WAITING',
    );
    expect(asked[0]).toMatchObject({ filter: null, sort: 'MOST_URGENT' });
  });

  it('filters by service and clinician, naming the referring clinician on a referrer worklist', async () => {
    const { asked, router, user } = openAwaitingBooking();
    await screen.findByRole('option', { name: 'Heart Failure Clinic' });
    await user.selectOptions(screen.getByLabelText('Service'), 'Heart Failure Clinic');
    await user.selectOptions(screen.getByLabelText('Referring clinician'), 'Dr Sarah Patel');
    await user.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(asked.at(-1)?.filter).toEqual({
        priority: null,
        specialty: null,
        serviceId: 'svc-2',
        clinicianId: 'user-7',
      }),
    );
    expect(router.state.location.search).toBe('?service=svc-2&clinician=user-7');
    expect(screen.getByRole('link', { name: 'Clear filters and sort' })).toBeInTheDocument();
  });

  it('calls it the clinician on a provider worklist, and keeps a chosen one no entry names any more', async () => {
    server.use(graphql.query(WorklistData, () => HttpResponse.json({ data: page([]) })));
    renderPage(<WorklistPage />, '/worklists/REFERRALS_FOR_REVIEW?clinician=clin-gone', ROUTE);
    const clinician = await screen.findByLabelText('Clinician');
    expect(clinician).toHaveValue('clin-gone');
    expect(
      within(clinician).getByRole('option', { name: 'No longer on these worklists' }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('Referring clinician')).not.toBeInTheDocument();
  });

  it('leaves out a filter with nothing to choose', async () => {
    const data = page([row(1)]);
    data.worklistFilterChoices.clinicians = [];
    server.use(graphql.query(WorklistData, () => HttpResponse.json({ data })));
    renderPage(<WorklistPage />, '/worklists/REFERRALS_FOR_REVIEW', ROUTE);
    expect(await screen.findByLabelText('Service')).toBeInTheDocument();
    expect(screen.queryByLabelText('Clinician')).not.toBeInTheDocument();
  });

  it('pages forwards with the cursor and back again', async () => {
    const afters: (string | null | undefined)[] = [];
    server.use(
      graphql.query(WorklistData, ({ variables }) => {
        afters.push(variables.after);
        const firstPage = Array.from({ length: 20 }, (_, i) => row(i + 1));
        return HttpResponse.json({
          data: variables.after
            ? page([row(21)], { totalCount: 21 })
            : page(firstPage, { totalCount: 21, hasNextPage: true }),
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', ROUTE);
    await user.click(await screen.findByRole('link', { name: /Next.*Page 2/ }));
    expect(
      await screen.findByRole('heading', { name: 'Showing 21 to 21 of 21 referrals' }),
    ).toHaveFocus();
    expect(afters).toEqual([null, 'cursor-000049614820']);
    await user.click(screen.getByRole('link', { name: /Previous.*Page 1/ }));
    expect(
      await screen.findByRole('heading', { name: 'Showing 1 to 20 of 21 referrals' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Previous/ })).not.toBeInTheDocument();
  });

  it('says so when the worklist is empty, or nothing matches the filters', async () => {
    server.use(graphql.query(WorklistData, () => HttpResponse.json({ data: page([]) })));
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING?priority=URGENT', ROUTE);
    expect(
      await screen.findByText('There are no referrals on this worklist that match the filters.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Clear filters and sort' })).toHaveAttribute(
      'href',
      '/worklists/AWAITING_BOOKING',
    );
  });

  it('refetches the page shown when a referral joins or leaves the worklist', async () => {
    let rows = [row(1)];
    server.use(graphql.query(WorklistData, () => HttpResponse.json({ data: page(rows) })));
    const live = fakeSubscriptions();
    renderPage(<WorklistPage />, '/worklists/AWAITING_BOOKING', {
      ...ROUTE,
      subscriptions: live.link,
    });
    expect(await screen.findAllByTestId('worklist-row')).toHaveLength(1);
    await waitFor(() => expect(live.open).toBe(1));
    rows = [row(1), row(2)];
    live.emit({
      worklistsChanged: {
        __typename: 'WorklistChange',
        ubrn: '000049614842',
        version: 1,
        event: 'CREATE',
      },
    });
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(2));
  });

  it('confirms a slot offered to a slot issue in one click, with the referral’s current version', async () => {
    let booked = false;
    let sent: ConfirmOfferedAppointmentMutationVariables | undefined;
    const offered = row(1, {
      state: 'DEFERRED_TO_PROVIDER',
      offeredSlot: {
        __typename: 'OfferedSlot',
        slotId: 'slot-9',
        startAt: '2026-12-07T09:15:00.000Z',
        endAt: '2026-12-07T09:30:00.000Z',
        clinicianName: 'Dr Ruth Evans',
        heldUntil: '2026-12-03T14:00:00.000Z',
      },
    });
    server.use(
      graphql.query(WorklistData, () => HttpResponse.json({ data: page(booked ? [] : [offered]) })),
      graphql.query(OfferedReferralVersion, () =>
        HttpResponse.json({
          data: {
            __typename: 'Query',
            referral: { __typename: 'Referral', ubrn: offered.ubrn, version: 7 },
          },
        }),
      ),
      graphql.mutation(ConfirmOfferedAppointment, ({ variables }) => {
        sent = variables;
        booked = true;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            bookAppointment: {
              __typename: 'ReferralPayload',
              noticeMessage: null,
              referral: { __typename: 'Referral', ubrn: offered.ubrn, version: 8, state: 'BOOKED' },
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<WorklistPage />, '/worklists/APPOINTMENT_SLOT_ISSUES', ROUTE);
    const offer = await screen.findByTestId('offered-slot');
    expect(offer).toHaveTextContent(
      'Offered: 9:15am on Monday 7 December 2026 with Dr Ruth Evans (held until 2pm on Thursday 3 December 2026)',
    );
    await user.click(
      await screen.findByRole('button', {
        name: 'Confirm this appointment for Margaret Thompson',
      }),
    );
    expect(await screen.findByTestId('done-banner')).toHaveTextContent(
      'Appointment booked for Margaret Thompson: 9:15am on Monday 7 December 2026',
    );
    expect(sent?.input).toMatchObject({ ubrn: offered.ubrn, slotId: 'slot-9', expectedVersion: 7 });
    expect(sent?.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(screen.queryByTestId('offered-slot')).not.toBeInTheDocument());
  }, 20_000);
});
