import { ApolloProvider } from '@apollo/client/react';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ApolloClient } from '@apollo/client';
import { createApolloClient } from '../app/apollo';

/**
 * Renders a page as the app would: its own Apollo client (talking to msw) and a router at
 * `path`. Returns the router so tests can check where navigation went.
 */
export function renderPage(
  element: ReactElement,
  path = '/',
): RenderResult & { router: ReturnType<typeof createMemoryRouter>; client: ApolloClient } {
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  const client = createApolloClient('http://localhost/graphql');
  const utils = render(
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>,
  );
  return { ...utils, router, client };
}
