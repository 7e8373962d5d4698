import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type {
  AttachReferralLetterMutationVariables,
  DeferToProviderMutationVariables,
  RejectReferralMutationVariables,
  TriageOutcomeInput,
} from '../../gql/graphql';
import {
  allowed,
  ARRHYTHMIA,
  bookedReferral,
  HEART_FAILURE,
  referral,
  TRIAGE,
  type ReferralFixture,
} from '../../test/fixtures';
import { server } from '../../test/msw';
import { renderPage } from '../../test/render';
import {
  AttachReferralLetter,
  DeferToProvider,
  RecordTriageOutcome,
  RejectReferral,
} from './mutations';
import { ReferralActionData, ReferralActionPage } from './ReferralActionPage';

const ROUTE = { route: '/referrals/:ubrn/:action' };
const serve = (r: () => ReferralFixture) =>
  graphql.query(ReferralActionData, () =>
    HttpResponse.json({ data: { __typename: 'Query', referral: r() } }),
  );
/** A typed refusal, as the API sends it. */
const refusal = (code: string, message: string, field?: string) => ({
  data: null,
  errors: [{ message, extensions: field ? { code, field } : { code } }],
});
/** What every change to a referral returns. */
const changed = (r: ReferralFixture) => ({
  __typename: 'ReferralPayload' as const,
  notice: null,
  noticeMessage: null,
  referral: r,
});

describe('ReferralActionPage', () => {
  it('rejects with a reason from the catalogue, asking for the comment that reason needs', async () => {
    let sent: RejectReferralMutationVariables | undefined;
    server.use(
      serve(() => bookedReferral()),
      graphql.mutation(RejectReferral, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            rejectReferral: changed(bookedReferral({ version: 3, state: 'REJECTED' })),
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(<ReferralActionPage />, '/referrals/000049614844/reject', ROUTE);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Reject the referral' }),
    ).toBeInTheDocument();
    const reasons = screen.getByRole('group', { name: 'Why are you rejecting it?' });
    expect(
      within(reasons)
        .getAllByRole('radio')
        .map((r) => r.getAttribute('value')),
    ).toEqual(['SERVICE_INAPPROPRIATE', 'FURTHER_INFORMATION_REQUIRED']);

    await user.click(screen.getByRole('button', { name: 'Reject referral' }));
    expect(await screen.findByRole('link', { name: 'Choose a reason.' })).toHaveAttribute(
      'href',
      '#action-reason',
    );

    await user.click(screen.getByLabelText('Further information required'));
    await user.click(screen.getByRole('button', { name: 'Reject referral' }));
    expect(await screen.findByRole('link', { name: 'Enter a comment.' })).toBeInTheDocument();
    expect(sent).toBeUndefined();

    await user.type(screen.getByLabelText('Comment'), 'Please send a recent ECG.');
    await user.click(screen.getByRole('button', { name: 'Reject referral' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/000049614844'));
    expect(sent).toMatchObject({
      input: {
        ubrn: '000049614844',
        expectedVersion: 2,
        reason: 'FURTHER_INFORMATION_REQUIRED',
        comment: 'Please send a recent ECG.',
        appointmentCancelledInPas: null,
      },
    });
    expect(sent!.input.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(router.state.location.state).toMatchObject({ done: 'Referral rejected' });
  });

  it('on a stale version says someone else changed the referral, and Refresh loads the latest', async () => {
    let version = 2;
    server.use(
      serve(() => bookedReferral({ version })),
      graphql.mutation(RejectReferral, () => {
        version = 3;
        return HttpResponse.json(
          refusal(
            'STALE_VERSION',
            'Someone else has changed this referral since you opened it. Refresh to see the latest version.',
          ),
        );
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralActionPage />, '/referrals/000049614844/reject', ROUTE);
    await user.click(await screen.findByLabelText('Service not appropriate for this patient'));
    await user.click(screen.getByRole('button', { name: 'Reject referral' }));

    const stale = await screen.findByTestId('stale-version');
    expect(stale).toHaveTextContent('Someone else has changed this referral');
    expect(stale).toHaveFocus();
    await user.click(within(stale).getByRole('button', { name: 'Refresh' }));
    const refreshed = await screen.findByText(/You are now seeing the latest version/);
    expect(refreshed.closest('[role="status"]')).toHaveFocus();
    expect(screen.queryByTestId('stale-version')).not.toBeInTheDocument();
    // The answers are kept, to submit again against the new version.
    expect(screen.getByLabelText('Service not appropriate for this patient')).toBeChecked();
  });

  it('shows the API’s refusal beside the field it concerns', async () => {
    server.use(
      serve(() => referral()),
      graphql.mutation(DeferToProvider, () =>
        HttpResponse.json(
          refusal(
            'SLOTS_CURRENTLY_AVAILABLE',
            'Appointments are available for this service, so the referral cannot be deferred. Book one instead.',
            'service',
          ),
        ),
      ),
    );
    const user = userEvent.setup();
    renderPage(<ReferralActionPage />, '/referrals/000049614844/defer', ROUTE);
    await user.click(await screen.findByLabelText('Arrhythmia Clinic'));
    await user.click(screen.getByRole('button', { name: 'Defer to provider' }));
    const services = await screen.findByRole('group', {
      name: 'Which service should arrange the appointment?',
    });
    await waitFor(() =>
      expect(services).toHaveTextContent(/Appointments are available for this service/),
    );
  });

  it('defers to the service chosen on the booking page and shows the confirmation', async () => {
    let sent: DeferToProviderMutationVariables | undefined;
    server.use(
      serve(() => referral()),
      graphql.mutation(DeferToProvider, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            deferToProvider: changed(
              referral({ version: 2, state: 'DEFERRED_TO_PROVIDER', allowedActions: [] }),
            ),
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(
      <ReferralActionPage />,
      `/referrals/000049614844/defer?service=${HEART_FAILURE}`,
      ROUTE,
    );
    expect(await screen.findByLabelText('Heart Failure Clinic')).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Defer to provider' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/referrals/000049614844/confirmation'),
    );
    expect(sent?.input).toMatchObject({ serviceId: HEART_FAILURE, redirectReason: null });
  });

  it('offers a new priority only when triage accepts the referral to book later', async () => {
    let sent: TriageOutcomeInput | undefined;
    server.use(
      serve(() =>
        referral({
          state: 'AWAITING_TRIAGE',
          allowedActions: [
            allowed('RECORD_TRIAGE_OUTCOME', {
              reasons: [
                ['ACCEPT_REFER_BOOK_LATER', 'Accept, refer or book later', true],
                ['RETURN_TO_REFERRER_WITH_ADVICE', 'Return to referrer with advice', true],
              ],
            }),
          ],
        }),
      ),
      graphql.mutation(RecordTriageOutcome, ({ variables }) => {
        sent = variables.input;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            recordTriageOutcome: changed(referral({ state: 'TRIAGED_PROVIDER_TO_ACTION' })),
          },
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<ReferralActionPage />, '/referrals/000049614844/triage-outcome', ROUTE);
    await user.click(await screen.findByLabelText('Return to referrer with advice'));
    expect(screen.queryByLabelText('Priority')).not.toBeInTheDocument();
    await user.click(screen.getByLabelText('Accept, refer or book later'));
    await user.selectOptions(screen.getByLabelText('Priority'), 'Change to urgent');
    await user.type(
      screen.getByLabelText('Comment (advice for the referrer, or instructions for booking)'),
      'Book into the next arrhythmia clinic.',
    );
    await user.click(screen.getByRole('button', { name: 'Record outcome' }));
    await waitFor(() =>
      expect(sent).toMatchObject({
        outcome: 'ACCEPT_REFER_BOOK_LATER',
        newPriority: 'URGENT',
        comment: 'Book into the next arrhythmia clinic.',
      }),
    );
  });

  it('uploads and attaches the referral letter to follow, with the version read', async () => {
    let sent: AttachReferralLetterMutationVariables | undefined;
    server.use(
      serve(() => referral({ version: 4, allowedActions: [allowed('ATTACH_REFERRAL_LETTER')] })),
      http.post('*/api/documents', () =>
        HttpResponse.json(
          { id: 'doc-7', filename: 'letter.pdf', contentType: 'application/pdf', sizeBytes: 9 },
          { status: 201 },
        ),
      ),
      graphql.mutation(AttachReferralLetter, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            attachReferralLetter: changed(referral({ version: 5, letterStatus: 'ATTACHED' })),
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(
      <ReferralActionPage />,
      '/referrals/000049614844/attach-letter',
      ROUTE,
    );
    await user.click(await screen.findByRole('button', { name: 'Attach letter' }));
    expect(
      await screen.findByRole('link', { name: 'Choose the referral letter file.' }),
    ).toBeInTheDocument();
    await user.upload(
      screen.getByLabelText('Referral letter', { selector: 'input' }),
      new File(['%PDF-1.4 '], 'letter.pdf', { type: 'application/pdf' }),
    );
    await user.click(screen.getByRole('button', { name: 'Attach letter' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/referrals/000049614844'));
    expect(sent?.input).toMatchObject({
      ubrn: '000049614844',
      expectedVersion: 4,
      documentIds: ['doc-7'],
    });
    expect(router.state.location.state).toMatchObject({ done: 'Referral letter attached' });
  });

  it('does not offer an action the referral no longer allows', async () => {
    server.use(serve(() => bookedReferral({ allowedActions: [allowed('ACCEPT')] })));
    renderPage(<ReferralActionPage />, '/referrals/000049614844/reject', ROUTE);
    expect(
      await screen.findByText(/You cannot do this to referral 0000 4961 4844 now/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Reject referral' })).not.toBeInTheDocument();
  });

  it('sends for triage to the assessment service on the shortlist', async () => {
    server.use(serve(() => referral()));
    renderPage(<ReferralActionPage />, '/referrals/000049614844/send-for-triage', ROUTE);
    const choice = await screen.findByLabelText('Cardiology Referral Assessment Service');
    // The only triage service on the shortlist is chosen for the user.
    expect(choice).toBeChecked();
    expect(choice).toHaveAttribute('value', TRIAGE);
  });

  it('asks a provider deferring for a redirect reason only when the domain says the move is one', async () => {
    let sent: DeferToProviderMutationVariables | undefined;
    const deferrable = (redirectFromServiceId: string | null) =>
      referral({
        state: 'APPT_CANCELLED_BY_PROVIDER',
        allowedActions: [
          allowed('DEFER_TO_PROVIDER', {
            serviceIds: [ARRHYTHMIA, HEART_FAILURE],
            mayRedirect: true,
            redirectFromServiceId,
            redirectReasons: [
              ['REDIRECTED_APPROPRIATE_CLINIC', 'More appropriate clinic', false],
              ['REDIRECTED_OTHER', 'Other', true],
            ],
          }),
        ],
      });
    let current = deferrable(ARRHYTHMIA);
    server.use(
      serve(() => current),
      graphql.mutation(DeferToProvider, ({ variables }) => {
        sent = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            deferToProvider: changed(referral({ version: 2, state: 'DEFERRED_TO_PROVIDER' })),
          },
        });
      }),
    );
    const user = userEvent.setup();
    const first = renderPage(<ReferralActionPage />, '/referrals/000049614844/defer', ROUTE);
    await user.click(await screen.findByLabelText('Arrhythmia Clinic'));
    expect(screen.queryByLabelText('Why is it going to a different service?')).toBeNull();
    await user.click(screen.getByLabelText('Heart Failure Clinic'));
    await user.selectOptions(
      screen.getByLabelText('Why is it going to a different service?'),
      'Other',
    );
    // "Other" needs a comment, as the domain's catalogue says.
    expect(screen.getByLabelText('Comment for the provider')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Comment for the provider'), 'Heart failure nurse led.');
    await user.click(screen.getByRole('button', { name: 'Defer to provider' }));
    await waitFor(() =>
      expect(sent?.input).toMatchObject({
        serviceId: HEART_FAILURE,
        redirectReason: 'REDIRECTED_OTHER',
        comment: 'Heart failure nurse led.',
      }),
    );
    first.unmount();

    // With no appointment request to move away from, no service needs a reason.
    current = deferrable(null);
    renderPage(<ReferralActionPage />, '/referrals/000049614844/defer', ROUTE);
    await user.click(await screen.findByLabelText('Heart Failure Clinic'));
    expect(screen.queryByLabelText('Why is it going to a different service?')).toBeNull();
  });
});
