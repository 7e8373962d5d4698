import { Footer, Header, SkipLink } from 'nhsuk-react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { authProblems, type AuthProblem } from './apollo';
import { focusElement } from './page';
import { SessionProvider, useSession } from './session';

/** The page frame: skip link, NHS header with who is signed in, main content and footer. */
export function Layout({ children }: { children?: ReactNode }) {
  return (
    <SessionProvider>
      <Frame>{children ?? <Outlet />}</Frame>
    </SessionProvider>
  );
}

function Frame({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  useAuthProblemRedirects();
  const { loading } = useSession();
  const [sessionKnown, setSessionKnown] = useState(!loading);
  if (!sessionKnown && !loading) setSessionKnown(true);

  // After a client-side navigation, move focus to the new page's heading, as a full page load
  // would put screen reader users at the top of the new page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = document.getElementById('maincontent');
    focusElement(main?.querySelector<HTMLElement>('h1') ?? main);
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <>
      {/* First on the page; it needs the main content, which may wait for the session. */}
      {sessionKnown ? <SkipLink href="#maincontent">Skip to main content</SkipLink> : null}
      <AppHeader
        onSignOut={async () => {
          // Leave the signed-in pages first (their guard would otherwise see the session end
          // and send the user to sign in "because it expired"), then end the session.
          await navigate('/sign-in', { state: { signedOut: true } });
        }}
      />
      {/* The first time, the page and footer wait until it is known who is signed in: the
          header then fills in with their name and menu, and would push them down the screen. */}
      {sessionKnown ? (
        <>
          <div className="nhsuk-width-container">
            <main
              className="nhsuk-main-wrapper"
              id="maincontent"
              role="main"
              tabIndex={-1}
              aria-busy={navigation.state === 'loading'}
            >
              {children}
            </main>
          </div>
          <Footer>
            <Footer.Meta>
              <p className="nhsuk-body-s">
                Postcode locations contain Ordnance Survey data © Crown copyright and database right
                2025. Contains Royal Mail data © Royal Mail copyright and database right 2025.
                Contains National Statistics data © Crown copyright and database right 2025.
              </p>
              <Footer.Copyright>open-ers – open source electronic referrals</Footer.Copyright>
            </Footer.Meta>
          </Footer>
        </>
      ) : null}
    </>
  );
}

/** The NHS header, with the user, the role and organisation they act as, and sign out. */
function AppHeader({ onSignOut }: { onSignOut: () => Promise<void> }) {
  const session = useSession();
  const { me, acting } = session;
  return (
    <Header service={{ text: 'open-ers', href: '/' }}>
      {me ? (
        <Header.Account aria-label="Your account">
          <Header.AccountItem icon>
            <span data-testid="signed-in-user">{me.user.displayName}</span>
          </Header.AccountItem>
          {acting ? (
            <Header.AccountItem>
              <span data-testid="acting-role">
                {acting.roleAssignment.roleName}, {acting.roleAssignment.organisation.name} (
                {acting.roleAssignment.organisation.odsCode})
                {acting.onBehalfOf ? `, for ${acting.onBehalfOf.displayName}` : ''}
              </span>
            </Header.AccountItem>
          ) : null}
          {session.canSwitchRole ? (
            <Header.AccountItem href="/choose-role" asElement={Link} to="/choose-role">
              Switch role
            </Header.AccountItem>
          ) : null}
          <Header.AccountItem
            formProps={{
              onSubmit: (event) => {
                event.preventDefault();
                void onSignOut().then(() => session.signOut());
              },
            }}
            type="submit"
          >
            Sign out
          </Header.AccountItem>
        </Header.Account>
      ) : null}
      {acting && session.isServiceDefiner ? (
        <Header.Navigation aria-label="Menu">
          <Header.NavigationItem asElement={Link} to="/services" href="/services">
            Services
          </Header.NavigationItem>
          <Header.NavigationItem asElement={Link} to="/sites" href="/sites">
            Sites
          </Header.NavigationItem>
          <Header.NavigationItem asElement={Link} to="/search" href="/search">
            Find a service
          </Header.NavigationItem>
        </Header.Navigation>
      ) : acting && session.isOversight ? (
        <Header.Navigation aria-label="Menu">
          <Header.NavigationItem asElement={Link} to="/" href="/">
            Home
          </Header.NavigationItem>
          <Header.NavigationItem asElement={Link} to="/search" href="/search">
            Find a service
          </Header.NavigationItem>
        </Header.Navigation>
      ) : acting ? (
        <Header.Navigation aria-label="Menu">
          <Header.NavigationItem asElement={Link} to="/" href="/">
            Worklists
          </Header.NavigationItem>
          {session.canRefer ? (
            <Header.NavigationItem asElement={Link} to="/referrals/new" href="/referrals/new">
              New referral
            </Header.NavigationItem>
          ) : null}
          <Header.NavigationItem asElement={Link} to="/search" href="/search">
            Find a service
          </Header.NavigationItem>
        </Header.Navigation>
      ) : null}
    </Header>
  );
}

/** Sends the user to sign in, or to choose a role, when the API says they must. */
function useAuthProblemRedirects() {
  const navigate = useNavigate();
  const { refresh } = useSession();
  const location = useLocation();
  const here = location.pathname + location.search;
  const hereRef = useRef(here);
  useEffect(() => {
    hereRef.current = here;
  }, [here]);
  useEffect(() => {
    const listener = (event: Event) => {
      const problem = (event as CustomEvent<AuthProblem>).detail;
      const current = hereRef.current;
      // The header must stop showing a session the API no longer knows.
      if (problem !== 'ROLE_NOT_SELECTED') void refresh();
      if (current.startsWith('/sign-in')) return;
      const next = encodeURIComponent(current);
      if (problem === 'ROLE_NOT_SELECTED') {
        if (!current.startsWith('/choose-role')) navigate(`/choose-role?next=${next}`);
        return;
      }
      navigate(`/sign-in?next=${next}${problem === 'SESSION_EXPIRED' ? '&expired=1' : ''}`);
    };
    authProblems.addEventListener('problem', listener);
    return () => authProblems.removeEventListener('problem', listener);
  }, [navigate, refresh]);
}

/**
 * Pages for a signed-in user acting in a role. The page renders (and asks for its data) at once;
 * when the session turns out to be missing, expired or without a role, the user is sent on.
 */
export function RequireRole() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const navigation = useNavigation();
  const wasSignedIn = useRef(false);
  const { loading, me, acting } = session;
  // While the user is already going somewhere (signing out goes to sign in), let them arrive.
  const settled = !loading && navigation.state === 'idle';
  useEffect(() => {
    if (!settled) return;
    const next = encodeURIComponent(location.pathname + location.search);
    if (!me) {
      navigate(`/sign-in?next=${next}${wasSignedIn.current ? '&expired=1' : ''}`, {
        replace: true,
      });
    } else if (!acting) {
      navigate(`/choose-role?next=${next}`, { replace: true });
    }
    wasSignedIn.current = !!me;
  }, [settled, me, acting, navigate, location.pathname, location.search]);
  return <Outlet />;
}
