import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ChangeShortlistMutationVariables,
  CreateReferralMutation,
  CreateReferralMutationVariables,
} from '../../gql/graphql';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import { writeDraft, type DraftService, type ReferralDraft } from './draft';
import { ChangeShortlist, CreateReferral, ReferralDetailsPage } from './ReferralDetailsPage';

const clinic = (id: string, name: string, extra: Partial<DraftService> = {}): DraftService => ({
  id,
  name,
  providerName: 'Leeds Hospitals NHS FT',
  siteName: 'Leeds General Hospital',
  requestFlow: 'APPOINTMENT_REQUEST',
  bookableType: 'DIRECTLY_BOOKABLE',
  priorities: ['URGENT', 'ROUTINE'],
  letterRequired: false,
  ...extra,
});

function draft(overrides: Partial<ReferralDraft> = {}): ReferralDraft {
  return {
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
    priority: 'URGENT',
    shortlist: [clinic('s1', 'Arrhythmia Clinic')],
    ...overrides,
  };
}

const created = (ubrn: string): CreateReferralMutation => ({
  __typename: 'Mutation',
  createReferral: {
    __typename: 'ReferralPayload',
    referral: { __typename: 'Referral', ubrn, version: 1, state: 'NOT_BOOKED' },
  },
});

describe('ReferralDetailsPage', () => {
  afterEach(() => writeDraft(null));

  it('uploads the letter, creates the referral with it, and goes on to booking', async () => {
    writeDraft(draft());
    let sent: CreateReferralMutationVariables | undefined;
    let uploaded: { header: string | null; size: number | undefined } | undefined;
    server.use(
      http.post('*/api/documents', async ({ request }) => {
        const form = await request.formData();
        const file = form.get('file');
        // The file's name does not survive jsdom's FormData (the browser tests check it).
        uploaded = {
          header: request.headers.get('x-open-ers-upload'),
          size: typeof file === 'object' && file !== null ? file.size : undefined,
        };
        return HttpResponse.json(
          { id: 'doc-1', filename: 'letter.pdf', contentType: 'application/pdf', sizeBytes: 9 },
          { status: 201 },
        );
      }),
      graphql.mutation(CreateReferral, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({ data: created('000049614844') });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ReferralDetailsPage />, '/referrals/new/details');

    await user.type(
      screen.getByRole('textbox', { name: 'Clinical information' }),
      'Palpitations for three months.',
    );
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    expect(
      await screen.findByRole('link', {
        name: 'Say whether you are attaching the referral letter now.',
      }),
    ).toBeInTheDocument();

    await user.click(screen.getByLabelText('Attach it now'));
    await user.upload(
      screen.getByLabelText('Referral letter', { selector: 'input' }),
      new File(['%PDF-1.4 '], 'letter.pdf', { type: 'application/pdf' }),
    );
    await user.click(screen.getByRole('button', { name: 'Create referral' }));

    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/referrals/000049614844/book'),
    );
    // One clinic shortlisted: its calendar opens with the referral, in one request.
    expect(router.state.location.search).toBe('?service=s1');
    expect(uploaded).toEqual({ header: '1', size: 9 });
    expect(sent?.input).toMatchObject({
      patientId: 'patient-1',
      priority: 'URGENT',
      serviceIds: ['s1'],
      letterStatus: 'ATTACHED',
      documentIds: ['doc-1'],
      clinicalInformation: 'Palpitations for three months.',
    });
    expect(sent?.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows an upload refusal beside the file, and sends no referral', async () => {
    writeDraft(draft());
    let sent = false;
    server.use(
      http.post('*/api/documents', () =>
        HttpResponse.json(
          {
            error: {
              code: 'INVALID_FILE_TYPE',
              message: 'That type of file cannot be attached.',
              field: 'file',
            },
          },
          { status: 415 },
        ),
      ),
      graphql.mutation(CreateReferral, () => {
        sent = true;
        return HttpResponse.json({ data: created('000049614844') });
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    await user.click(screen.getByLabelText('Attach it now'));
    const input = screen.getByLabelText('Referral letter', { selector: 'input' });
    await user.upload(input, new File(['x'], 'letter.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    await waitFor(() =>
      expect(input).toHaveAccessibleDescription(/That type of file cannot be attached/),
    );
    expect(sent).toBe(false);
  });

  it('catches a shortlisted service that does not take the priority before sending', async () => {
    writeDraft(
      draft({
        priority: 'TWO_WEEK_WAIT',
        shortlist: [clinic('s1', 'Arrhythmia Clinic', { priorities: ['ROUTINE'] })],
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    await user.click(screen.getByLabelText('The letter will follow'));
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    expect(
      await screen.findByRole('link', {
        name: 'Arrhythmia Clinic does not accept two week wait referrals. Remove it or change the priority.',
      }),
    ).toHaveAttribute('href', '#referral-shortlist');
  });

  it('saves a changed shortlist for an existing referral, with the version read', async () => {
    writeDraft(
      draft({
        purpose: { kind: 'CHANGE_SHORTLIST', ubrn: '000049614844', version: 4 },
        shortlist: [clinic('s1', 'Arrhythmia Clinic'), clinic('s2', 'Cardiology Clinic')],
      }),
    );
    let sent: ChangeShortlistMutationVariables | undefined;
    server.use(
      graphql.mutation(ChangeShortlist, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            changeShortlist: {
              __typename: 'ReferralPayload',
              referral: {
                __typename: 'Referral',
                ubrn: '000049614844',
                version: 5,
                state: 'NOT_BOOKED',
              },
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    expect(
      screen.getByRole('heading', { level: 1, name: 'Check the new shortlist' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Clinical information' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save the shortlist' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/000049614844'));
    expect(sent?.input).toMatchObject({
      ubrn: '000049614844',
      serviceIds: ['s1', 's2'],
      priority: 'URGENT',
      expectedVersion: 4,
    });
  });
  it('refuses a referral with no clinical information and no letter, beside the field and in the summary, and sends nothing', async () => {
    writeDraft(draft());
    let sent = false;
    server.use(
      graphql.mutation(CreateReferral, () => {
        sent = true;
        return HttpResponse.json({ data: created('000049614844') });
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    await user.click(screen.getByLabelText('No letter: the clinical information is enough'));
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    const message =
      'Enter the clinical information, attach the referral letter, or say the letter will follow and when.';
    // The error summary at the top links to the field, which carries the same message.
    expect(await screen.findByRole('link', { name: message })).toHaveAttribute(
      'href',
      '#referral-clinical-information',
    );
    expect(
      screen.getByRole('textbox', { name: 'Clinical information' }),
    ).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(sent).toBe(false);
  });

  it('shows the API’s field-level refusal beside the clinical information', async () => {
    writeDraft(draft());
    server.use(
      graphql.mutation(CreateReferral, () =>
        HttpResponse.json({
          errors: [
            {
              message:
                'Enter the clinical information, attach the referral letter, or say the letter will follow and when.',
              extensions: { code: 'CLINICAL_INFORMATION_REQUIRED', field: 'clinicalInformation' },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    await user.type(screen.getByRole('textbox', { name: 'Clinical information' }), 'x');
    await user.click(screen.getByLabelText('No letter: the clinical information is enough'));
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Clinical information' }),
      ).toHaveAccessibleDescription(expect.stringContaining('Enter the clinical information')),
    );
  });

  it('sends a letter to follow with the due date the GP chose, within the priority’s limit', async () => {
    writeDraft(draft({ priority: 'ROUTINE' }));
    let sent: CreateReferralMutationVariables | undefined;
    server.use(
      graphql.mutation(CreateReferral, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({ data: created('000049614844') });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ReferralDetailsPage />, '/referrals/new/details');
    await user.click(screen.getByLabelText('The letter will follow'));
    const due = screen.getByLabelText('Date the letter is due');
    // Offered the latest the priority allows, which the GP may bring forward but not beyond.
    const latest = (due as HTMLInputElement).value;
    expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await user.clear(due);
    await user.type(due, '2000-01-01');
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    expect(
      await screen.findByRole('link', {
        name: 'The date the letter is due must be today or in the future.',
      }),
    ).toHaveAttribute('href', '#referral-letter-due-date');
    expect(sent).toBeUndefined();
    await user.clear(due);
    await user.type(due, latest);
    await user.click(screen.getByRole('button', { name: 'Create referral' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/referrals/000049614844/book'),
    );
    expect(sent?.input).toMatchObject({
      letterStatus: 'NEED_TO_ADD_LATER',
      letterDueDate: latest,
      clinicalInformation: null,
    });
  });
});
