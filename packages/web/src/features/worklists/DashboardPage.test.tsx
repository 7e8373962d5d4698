import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { DashboardDataQuery } from '../../gql/graphql';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { fakeSubscriptions, renderPage } from '../../test/render';
import { DashboardData, DashboardPage } from './DashboardPage';

const counts = (forReview: number): DashboardDataQuery => ({
  __typename: 'Query',
  worklistCounts: [
    {
      __typename: 'WorklistCount',
      worklist: 'REFERRALS_FOR_REVIEW',
      name: 'Referrals for review',
      description: 'Booked referrals awaiting clinical review, and referrals sent for triage.',
      count: forReview,
    },
    {
      __typename: 'WorklistCount',
      worklist: 'APPOINTMENT_SLOT_ISSUES',
      name: 'Appointment slot issues',
      description: 'Referrals deferred to the provider because no appointment could be booked.',
      count: 0,
    },
  ],
});

const provider = signedInAs(
  sessionAs('SERVICE_PROVIDER_CLINICIAN', 'Service provider clinician', {
    id: 'org-trust',
    name: 'Leeds Hospitals NHS Foundation Trust',
    odsCode: 'R00',
  }),
);

describe('DashboardPage', () => {
  it('shows a tile for each of the role’s worklists, with its count, opening the worklist', async () => {
    server.use(
      provider,
      graphql.query(DashboardData, () => HttpResponse.json({ data: counts(3) })),
    );
    renderPage(<DashboardPage />, '/');
    const tiles = await screen.findByRole('list', { name: 'Your worklists' });
    const review = within(tiles).getByTestId('tile-REFERRALS_FOR_REVIEW');
    expect(within(review).getByRole('link', { name: 'Referrals for review' })).toHaveAttribute(
      'href',
      '/worklists/REFERRALS_FOR_REVIEW',
    );
    expect(within(review).getByTestId('tile-count')).toHaveTextContent('3 referrals');
    expect(within(tiles).getByTestId('tile-APPOINTMENT_SLOT_ISSUES')).toHaveTextContent(
      '0 referrals',
    );
    // A provider clinician does not start referrals.
    expect(screen.queryByRole('link', { name: 'Start a new referral' })).not.toBeInTheDocument();
  });

  it('updates the counts live when the API says a worklist changed', async () => {
    let count = 0;
    server.use(
      provider,
      graphql.query(DashboardData, () => HttpResponse.json({ data: counts(count) })),
    );
    const live = fakeSubscriptions();
    renderPage(<DashboardPage />, '/', { subscriptions: live.link });
    const review = await screen.findByTestId('tile-REFERRALS_FOR_REVIEW');
    expect(within(review).getByTestId('tile-count')).toHaveTextContent('0 referrals');
    await waitFor(() => expect(live.open).toBe(1));

    count = 1;
    live.emit({
      worklistsChanged: {
        __typename: 'WorklistChange',
        ubrn: '000049614844',
        version: 2,
        event: 'BOOK',
      },
    });
    await waitFor(() =>
      expect(within(review).getByTestId('tile-count')).toHaveTextContent('1 referral'),
    );
    expect(screen.getByRole('status')).toHaveTextContent(/^Worklists updated/);
  });

  it('offers a referring clinician a new referral, and finds a referral by UBRN', async () => {
    server.use(graphql.query(DashboardData, () => HttpResponse.json({ data: counts(0) })));
    const user = userEvent.setup();
    const { router } = renderPage(<DashboardPage />, '/');
    expect(await screen.findByRole('link', { name: 'Start a new referral' })).toHaveAttribute(
      'href',
      '/referrals/new',
    );
    await user.type(screen.getByLabelText('Booking reference (UBRN)'), '0000 4961');
    await user.click(screen.getByRole('button', { name: 'Find referral' }));
    expect(screen.getByLabelText('Booking reference (UBRN)')).toHaveAccessibleDescription(
      /12-digit booking reference/,
    );
    // The NHS error summary, first in the main content, takes focus and links to the field.
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(summary.closest('.nhsuk-error-summary')).toHaveFocus());
    expect(summary).toHaveTextContent('There is a problem');
    expect(
      within(summary).getByRole('link', { name: /Enter a 12-digit booking reference/ }),
    ).toHaveAttribute('href', '#find-referral-ubrn');
    const heading = screen.getByRole('heading', { level: 1 });
    expect(
      summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(document.title).toMatch(/^Error: Worklists/);
    await user.type(screen.getByLabelText('Booking reference (UBRN)'), ' 4844');
    await user.click(screen.getByRole('button', { name: 'Find referral' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/000049614844'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what went wrong when the counts cannot be loaded', async () => {
    server.use(graphql.query(DashboardData, () => HttpResponse.error()));
    renderPage(<DashboardPage />, '/');
    expect(
      await screen.findByText('We could not reach open-ers. Check your connection and try again.'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
  it.each([
    ['COMMISSIONER', 'Commissioner'],
    ['INFORMATION_ANALYST', 'Information analyst'],
  ])('gives a %s a start page of their own, not a permission error', async (role, roleName) => {
    let asked = false;
    server.use(
      signedInAs(
        sessionAs(role, roleName, { id: 'org-icb', name: 'West Yorkshire ICB', odsCode: 'QWO' }),
      ),
      graphql.query(DashboardData, () => {
        asked = true;
        return HttpResponse.json({
          errors: [{ message: 'No', extensions: { code: 'FORBIDDEN' } }],
        });
      }),
    );
    renderPage(<DashboardPage />, '/');
    await screen.findByRole('heading', { level: 1, name: new RegExp(`^${roleName}`) });
    const tasks = screen.getByRole('list', { name: 'What you can do' });
    expect(within(tasks).getByRole('link', { name: 'Find a service' })).toHaveAttribute(
      'href',
      '/search',
    );
    expect(screen.queryByText(/permission/i)).not.toBeInTheDocument();
    expect(asked).toBe(false);
  });
});
