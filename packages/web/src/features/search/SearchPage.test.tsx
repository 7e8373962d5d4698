import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  SearchServicesQuery,
  SearchServicesQueryVariables,
  ServiceResultFragment,
} from '../../gql/graphql';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import { SearchFormData, SearchPage, SearchServices } from './SearchPage';

const formData = graphql.query(SearchFormData, () =>
  HttpResponse.json({
    data: {
      __typename: 'Query',
      specialties: [
        { __typename: 'Specialty', code: 'CARDIOLOGY', name: 'Cardiology' },
        { __typename: 'Specialty', code: 'DERMATOLOGY', name: 'Dermatology' },
      ],
      clinicTypes: [
        {
          __typename: 'ClinicType',
          code: 'CARD_ARRHYTHMIA',
          name: 'Arrhythmia',
          specialtyCode: 'CARDIOLOGY',
        },
        { __typename: 'ClinicType', code: 'DERM_ACNE', name: 'Acne', specialtyCode: 'DERMATOLOGY' },
      ],
    },
  }),
);

function result(
  n: number,
  overrides: Partial<ServiceResultFragment['service']> = {},
): ServiceResultFragment {
  return {
    __typename: 'ServiceSearchResult',
    distanceMiles: 0.31 * n,
    earliestSlotStart: '2026-11-23T09:00:00.000Z',
    indicativeWaitDays: 2,
    service: {
      __typename: 'Service',
      id: `service-${n}`,
      name: `Arrhythmia Clinic ${n}`,
      requestFlow: 'APPOINTMENT_REQUEST',
      bookableType: 'DIRECTLY_BOOKABLE',
      priorities: ['URGENT', 'ROUTINE'],
      letterRequired: false,
      referrerAlert: null,
      instructions: null,
      provider: {
        __typename: 'Organisation',
        id: 'p1',
        name: 'Leeds Hospitals NHS Foundation Trust',
      },
      site: {
        __typename: 'Site',
        id: 's1',
        name: 'Leeds General Hospital',
        town: 'Leeds',
        postcode: 'LS1 5DQ',
      },
      clinicType: { __typename: 'ClinicType', code: 'CARD_ARRHYTHMIA', name: 'Arrhythmia' },
      ...overrides,
    },
  };
}

function connection(
  results: ServiceResultFragment[],
  page: { totalCount?: number; hasNextPage?: boolean } = {},
): SearchServicesQuery {
  return {
    __typename: 'Query',
    searchServices: {
      __typename: 'ServiceSearchConnection',
      totalCount: page.totalCount ?? results.length,
      patientLocation: { __typename: 'SearchLocation', postcode: 'LS1 4AP', precision: 'DISTRICT' },
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage: page.hasNextPage ?? false,
        endCursor: results.length ? `cursor-${results.at(-1)!.service.id}` : null,
      },
      edges: results.map((node) => ({
        __typename: 'ServiceSearchEdge',
        cursor: `cursor-${node.service.id}`,
        node,
      })),
    },
  };
}

async function fillInForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Age in years'), '54');
  await user.click(screen.getByLabelText('Male'));
  await user.type(screen.getByLabelText('Postcode'), 'ls14ap');
  await user.click(screen.getByLabelText('Urgent'));
  await screen.findByRole('option', { name: 'Cardiology' });
  await user.selectOptions(screen.getByLabelText('Specialty'), 'CARDIOLOGY');
}

describe('SearchPage', () => {
  it('explains every missing answer and asks the API nothing', async () => {
    let searched = false;
    server.use(
      formData,
      graphql.query(SearchServices, () => {
        searched = true;
        return HttpResponse.json({ data: connection([]) });
      }),
    );
    const user = userEvent.setup();
    renderPage(<SearchPage />);
    await user.click(screen.getByRole('button', { name: 'Search' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByText('There is a problem')).toBeInTheDocument();
    for (const message of [
      'Enter the patient’s age in years.',
      'Select the patient’s sex.',
      'Enter the patient’s postcode.',
      'Select the priority of the referral.',
      'Select a specialty from the list.',
    ]) {
      expect(within(summary).getByRole('link', { name: message })).toBeInTheDocument();
    }
    expect(searched).toBe(false);
  });

  it('rejects a malformed postcode before searching', async () => {
    server.use(formData);
    const user = userEvent.setup();
    renderPage(<SearchPage />);
    await fillInForm(user);
    await user.clear(screen.getByLabelText('Postcode'));
    await user.type(screen.getByLabelText('Postcode'), 'LS1');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(await screen.findAllByText('Enter a full UK postcode, like LS1 4AP.')).not.toHaveLength(
      0,
    );
  });

  it('searches with the criteria entered and lists matching services with their distance', async () => {
    let sent: SearchServicesQueryVariables | undefined;
    server.use(
      formData,
      graphql.query(SearchServices, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: connection([
            result(1, {
              referrerAlert: 'Include a recent full blood count with the referral letter.',
            }),
            result(2, {
              requestFlow: 'TRIAGE_REQUEST',
              name: 'Arrhythmia Referral Assessment Service',
            }),
          ]),
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<SearchPage />);
    await fillInForm(user);
    await user.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByRole('heading', { name: '2 services found' })).toBeInTheDocument();
    expect(sent).toEqual({
      input: {
        patient: { ageYears: 54, sex: 'MALE', postcode: 'LS1 4AP' },
        priority: 'URGENT',
        specialty: 'CARDIOLOGY',
        clinicType: null,
        maxDistanceMiles: null,
        maxWaitDays: null,
        sort: 'DISTANCE',
      },
      first: 10,
    });
    const items = screen.getAllByTestId('service-result');
    expect(items).toHaveLength(2);
    expect(
      within(items[0]!).getByRole('heading', { name: 'Arrhythmia Clinic 1' }),
    ).toBeInTheDocument();
    expect(within(items[0]!).getByText('0.3 miles')).toBeInTheDocument();
    expect(within(items[0]!).getByText(/Include a recent full blood count/)).toBeInTheDocument();
    expect(within(items[1]!).getByText('Triage (referral assessment)')).toBeInTheDocument();
    expect(screen.getByText(/centre of postcode district LS1/)).toBeInTheDocument();
    // The criteria are in the address, so Back and bookmarks return to this search.
    // The postcode was typed `ls14ap`: it is kept and shown upper case with its space.
    expect(router.state.location.search).toContain('postcode=LS1+4AP');
    expect(screen.getByLabelText('Postcode')).toHaveValue('LS1 4AP');
    expect(router.state.location.search).toContain('specialty=CARDIOLOGY');
  });

  it('shows an API error beside the field it concerns', async () => {
    server.use(
      formData,
      graphql.query(SearchServices, () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'We could not find that postcode. Check it and try again.',
              path: ['searchServices'],
              extensions: { code: 'UNKNOWN_POSTCODE', field: 'patient.postcode' },
            },
          ],
        }),
      ),
    );
    renderPage(
      <SearchPage />,
      '/?age=54&sex=MALE&postcode=QQ1+1QQ&priority=URGENT&specialty=CARDIOLOGY',
    );
    const postcode = await screen.findByLabelText('Postcode');
    await waitFor(() =>
      expect(postcode).toHaveAccessibleDescription(/could not find that postcode/),
    );
  });

  it('says plainly when nothing matches', async () => {
    server.use(
      formData,
      graphql.query(SearchServices, () => HttpResponse.json({ data: connection([]) })),
    );
    renderPage(
      <SearchPage />,
      '/?age=54&sex=MALE&postcode=LS1+4AP&priority=URGENT&specialty=CARDIOLOGY&distance=5',
    );
    expect(await screen.findByRole('heading', { name: '0 services found' })).toBeInTheDocument();
    expect(screen.getByText('No services match these criteria. You could:')).toBeInTheDocument();
  });

  it('loads more results with the cursor and appends them', async () => {
    const afters: (string | null | undefined)[] = [];
    server.use(
      formData,
      graphql.query(SearchServices, ({ variables }) => {
        afters.push(variables.after);
        return HttpResponse.json({
          data: variables.after
            ? connection([result(3)], { totalCount: 3, hasNextPage: false })
            : connection([result(1), result(2)], { totalCount: 3, hasNextPage: true }),
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(
      <SearchPage />,
      '/?age=54&sex=MALE&postcode=LS1+4AP&priority=URGENT&specialty=CARDIOLOGY',
    );
    await user.click(
      await screen.findByRole('button', { name: 'Show more services (2 of 3 shown)' }),
    );
    await waitFor(() => expect(screen.getAllByTestId('service-result')).toHaveLength(3));
    expect(afters).toEqual([undefined, 'cursor-service-2']);
    expect(screen.queryByRole('button', { name: /Show more services/ })).not.toBeInTheDocument();
  });
});
