import { screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ReferralSummaryQuery } from '../../gql/graphql';
import { allowed, bookedReferral, referral, type ReferralFixture } from '../../test/fixtures';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { fakeSubscriptions, renderPage } from '../../test/render';
import { ReferralAccessLog } from './AccessLogSection';
import { ReferralSummary, ReferralSummaryPage } from './ReferralSummaryPage';
import userEvent from '@testing-library/user-event';

const ROUTE = { route: '/referrals/:ubrn' };
type Referrer = ReferralSummaryQuery['referral']['referrer'];
/** The summary's referral: the shared fixture, and who referred (not shown by default). */
const summary = (r: ReferralFixture, referrer: Referrer = null) => ({ ...r, referrer });
const answer = (r: ReferralFixture, referrer: Referrer = null) =>
  graphql.query(ReferralSummary, () =>
    HttpResponse.json({ data: { __typename: 'Query', referral: summary(r, referrer) } }),
  );

describe('ReferralSummaryPage', () => {
  it('shows the patient, state, priority, access code, shortlist, letter and history', async () => {
    server.use(answer(referral()));
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await screen.findByTestId('referral-state');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Booking reference 0000 4961 4844',
    );
    const patient = screen.getByRole('region', { name: 'Patient' });
    expect(patient).toHaveTextContent('THOMPSON, Margaret');
    expect(patient).toHaveTextContent('NHS number943 476 5919');
    expect(patient).toHaveTextContent('Born2 June 1958');
    expect(screen.getByTestId('referral-state')).toHaveTextContent('Not booked');
    expect(screen.getByText('ABCD 2345')).toBeInTheDocument();
    // The last day it is on time (it becomes overdue at midnight on the 25th).
    expect(screen.getByTestId('letter-outstanding')).toHaveTextContent(
      'Letter to follow, due Tuesday 24 November 2026',
    );
    expect(screen.getByTestId('clinical-information')).toHaveTextContent('Palpitations');
    const shortlist = screen.getByRole('region', { name: 'Shortlist' });
    expect(within(shortlist).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByTestId('history')).toHaveTextContent(
      'Referral created10am on Friday 20 November 2026, by Dr Asha Patel (referring clinician) at your organisation',
    );
  });

  it('names the referring clinician, and the admin who made the referral on their behalf', async () => {
    server.use(
      answer(referral(), {
        __typename: 'Referrer',
        clinicianName: 'Dr Asha Patel',
        clinicianRole: 'REFERRING_CLINICIAN',
        actingAdminName: 'Tom Hughes',
        actingAdminRole: 'REFERRING_CLINICIAN_ADMIN',
      }),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await screen.findByTestId('referral-state');
    const row = screen.getByText('Referred by').closest('.nhsuk-summary-list__row');
    expect(row).toHaveTextContent(
      'Dr Asha Patel, Referring clinician' +
        'Made by Tom Hughes (referring clinician admin) on their behalf' +
        'Bridge Medical Practice (A80000)on 20 November 2026',
    );
  });

  it('names only the practice to a role not shown who referred', async () => {
    server.use(answer(referral()));
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await screen.findByTestId('referral-state');
    const row = screen.getByText('Referred by').closest('.nhsuk-summary-list__row');
    expect(row).toHaveTextContent(
      /^Referred byBridge Medical Practice \(A80000\)on 20 November 2026$/,
    );
    expect(screen.queryByTestId('referring-clinician')).toBeNull();
  });

  it('names who acted for whom, as slot maintenance on behalf of a definer', async () => {
    const base = referral();
    server.use(
      answer({
        ...base,
        history: [
          ...base.history,
          {
            ...base.history[0]!,
            version: 2,
            action: 'CANCEL_APPOINTMENT',
            fromState: 'BOOKED',
            toState: 'APPT_CANCELLED_BY_PROVIDER',
            reason: 'CLINIC_CANCELLED',
            role: 'PROVIDER_AUTHORISED_APPLICATION',
            organisationId: 'org-trust',
            onBehalfOfUserId: 'u-sd',
            userName: 'open-ers slot maintenance',
            onBehalfOfName: 'Rachel Green',
          },
        ],
      }),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    const history = await screen.findByTestId('history');
    expect(history).toHaveTextContent(
      /by open-ers slot maintenance \(provider system \(authorised application\)\), on behalf of Rachel Green/,
    );
  });

  it('offers exactly the allowed actions, each opening its form', async () => {
    server.use(answer(referral()));
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    const actions = await screen.findByTestId('actions');
    expect(
      within(actions)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Book an appointment', 'Send for triage', 'Defer to provider', 'Cancel referral']);
    expect(within(actions).getByRole('link', { name: 'Cancel referral' })).toHaveAttribute(
      'href',
      '/referrals/000049614844/cancel-referral',
    );
    expect(within(actions).getByRole('link', { name: 'Book an appointment' })).toHaveAttribute(
      'href',
      '/referrals/000049614844/book',
    );
  });

  it('links booking straight to the calendar when only one service can be booked', async () => {
    server.use(
      answer(
        referral({ allowedActions: [allowed('BOOK', { serviceIds: ['service-arrhythmia'] })] }),
      ),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    expect(await screen.findByRole('link', { name: 'Book an appointment' })).toHaveAttribute(
      'href',
      '/referrals/000049614844/book?service=service-arrhythmia',
    );
  });

  it('shows the appointment in UK time', async () => {
    server.use(answer(bookedReferral()));
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    expect(await screen.findByTestId('appointment-time')).toHaveTextContent(
      'Monday 23 November 2026, 9am to 9:15am',
    );
  });

  it('tells an admin role why clinical content is not shown', async () => {
    server.use(
      signedInAs(sessionAs('SERVICE_PROVIDER_ADMIN', 'Service provider admin')),
      answer(
        bookedReferral({
          accessLevel: 'ADMINISTRATIVE',
          clinicalInformation: null,
          allowedActions: [allowed('CANCEL_APPOINTMENT')],
        }),
      ),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    expect(await screen.findByTestId('clinical-hidden')).toHaveTextContent(
      'Clinical information and referral letters are not shown to administrative roles.',
    );
    expect(screen.queryByTestId('clinical-information')).not.toBeInTheDocument();
  });

  it('follows changes made by someone else, and says so', async () => {
    let current = bookedReferral();
    server.use(
      graphql.query(ReferralSummary, () =>
        HttpResponse.json({ data: { __typename: 'Query', referral: summary(current) } }),
      ),
    );
    const live = fakeSubscriptions();
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', {
      ...ROUTE,
      subscriptions: live.link,
    });
    expect(await screen.findByTestId('referral-state')).toHaveTextContent('Booked');
    await waitFor(() => expect(live.open).toBe(1));

    current = bookedReferral({
      version: 3,
      state: 'ACCEPTED',
      stateComment: 'Happy to see her.',
      allowedActions: [],
    });
    live.emit({
      referralChanged: {
        __typename: 'WorklistChange',
        ubrn: '000049614844',
        version: 3,
        event: 'ACCEPT',
      },
    });
    await waitFor(() => expect(screen.getByTestId('referral-state')).toHaveTextContent('Accepted'));
    expect(screen.getByTestId('state-comment')).toHaveTextContent('Happy to see her.');
    expect(screen.getByText('This referral has been updated: Accepted.')).toBeInTheDocument();
    expect(
      screen.getByText('There is nothing for you to do on this referral now.'),
    ).toBeInTheDocument();
  });

  it('explains when the referral cannot be shown', async () => {
    server.use(
      graphql.query(ReferralSummary, () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message:
                'Your organisation does not have a legitimate relationship with this record.',
              extensions: { code: 'NO_RELATIONSHIP' },
            },
          ],
        }),
      ),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    expect(
      await screen.findByText(
        'Your organisation does not have a legitimate relationship with this record.',
        { exact: false },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'You cannot see this referral' }),
    ).toBeInTheDocument();
    // Asking again would be refused again: no "Try again", a way back instead.
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Search again from your worklists' })).toHaveAttribute(
      'href',
      '/',
    );
  });

  it('says plainly that no referral has an unknown UBRN, and offers a search, not a retry', async () => {
    let asked = 0;
    server.use(
      graphql.query(ReferralSummary, () => {
        asked++;
        return HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'We could not find that record.',
              extensions: { code: 'REFERENCE_NOT_FOUND', field: 'ubrn' },
            },
          ],
        });
      }),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049619999', ROUTE);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Referral not found' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('There is no referral with the booking reference 0000 4961 9999.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Search again from your worklists' })).toHaveAttribute(
      'href',
      '/',
    );
    expect(asked).toBe(1);
  });

  it('offers "Try again" when the service is briefly unavailable, and it works', async () => {
    let asked = 0;
    server.use(
      graphql.query(ReferralSummary, () => {
        asked++;
        return asked === 1
          ? HttpResponse.json({
              data: null,
              errors: [
                {
                  message: 'The service cannot reach its database for a moment.',
                  extensions: { code: 'SERVICE_UNAVAILABLE' },
                },
              ],
            })
          : HttpResponse.json({
              data: { __typename: 'Query', referral: summary(referral()) },
            });
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('referral-state')).toHaveTextContent('Not booked');
    expect(asked).toBe(2);
  });
  it('shows a clinician the access log on request, refusals marked, and never to admin roles', async () => {
    let asked = 0;
    server.use(
      answer(referral()),
      graphql.query(ReferralAccessLog, ({ variables }) => {
        asked++;
        expect(variables.ubrn).toBe('000049614844');
        return HttpResponse.json({
          data: {
            __typename: 'Query',
            accessLog: [
              {
                __typename: 'AccessLogEntry',
                occurredAt: '2026-11-21T10:05:00Z',
                action: 'REFERRAL',
                outcome: 'REFUSED',
                role: 'REFERRING_CLINICIAN',
                requestId: 'r2',
                user: { __typename: 'User', id: 'u-b', displayName: 'Dr Ben Okafor' },
                organisation: {
                  __typename: 'Organisation',
                  id: 'o-b',
                  name: 'Bradford Moor Practice',
                },
                onBehalfOf: null,
              },
              {
                __typename: 'AccessLogEntry',
                occurredAt: '2026-11-21T10:00:00Z',
                action: 'ACCEPT_REFERRAL',
                outcome: 'SUCCESS',
                role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
                requestId: 'r1',
                user: { __typename: 'User', id: 'u-s', displayName: 'Sam Lee' },
                organisation: {
                  __typename: 'Organisation',
                  id: 'o-t',
                  name: 'Leeds Teaching Hospitals',
                },
                onBehalfOf: { __typename: 'User', id: 'u-c', displayName: 'Dr Chen' },
              },
            ],
          },
        });
      }),
    );
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await screen.findByTestId('referral-state');
    expect(asked).toBe(0);
    await userEvent.click(screen.getByRole('button', { name: 'Show the access log' }));
    const rows = within(await screen.findByTestId('access-log')).getAllByRole('row');
    expect(asked).toBe(1);
    expect(rows[1]).toHaveTextContent(
      'Dr Ben Okafor (referring clinician), Bradford Moor PracticeWhat Open the referral Refused',
    );
    expect(rows[2]).toHaveTextContent(
      'Sam Lee (service provider clinician admin), Leeds Teaching Hospitals, on behalf of Dr ChenWhat Accept referral',
    );
    expect(rows[2]).not.toHaveTextContent('Refused');
  });

  it('offers no access log to an administrative role', async () => {
    server.use(answer({ ...referral(), accessLevel: 'ADMINISTRATIVE' }));
    renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
    await screen.findByTestId('referral-state');
    expect(screen.queryByRole('button', { name: 'Show the access log' })).toBeNull();
  });
});
