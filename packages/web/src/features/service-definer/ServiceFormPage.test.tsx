import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { CreateServiceMutationVariables } from '../../gql/graphql';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { renderPage } from '../../test/render';
import { CreateService, ServiceFormPage, ServiceFormReference } from './ServiceFormPage';
import { definedService, LEEDS_TRUST, refusal } from './test-fixtures';

const reference = graphql.query(ServiceFormReference, () =>
  HttpResponse.json({
    data: {
      __typename: 'Query',
      organisationSites: [
        {
          __typename: 'Site',
          id: 'site-sj',
          name: 'St James’s University Hospital',
          town: 'Leeds',
          postcode: 'LS9 7TF',
        },
      ],
      specialties: [{ __typename: 'Specialty', code: 'RHEUMATOLOGY', name: 'Rheumatology' }],
      clinicTypes: [
        {
          __typename: 'ClinicType',
          code: 'RHEUM_GENERAL',
          name: 'General rheumatology',
          specialtyCode: 'RHEUMATOLOGY',
        },
      ],
    },
  }),
);
const definer = signedInAs(sessionAs('SERVICE_DEFINER', 'Service definer', LEEDS_TRUST));

describe('ServiceFormPage', () => {
  it('shows the API’s field errors in the summary and beside each field, then saves a draft', async () => {
    const sent: CreateServiceMutationVariables[] = [];
    server.use(
      definer,
      reference,
      graphql.mutation(CreateService, ({ variables }) => {
        sent.push(variables);
        if (sent.length === 1) {
          return HttpResponse.json(
            refusal('VALIDATION_FAILED', 'Some answers need correcting.', {
              details: {
                fieldErrors: [
                  { field: 'name', code: 'NAME_REQUIRED', message: 'Enter a name.' },
                  {
                    field: 'input.maxAgeYears',
                    code: 'INVALID_AGE_RANGE',
                    message: 'The oldest age must be at least the youngest.',
                  },
                  {
                    field: 'bookingWindows.1.closesDaysAhead',
                    code: 'INVALID_BOOKING_WINDOW',
                    message: 'Urgent: the window must close on or after the day it opens.',
                  },
                ],
              },
            }),
          );
        }
        return HttpResponse.json({
          data: { __typename: 'Mutation', createService: definedService({ id: 'svc-new' }) },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ServiceFormPage />, '/services/new');
    // The page names the organisation the definer acts for.
    expect(
      await screen.findByRole('heading', { level: 1, name: /Create a service.*Leeds Hospitals/ }),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Site'), 'site-sj');
    await user.selectOptions(screen.getByLabelText('Specialty'), 'RHEUMATOLOGY');
    await user.selectOptions(screen.getByLabelText('Clinic type'), 'RHEUM_GENERAL');
    await user.type(screen.getByLabelText('Youngest age treated (optional)'), '65');
    await user.type(screen.getByLabelText('Oldest age treated (optional)'), '18');
    await user.click(screen.getByLabelText('Two week wait'));
    await user.click(screen.getByRole('button', { name: 'Save as a draft' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter a name.' })).toHaveAttribute(
      'href',
      '#service-name',
    );
    expect(
      within(summary).getByRole('link', { name: 'The oldest age must be at least the youngest.' }),
    ).toHaveAttribute('href', '#service-maxAgeYears');
    expect(
      within(summary).getByRole('link', {
        name: 'Urgent: the window must close on or after the day it opens.',
      }),
    ).toHaveAttribute('href', '#service-bookingWindows');
    expect(within(summary).getByRole('heading', { name: 'There is a problem' })).toBeVisible();
    // Inline, beside the fields.
    expect(screen.getByLabelText('Service name')).toHaveAccessibleDescription(
      expect.stringContaining('Enter a name.'),
    );
    expect(screen.getByLabelText('Oldest age treated (optional)')).toHaveAccessibleDescription(
      expect.stringContaining('The oldest age must be at least the youngest.'),
    );
    expect(sent[0]!.input).toMatchObject({
      name: '',
      siteId: 'site-sj',
      specialty: 'RHEUMATOLOGY',
      clinicType: 'RHEUM_GENERAL',
      minAgeYears: 65,
      maxAgeYears: 18,
      priorities: ['URGENT', 'ROUTINE'],
      bookingWindows: [
        { priority: 'URGENT', opensHoursAhead: 1, closesDaysAhead: 182 },
        { priority: 'ROUTINE', opensHoursAhead: 1, closesDaysAhead: 182 },
      ],
      slotIssuePolicy: 'LEAVE',
      offerHoldHours: 48,
      publicationWeeks: 26,
    });

    // The preview is the search result card, from what is typed.
    await user.type(screen.getByLabelText('Service name'), 'Rheumatology Clinic');
    const preview = screen.getByTestId('preview');
    expect(within(preview).getByRole('heading', { name: 'Rheumatology Clinic' })).toBeVisible();
    expect(preview).toHaveTextContent('St James’s University Hospital, Leeds LS9 7TF');
    expect(preview).toHaveTextContent('Priorities acceptedUrgent, Routine');
    expect(preview).not.toHaveTextContent('Distance');

    await user.clear(screen.getByLabelText('Youngest age treated (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save as a draft' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/services/svc-new'));
    expect(sent[1]!.input).toMatchObject({ name: 'Rheumatology Clinic', minAgeYears: null });
  }, 20_000);

  it('says a number is needed before asking the API, and offers the policy explanations', async () => {
    server.use(definer, reference);
    const user = userEvent.setup();
    renderPage(<ServiceFormPage />, '/services/new');
    await user.click(await screen.findByLabelText('Offer and hold a slot'));
    expect(screen.getByLabelText('Offer and hold a slot')).toHaveAccessibleDescription(
      expect.stringContaining('held for that referral for 48 hours'),
    );
    await user.clear(screen.getByLabelText('How long an offered slot is held'));
    await user.type(screen.getByLabelText('How long an offered slot is held'), 'two days');
    await user.click(screen.getByRole('button', { name: 'Save as a draft' }));
    expect(
      await screen.findByRole('link', { name: 'Enter a whole number, like 12.' }),
    ).toHaveAttribute('href', '#service-offerHoldHours');
  });
});
