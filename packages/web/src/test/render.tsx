import { ApolloLink, type ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router';
import { Observable, Subject } from 'rxjs';
import { createApolloClient } from '../app/apollo';
import { SessionProvider } from '../app/session';

/** Live updates for tests: `emit()` delivers a message to every open subscription. */
export function fakeSubscriptions() {
  const messages = new Subject<ApolloLink.Result>();
  let open = 0;
  const link = new ApolloLink(
    () =>
      new Observable<ApolloLink.Result>((observer) => {
        open++;
        const subscription = messages.subscribe(observer);
        return () => {
          open--;
          subscription.unsubscribe();
        };
      }),
  );
  return {
    link,
    emit: (data: Record<string, unknown>) => messages.next({ data }),
    get open() {
      return open;
    },
  };
}

/** Where the page navigated to, shown by the catch-all route in {@link renderPage}. */
function Elsewhere() {
  const location = useLocation();
  return <p data-testid="navigated-to">{location.pathname + location.search}</p>;
}

export interface RenderPageOptions {
  /** The route pattern the page is mounted at, for `useParams` (default: the URL's path). */
  readonly route?: string;
  readonly subscriptions?: ApolloLink;
}

/**
 * Renders a page as the app would: its own Apollo client (talking to msw), the session, and a
 * router at `url`. Navigation away lands on a stub showing the new address. Returns the router
 * so tests can check where navigation went.
 */
export function renderPage(
  element: ReactElement,
  url = '/',
  options: RenderPageOptions = {},
): RenderResult & { router: ReturnType<typeof createMemoryRouter>; client: ApolloClient } {
  const route = options.route ?? url.split('?')[0]!;
  const router = createMemoryRouter(
    [
      { path: route, element: <SessionProvider>{element}</SessionProvider> },
      { path: '*', element: <Elsewhere /> },
    ],
    { initialEntries: [url] },
  );
  const client = createApolloClient({
    uri: 'http://localhost/graphql',
    subscriptions: options.subscriptions ?? fakeSubscriptions().link,
  });
  const utils = render(
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
  return { ...utils, router, client };
}
