import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  CancelSlotsMutationVariables,
  SlotCalendarDataQuery,
  SlotCalendarDataQueryVariables,
} from '../../gql/graphql';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { renderPage } from '../../test/render';
import { CancelSlots, SlotCalendarData, SlotCalendarPage } from './SlotCalendarPage';
import { LEEDS_TRUST } from './test-fixtures';

const ROUTE = { route: '/services/:id/slots' };
type Slot = SlotCalendarDataQuery['slotCalendar'][number]['slots'][number];

const slot = (id: string, startAt: string, state: Slot['state'], scheduleId = 'sch-1'): Slot => ({
  __typename: 'CalendarSlot',
  id,
  startAt,
  endAt: new Date(new Date(startAt).getTime() + 15 * 60_000).toISOString(),
  priorities: ['URGENT', 'ROUTINE'],
  clinicianName: 'Dr Ruth Evans',
  state,
  reason: null,
  comment: null,
  heldUntil: null,
  scheduleId,
});

function calendar(cancelled: boolean): SlotCalendarDataQuery {
  return {
    __typename: 'Query',
    definedService: {
      __typename: 'DefinedService',
      id: 'svc-1',
      service: { __typename: 'Service', id: 'svc-1', name: 'Rheumatology Clinic' },
    },
    slotCalendar: [
      {
        __typename: 'CalendarDay',
        date: '2026-12-07',
        slots: [
          slot('s1', '2026-12-07T09:00:00.000Z', cancelled ? 'CANCELLED' : 'FREE'),
          slot('s2', '2026-12-07T09:15:00.000Z', cancelled ? 'CANCELLED' : 'BOOKED'),
          slot('s3', '2026-12-07T14:00:00.000Z', 'FREE', 'sch-2'),
        ],
      },
      {
        __typename: 'CalendarDay',
        date: '2026-12-08',
        slots: [slot('s4', '2026-12-08T09:00:00.000Z', 'BLOCKED')],
      },
    ],
    slotBlockReasons: [
      {
        __typename: 'ReasonChoice',
        code: 'TRAINING',
        name: 'Training or meeting',
        commentRequired: false,
      },
    ],
    slotCancellationReasons: [
      {
        __typename: 'ReasonChoice',
        code: 'CLINIC_CANCELLED',
        name: 'Clinic cancelled',
        commentRequired: false,
      },
    ],
  };
}

describe('SlotCalendarPage', () => {
  it('cancels a whole session with a reason, warning first, and lists the referrals whose appointments were cancelled', async () => {
    let cancelled = false;
    const asked: SlotCalendarDataQueryVariables[] = [];
    let sent: CancelSlotsMutationVariables | undefined;
    server.use(
      signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST)),
      graphql.query(SlotCalendarData, ({ variables }) => {
        asked.push(variables);
        return HttpResponse.json({ data: calendar(cancelled) });
      }),
      graphql.mutation(CancelSlots, ({ variables }) => {
        sent = variables;
        cancelled = true;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            cancelSlots: {
              __typename: 'SlotActionResult',
              changed: 2,
              cancelledReferrals: ['000049614844'],
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<SlotCalendarPage />, '/services/svc-1/slots?from=2026-12-07', ROUTE);

    const monday = await screen.findByRole('region', { name: 'Monday 7 December 2026' });
    expect(asked[0]).toEqual({ serviceId: 'svc-1', from: '2026-12-07', to: '2026-12-13' });
    // Each slot's checkbox is labelled with its time (and day).
    expect(within(monday).getByLabelText('9:15am on Monday 7 December 2026')).not.toBeChecked();
    const booked = within(monday).getAllByTestId('calendar-slot')[1]!;
    expect(booked).toHaveTextContent('Booked');

    await user.click(
      within(monday).getByLabelText('Select the 9am to 9:30am session on Monday 7 December 2026'),
    );
    expect(within(monday).getByLabelText('9am on Monday 7 December 2026')).toBeChecked();
    expect(within(monday).getByLabelText('9:15am on Monday 7 December 2026')).toBeChecked();
    expect(within(monday).getByLabelText('2pm on Monday 7 December 2026')).not.toBeChecked();
    expect(screen.getByTestId('selected-count')).toHaveTextContent('2 slots selected');

    await user.click(screen.getByLabelText('Cancel'));
    expect(
      screen.getByRole('heading', { name: /Booked appointments will be cancelled/ }),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel slots' }));
    expect(await screen.findByRole('link', { name: 'Choose a reason.' })).toHaveAttribute(
      'href',
      '#slots-reason',
    );
    expect(sent).toBeUndefined();

    await user.selectOptions(screen.getByLabelText('Reason'), 'CLINIC_CANCELLED');
    await user.type(screen.getByLabelText('Comment (optional)'), 'Consultant off sick.');
    await user.click(screen.getByRole('button', { name: 'Cancel slots' }));

    const done = await screen.findByTestId('done-banner');
    expect(done).toHaveTextContent('2 slots cancelled');
    expect(within(done).getByTestId('cancelled-referrals')).toHaveTextContent('0000 4961 4844');
    expect(sent).toEqual({
      input: {
        serviceId: 'svc-1',
        slotIds: ['s1', 's2'],
        reason: 'CLINIC_CANCELLED',
        comment: 'Consultant off sick.',
      },
    });
    await waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Monday 7 December 2026' })).getByLabelText(
          '9am on Monday 7 December 2026',
        ),
      ).toBeDisabled(),
    );
    expect(screen.getByTestId('selected-count')).toHaveTextContent('0 slots selected');
  }, 20_000);

  it('moves a week or a fortnight at a time', async () => {
    const asked: SlotCalendarDataQueryVariables[] = [];
    server.use(
      signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST)),
      graphql.query(SlotCalendarData, ({ variables }) => {
        asked.push(variables);
        return HttpResponse.json({ data: calendar(false) });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(
      <SlotCalendarPage />,
      '/services/svc-1/slots?from=2026-12-07',
      ROUTE,
    );
    await user.click(await screen.findByRole('link', { name: /Next week/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?from=2026-12-14'));
    await user.click(await screen.findByRole('link', { name: 'Show a fortnight' }));
    await waitFor(() =>
      expect(asked.at(-1)).toMatchObject({ from: '2026-12-14', to: '2026-12-27' }),
    );
  });
});
