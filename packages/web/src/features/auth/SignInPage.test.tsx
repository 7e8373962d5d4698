import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { SignInMutation, SignInMutationVariables } from '../../gql/graphql';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import { SignIn, SignInPage } from './SignInPage';

const signedIn = (acting: boolean): SignInMutation => ({
  __typename: 'Mutation',
  signIn: {
    __typename: 'SignInResult',
    acting: acting
      ? {
          __typename: 'ActingRole',
          roleAssignment: { __typename: 'RoleAssignment', id: 'ra-1' },
        }
      : null,
  },
});

async function signIn(user: ReturnType<typeof userEvent.setup>, username = 'rc.leeds') {
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), 'open-ers-demo');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInPage', () => {
  it('asks for both answers before sending anything', async () => {
    let sent = false;
    server.use(
      graphql.mutation(SignIn, () => {
        sent = true;
        return HttpResponse.json({ data: signedIn(true) });
      }),
    );
    const user = userEvent.setup();
    renderPage(<SignInPage />, '/sign-in');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your username.' })).toHaveAttribute(
      'href',
      '#sign-in-username',
    );
    expect(within(summary).getByRole('link', { name: 'Enter your password.' })).toBeInTheDocument();
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/Enter your username/);
    expect(sent).toBe(false);
  });

  it('says when the username or password is wrong, beside the username, and clears the password', async () => {
    server.use(
      graphql.mutation(SignIn, () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'The username or password is not right. Check them and try again.',
              extensions: { code: 'INVALID_CREDENTIALS' },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderPage(<SignInPage />, '/sign-in');
    await signIn(user);
    await waitFor(() =>
      expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(
        /username or password is not right/,
      ),
    );
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('goes back to the page the user was sent from once signed in', async () => {
    let sent: SignInMutationVariables | undefined;
    server.use(
      graphql.mutation(SignIn, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({ data: signedIn(true) });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<SignInPage />, '/sign-in?next=%2Freferrals%2F000049614844', {
      route: '/sign-in',
    });
    await signIn(user, '  rc.leeds ');
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/000049614844'));
    expect(sent).toEqual({ username: 'rc.leeds', password: 'open-ers-demo' });
  });

  it('asks users with several roles to choose one, and never follows a link off the site', async () => {
    server.use(graphql.mutation(SignIn, () => HttpResponse.json({ data: signedIn(false) })));
    const user = userEvent.setup();
    const { router } = renderPage(<SignInPage />, '/sign-in?next=%2F%2Fevil.example', {
      route: '/sign-in',
    });
    await signIn(user, 'spc2.leeds');
    await waitFor(() => expect(router.state.location.pathname).toBe('/choose-role'));
    expect(router.state.location.search).toBe('?next=%2F');
  });

  it('explains that the session ended when the user was sent here by expiry', () => {
    renderPage(<SignInPage />, '/sign-in?expired=1&next=%2F', { route: '/sign-in' });
    expect(
      screen.getByText('Your session has ended. Sign in again to carry on where you were.'),
    ).toBeInTheDocument();
  });
});
