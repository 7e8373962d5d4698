import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  CreateScheduleMutationVariables,
  PreviewScheduleDataQueryVariables,
  SchedulesDataQuery,
} from '../../gql/graphql';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { renderPage } from '../../test/render';
import {
  CreateSchedule,
  PreviewScheduleData,
  PublishSlots,
  SchedulesData,
  SchedulesPage,
} from './SchedulesPage';
import { LEEDS_TRUST } from './test-fixtures';

const ROUTE = { route: '/services/:id/schedules' };

function data(saved: boolean): SchedulesDataQuery {
  return {
    __typename: 'Query',
    definedService: {
      __typename: 'DefinedService',
      id: 'svc-1',
      publicationWeeks: 26,
      namedClinicians: [{ __typename: 'NamedClinician', id: 'c-1', name: 'Dr Ruth Evans' }],
      service: {
        __typename: 'Service',
        id: 'svc-1',
        name: 'Rheumatology Clinic',
        priorities: ['URGENT', 'ROUTINE'],
      },
    },
    schedules: saved
      ? [
          {
            __typename: 'SlotSchedule',
            id: 'sch-1',
            label: 'Monday morning clinic',
            weekdays: [1],
            startTime: '09:00',
            sessionMinutes: 180,
            slotMinutes: 15,
            priorities: ['URGENT', 'ROUTINE'],
            clinicianId: 'c-1',
            clinicianName: 'Dr Ruth Evans',
            validFrom: '2026-12-07',
            validTo: null,
            everyWeeks: 1,
            includeBankHolidays: false,
            active: true,
          },
        ]
      : [],
    scheduleExceptions: [],
  };
}

describe('SchedulesPage', () => {
  it('previews the slots a template will make, saves it, and publishes slots', async () => {
    let saved = false;
    let previewed: PreviewScheduleDataQueryVariables | undefined;
    let created: CreateScheduleMutationVariables | undefined;
    server.use(
      signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST)),
      graphql.query(SchedulesData, () => HttpResponse.json({ data: data(saved) })),
      graphql.query(PreviewScheduleData, ({ variables }) => {
        previewed = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Query',
            previewSchedule: {
              __typename: 'SchedulePreview',
              from: '2026-12-07',
              to: '2027-06-06',
              slotCount: 300,
              skippedBankHolidays: ['2026-12-28', '2027-04-05'],
              firstSlots: [
                {
                  __typename: 'PlannedSlot',
                  startAt: '2026-12-07T09:00:00.000Z',
                  endAt: '2026-12-07T09:15:00.000Z',
                  priorities: ['URGENT', 'ROUTINE'],
                  clinicianName: 'Dr Ruth Evans',
                },
              ],
            },
          },
        });
      }),
      graphql.mutation(CreateSchedule, ({ variables }) => {
        created = variables;
        saved = true;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            createSchedule: { __typename: 'SlotSchedule', id: 'sch-1', label: 'Monday' },
          },
        });
      }),
      graphql.mutation(PublishSlots, () =>
        HttpResponse.json({
          data: {
            __typename: 'Mutation',
            publishSlots: {
              __typename: 'PublicationResult',
              serviceId: 'svc-1',
              created: 300,
              alreadyPublished: 0,
              horizonEnd: '2027-06-06',
            },
          },
        }),
      ),
    );
    const user = userEvent.setup();
    renderPage(<SchedulesPage />, '/services/svc-1/schedules', ROUTE);
    expect(
      await screen.findByRole('heading', {
        level: 1,
        name: /Rheumatology Clinic.*Schedules.*Leeds Hospitals/,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/No session templates yet/)).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name of the session'), 'Monday morning clinic');
    await user.click(screen.getByLabelText('Monday'));
    await user.selectOptions(screen.getByLabelText('Named clinician (optional)'), 'c-1');
    await user.click(screen.getByRole('button', { name: 'Preview' }));

    const preview = await screen.findByTestId('schedule-preview');
    expect(preview).toHaveTextContent(
      'This template makes 300 slots from 7 December 2026 to 6 June 2027.',
    );
    expect(preview).toHaveTextContent('Monday 7 December 2026, 9am to 9:15am, Dr Ruth Evans');
    expect(preview).toHaveTextContent('Bank holidays skipped: 28 December 2026, 5 April 2027.');
    expect(previewed?.input).toMatchObject({
      label: 'Monday morning clinic',
      weekdays: [1],
      startTime: '09:00',
      sessionMinutes: 180,
      slotMinutes: 15,
      priorities: ['URGENT', 'ROUTINE'],
      clinicianId: 'c-1',
      everyWeeks: 1,
      includeBankHolidays: false,
    });
    expect(created).toBeUndefined();

    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByTestId('done-banner')).toHaveTextContent(
      'Session template Monday morning clinic saved',
    );
    expect(created?.input).toEqual(previewed?.input);
    const template = await screen.findByTestId('template');
    expect(template).toHaveTextContent('Monday, from 09:00 for 3 hours; 15 minutes slots');

    await user.click(screen.getByRole('button', { name: 'Publish slots' }));
    expect(await screen.findByTestId('publication-result')).toHaveTextContent(
      '300 new slots published; 0 already published. Slots are published up to 6 June 2027.',
    );
  }, 20_000);

  it('shows the API’s problems with a template on its fields', async () => {
    server.use(
      signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST)),
      graphql.query(SchedulesData, () => HttpResponse.json({ data: data(false) })),
      graphql.query(PreviewScheduleData, () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'Some answers need correcting.',
              extensions: {
                code: 'VALIDATION_FAILED',
                details: {
                  fieldErrors: [
                    { field: 'weekdays', code: 'WEEKDAY_REQUIRED', message: 'Choose a day.' },
                  ],
                },
              },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderPage(<SchedulesPage />, '/services/svc-1/schedules', ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Preview' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose a day.' })).toHaveAttribute(
      'href',
      '#template-weekdays',
    );
    await waitFor(() =>
      expect(screen.getByRole('group', { name: 'Days of the week' })).toHaveAccessibleDescription(
        expect.stringContaining('Choose a day.'),
      ),
    );
  });
});
