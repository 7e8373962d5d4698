import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SearchServicesQueryVariables, ServiceResultFragment } from '../../gql/graphql';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import { SearchFormData, SearchServices } from '../search/ServiceSearch';
import { readDraft, writeDraft } from './draft';
import { ChooseServicesPage } from './ChooseServicesPage';

const result = (id: string, name: string): ServiceResultFragment => ({
  __typename: 'ServiceSearchResult',
  distanceMiles: 0.2,
  earliestSlotStart: '2026-11-23T09:00:00.000Z',
  indicativeWaitDays: 2,
  service: {
    __typename: 'Service',
    id,
    name,
    requestFlow: 'APPOINTMENT_REQUEST',
    bookableType: 'DIRECTLY_BOOKABLE',
    priorities: ['URGENT', 'ROUTINE'],
    letterRequired: false,
    referrerAlert: null,
    instructions: null,
    provider: { __typename: 'Organisation', id: 'org-trust', name: 'Leeds Hospitals NHS FT' },
    site: {
      __typename: 'Site',
      id: 'site-lgi',
      name: 'Leeds General Hospital',
      town: 'Leeds',
      postcode: 'LS1 3EX',
    },
    clinicType: { __typename: 'ClinicType', code: 'CARD_ARRHYTHMIA', name: 'Arrhythmia' },
  },
});

const formData = graphql.query(SearchFormData, () =>
  HttpResponse.json({
    data: {
      __typename: 'Query',
      specialties: [{ __typename: 'Specialty', code: 'CARDIOLOGY', name: 'Cardiology' }],
      clinicTypes: [],
    },
  }),
);

describe('ChooseServicesPage', () => {
  beforeEach(() =>
    writeDraft({
      purpose: { kind: 'NEW' },
      patient: {
        id: 'patient-1',
        nhsNumber: '9434765919',
        givenName: 'Margaret',
        familyName: 'Thompson',
        dateOfBirth: '1958-06-02',
        sex: 'FEMALE',
        postcode: 'LS1 5DQ',
      },
      priority: null,
      shortlist: [],
    }),
  );
  afterEach(() => writeDraft(null));

  it('searches for the patient without asking their details, and builds the shortlist', async () => {
    let sent: SearchServicesQueryVariables | undefined;
    server.use(
      formData,
      graphql.query(SearchServices, ({ variables }) => {
        sent = variables;
        const results = [result('s1', 'Arrhythmia Clinic'), result('s2', 'Cardiology Clinic')];
        return HttpResponse.json({
          data: {
            __typename: 'Query',
            searchServices: {
              __typename: 'ServiceSearchConnection',
              totalCount: 2,
              patientLocation: {
                __typename: 'SearchLocation',
                postcode: 'LS1 5DQ',
                precision: 'POSTCODE',
              },
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
              edges: results.map((node) => ({
                __typename: 'ServiceSearchEdge',
                cursor: node.service.id,
                node,
              })),
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ChooseServicesPage />, '/referrals/new/services');
    expect(screen.queryByLabelText('Postcode')).not.toBeInTheDocument();
    expect(
      screen.getByText(/Searching for Margaret Thompson \(NHS number 943 476 5919\)/),
    ).toBeInTheDocument();

    const panel = screen.getByTestId('shortlist');
    await user.click(within(panel).getByRole('button', { name: 'Continue' }));
    expect(
      await within(panel).findByText('Add at least one service to the shortlist.'),
    ).toBeInTheDocument();

    await user.click(screen.getByLabelText('Urgent'));
    await screen.findByRole('option', { name: 'Cardiology' });
    await user.selectOptions(screen.getByLabelText('Specialty'), 'CARDIOLOGY');
    await user.click(screen.getByLabelText('Earliest appointment'));
    await user.click(screen.getByRole('button', { name: 'Search' }));

    const card = (await screen.findAllByTestId('service-result'))[0]!;
    expect(sent?.input).toMatchObject({
      patient: { sex: 'FEMALE', postcode: 'LS1 5DQ' },
      priority: 'URGENT',
      specialty: 'CARDIOLOGY',
      sort: 'EARLIEST_SLOT',
    });
    expect(sent?.input.patient.ageYears).toBeGreaterThanOrEqual(68);
    expect(card).toHaveTextContent('Earliest appointment9am on Monday 23 November 2026');
    expect(card).toHaveTextContent('Indicative wait2 days');

    await user.click(
      within(card).getByRole('button', { name: 'Add Arrhythmia Clinic to shortlist' }),
    );
    expect(within(panel).getByText('1 of 20 services')).toBeInTheDocument();
    expect(within(panel).getByRole('listitem')).toHaveTextContent(/^Arrhythmia Clinic/);
    expect(
      screen.getByText('Arrhythmia Clinic added to the shortlist. 1 of 20 services.'),
    ).toBeInTheDocument();
    expect(
      within(card).getByRole('button', { name: 'Remove Arrhythmia Clinic from shortlist' }),
    ).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/new/details'));
    expect(readDraft()).toMatchObject({ priority: 'URGENT', shortlist: [{ id: 's1' }] });
  });

  it('says so when no referral is in progress', () => {
    writeDraft(null);
    renderPage(<ChooseServicesPage />, '/referrals/new/services');
    expect(screen.getByText('There is no referral in progress.')).toBeInTheDocument();
  });
});
