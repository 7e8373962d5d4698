import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type { FindPatientQuery } from '../../gql/graphql';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import { readDraft, writeDraft } from './draft';
import { FindPatient, FindPatientPage } from './FindPatientPage';

const margaret: FindPatientQuery = {
  __typename: 'Query',
  patient: {
    __typename: 'Patient',
    id: 'patient-1',
    nhsNumber: '9434765919',
    givenName: 'Margaret',
    familyName: 'Thompson',
    dateOfBirth: '1958-06-02',
    sex: 'FEMALE',
    addressLine: '12 Park Square',
    town: 'Leeds',
    postcode: 'LS1 5DQ',
    registeredPractice: {
      __typename: 'Organisation',
      id: 'org-gp',
      name: 'Bridge Medical Practice',
      odsCode: 'A80000',
    },
  },
};

describe('FindPatientPage', () => {
  afterEach(() => writeDraft(null));

  it('spaces the NHS number as it is typed, finds the patient and starts the referral', async () => {
    const asked: string[] = [];
    server.use(
      graphql.query(FindPatient, ({ variables }) => {
        asked.push(variables.nhsNumber);
        return HttpResponse.json({ data: margaret });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<FindPatientPage />, '/referrals/new', {
      route: '/referrals/new',
    });
    const field = screen.getByLabelText('NHS number');
    await user.type(field, '9434765919');
    expect(field).toHaveValue('943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Find patient' }));

    const found = await screen.findByRole('heading', { name: 'Patient found' });
    await waitFor(() => expect(found).toHaveFocus());
    expect(screen.getByText('Margaret Thompson')).toBeInTheDocument();
    expect(screen.getByText('2 June 1958')).toBeInTheDocument();
    expect(screen.getByText('Bridge Medical Practice (A80000)')).toBeInTheDocument();
    expect(asked).toEqual(['9434765919']);

    await user.click(screen.getByRole('button', { name: 'Refer Margaret Thompson' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/new/services'));
    expect(readDraft()).toMatchObject({
      purpose: { kind: 'NEW' },
      patient: { id: 'patient-1', nhsNumber: '9434765919', postcode: 'LS1 5DQ' },
      shortlist: [],
    });
  });

  it('refuses a number that fails the check digit without asking the API', async () => {
    let asked = false;
    server.use(
      graphql.query(FindPatient, () => {
        asked = true;
        return HttpResponse.json({ data: margaret });
      }),
    );
    const user = userEvent.setup();
    renderPage(<FindPatientPage />, '/referrals/new', { route: '/referrals/new' });
    await user.type(screen.getByLabelText('NHS number'), '9434765918');
    await user.click(screen.getByRole('button', { name: 'Find patient' }));
    expect(
      await screen.findByRole('link', {
        name: 'Enter a valid 10-digit NHS number, like 943 476 5919.',
      }),
    ).toHaveAttribute('href', '#patient-nhs-number');
    expect(asked).toBe(false);
  });

  it('says plainly when no patient has that number', async () => {
    server.use(
      graphql.query(FindPatient, () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'We could not find that record.',
              extensions: { code: 'REFERENCE_NOT_FOUND' },
            },
          ],
        }),
      ),
    );
    renderPage(<FindPatientPage />, '/referrals/new?nhs=9000000009', { route: '/referrals/new' });
    await waitFor(() =>
      expect(screen.getByLabelText('NHS number')).toHaveAccessibleDescription(
        /No patient has the NHS number 900 000 0009/,
      ),
    );
  });
});
