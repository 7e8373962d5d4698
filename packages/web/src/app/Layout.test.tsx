import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { ChooseRoleData } from '../features/auth/ChooseRolePage';
import { DashboardData } from '../features/worklists/DashboardPage';
import { WorklistData } from '../features/worklists/WorklistPage';
import { server, sessionAs, signedInAs } from '../test/msw';
import { fakeSubscriptions } from '../test/render';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createApolloClient } from './apollo';
import { routes } from './router';
import { SessionData, SignOut } from './session';

/** The whole app (its real routes) at `url`. */
function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const client = createApolloClient({
    uri: 'http://localhost/graphql',
    subscriptions: fakeSubscriptions().link,
  });
  render(
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
  return router;
}

const dashboard = graphql.query(DashboardData, () =>
  HttpResponse.json({
    data: {
      __typename: 'Query',
      worklistCounts: [
        {
          __typename: 'WorklistCount',
          worklist: 'AWAITING_BOOKING',
          name: 'Awaiting booking',
          description: 'Referrals without a booked appointment.',
          count: 2,
        },
      ],
    },
  }),
);

describe('the app frame and the session', () => {
  it('shows who is signed in, the role and organisation they act as, and signs out', async () => {
    let signedOut = false;
    server.use(
      dashboard,
      graphql.query(SessionData, () =>
        HttpResponse.json({ data: signedOut ? { __typename: 'Query', me: null } : sessionAs() }),
      ),
      graphql.mutation(SignOut, () => {
        signedOut = true;
        return HttpResponse.json({ data: { __typename: 'Mutation', signOut: true } });
      }),
    );
    const user = userEvent.setup();
    const router = renderApp('/');
    const account = await screen.findByRole('navigation', { name: 'Your account' });
    expect(within(account).getByText('Dr Asha Patel')).toBeInTheDocument();
    expect(
      within(account).getByText('Referring clinician, Bridge Medical Practice (A80000)'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { level: 1, name: /^Worklists/ }),
    ).toBeInTheDocument();

    await user.click(within(account).getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    await waitFor(() => expect(signedOut).toBe(true));
    await waitFor(() =>
      expect(screen.queryByRole('navigation', { name: 'Your account' })).not.toBeInTheDocument(),
    );
  });

  it('sends a signed-out visitor to sign in, keeping where they were going', async () => {
    server.use(
      signedInAs({ __typename: 'Query', me: null }),
      graphql.query(WorklistData, () =>
        HttpResponse.json({
          data: null,
          errors: [
            { message: 'You need to sign in to do that.', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        }),
      ),
    );
    const router = renderApp('/worklists/AWAITING_BOOKING?priority=URGENT');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(
      '/worklists/AWAITING_BOOKING?priority=URGENT',
    );
  });

  it('sends the user to sign in again when a page’s request finds the session expired', async () => {
    let asked = 0;
    server.use(
      // Signed in when the page opens; the session is gone when the app asks again.
      graphql.query(SessionData, () =>
        HttpResponse.json({
          data: asked++ === 0 ? sessionAs() : { __typename: 'Query', me: null },
        }),
      ),
      graphql.query(WorklistData, () => {
        return HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'Your session has ended. Sign in again.',
              extensions: { code: 'SESSION_EXPIRED' },
            },
          ],
        });
      }),
    );
    const router = renderApp('/worklists/AWAITING_BOOKING');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('expired')).toBe('1');
    expect(params.get('next')).toBe('/worklists/AWAITING_BOOKING');
    expect(
      await screen.findByText('Your session has ended. Sign in again to carry on where you were.'),
    ).toBeInTheDocument();
    // The header no longer shows the session the API has ended.
    await waitFor(() =>
      expect(screen.queryByRole('navigation', { name: 'Your account' })).not.toBeInTheDocument(),
    );
  });

  it('when the session’s end time passes, checks with the API and signs an idle user out cleanly', async () => {
    let asked = 0;
    server.use(
      dashboard,
      graphql.query(SessionData, () => {
        asked += 1;
        if (asked > 1) return HttpResponse.json({ data: { __typename: 'Query', me: null } });
        const data = sessionAs();
        data.me!.sessionExpiresAt = new Date(Date.now() + 200).toISOString();
        return HttpResponse.json({ data });
      }),
    );
    const router = renderApp('/');
    expect(
      await screen.findByRole('heading', { level: 1, name: /^Worklists/ }),
    ).toBeInTheDocument();
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'), {
      timeout: 4000,
    });
    expect(new URLSearchParams(router.state.location.search).get('expired')).toBe('1');
  });

  it('asks a user who has not chosen a role to choose one first', async () => {
    const data = sessionAs();
    data.me!.acting = null;
    server.use(
      dashboard,
      signedInAs(data),
      graphql.query(ChooseRoleData, () =>
        HttpResponse.json({ data: { __typename: 'Query', me: null } }),
      ),
    );
    const router = renderApp('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/choose-role'));
  });
});
