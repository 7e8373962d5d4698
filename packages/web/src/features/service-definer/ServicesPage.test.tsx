import { ApolloProvider } from '@apollo/client/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createApolloClient } from '../../app/apollo';
import { routes } from '../../app/router';
import type { DefinedServicesDataQueryVariables } from '../../gql/graphql';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { fakeSubscriptions } from '../../test/render';
import { DefinedServicesData } from './ServicesPage';
import { definedService, LEEDS_TRUST } from './test-fixtures';

/** The whole app (its real routes and menu) at `url`. */
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

describe('the service definer’s workspace', () => {
  it('starts a service definer on their services, with a menu of services and sites', async () => {
    const asked: DefinedServicesDataQueryVariables[] = [];
    server.use(
      signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST)),
      graphql.query(DefinedServicesData, ({ variables }) => {
        asked.push(variables);
        const all = [
          definedService(),
          definedService({
            id: 'svc-2',
            lifecycleStatus: 'IN_EFFECT',
            draft: false,
            freeSlotCount: 1234,
            slotIssueCount: 3,
            service: { ...definedService().service, id: 'svc-2', name: 'Gout Clinic', version: 4 },
          }),
        ];
        return HttpResponse.json({
          data: {
            __typename: 'Query',
            definedServices: all.filter(
              (d) => !variables.status || d.lifecycleStatus === variables.status,
            ),
          },
        });
      }),
    );
    const user = userEvent.setup();
    const router = renderApp('/');
    await waitFor(() => expect(router.state.location.pathname).toBe('/services'));
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Services', 'Sites', 'Find a service']);
    expect(
      within(screen.getByRole('navigation', { name: 'Your account' })).getByText(
        'Service definer, Leeds Hospitals NHS Foundation Trust (R00)',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('heading', { level: 1, name: /Services.*Leeds Hospitals/ }),
    ).toBeInTheDocument();
    const rows = await screen.findAllByTestId('service-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('Gout Clinic');
    expect(rows[1]).toHaveTextContent('In effect');
    expect(rows[1]).toHaveTextContent('1,234');
    expect(screen.getByRole('link', { name: 'Create a service' })).toHaveAttribute(
      'href',
      '/services/new',
    );

    await user.selectOptions(screen.getByLabelText('Status'), 'DRAFT');
    await user.type(screen.getByLabelText('Name, site or clinic type contains'), 'rheum');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=DRAFT&text=rheum'));
    await waitFor(() => expect(screen.getAllByTestId('service-row')).toHaveLength(1));
    expect(asked.at(-1)).toEqual({ status: 'DRAFT', text: 'rheum' });
  });

  it('keeps the worklists menu for other roles', async () => {
    server.use(
      graphql.query(DefinedServicesData, () =>
        HttpResponse.json({ data: { __typename: 'Query', definedServices: [] } }),
      ),
    );
    renderApp('/services');
    const menu = await screen.findByRole('navigation', { name: 'Menu' });
    expect(
      within(menu)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['Worklists', 'New referral', 'Find a service']);
  });
});
