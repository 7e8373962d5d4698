import { screen } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bookedReferral, referral, type ReferralFixture } from '../../test/fixtures';
import { server, sessionAs, signedInAs } from '../../test/msw';
import { renderPage } from '../../test/render';
import { ReferralSummary, ReferralSummaryPage } from './ReferralSummaryPage';

const ROUTE = { route: '/referrals/:ubrn' };
const answer = (r: ReferralFixture) =>
  graphql.query(ReferralSummary, () =>
    HttpResponse.json({ data: { __typename: 'Query', referral: { ...r, referrer: null } } }),
  );
const open = async (r: ReferralFixture) => {
  server.use(answer(r));
  renderPage(<ReferralSummaryPage />, '/referrals/000049614844', ROUTE);
  return screen.findByRole('region', { name: 'Clinical information and letter' });
};

describe('the referral summary’s clinical information', () => {
  it('never reads "None given": a letter to follow shows its due date instead', async () => {
    const section = await open(referral({ clinicalInformation: null }));
    expect(section).not.toHaveTextContent(/None given/);
    expect(screen.getByTestId('clinical-information')).toHaveTextContent(
      'Letter to follow, due Tuesday 24 November 2026.',
    );
  });

  it('tells a provider plainly that the letter is missing, when it is due, and that it blocks accepting', async () => {
    server.use(signedInAs(sessionAs('SERVICE_PROVIDER_CLINICIAN', 'Service provider clinician')));
    await open(bookedReferral({ letterOverdue: true }));
    const warning = screen.getByTestId('letter-outstanding');
    expect(warning).toHaveTextContent('Referral letter overdue');
    expect(warning).toHaveTextContent(
      'Letter to follow, due Tuesday 24 November 2026. The provider cannot accept this referral until the letter is attached.',
    );
  });

  it('tells an admin role the letter is outstanding without showing clinical content', async () => {
    server.use(signedInAs(sessionAs('SERVICE_PROVIDER_ADMIN', 'Service provider admin')));
    await open(bookedReferral({ accessLevel: 'ADMINISTRATIVE', clinicalInformation: null }));
    expect(screen.getByTestId('letter-outstanding')).toHaveTextContent(
      'Letter to follow, due Tuesday 24 November 2026',
    );
    expect(screen.queryByTestId('clinical-information')).not.toBeInTheDocument();
  });

  it('points to the letter when the clinical information is in it, and shows no warning', async () => {
    const section = await open(
      referral({
        clinicalInformation: null,
        letterStatus: 'ATTACHED',
        letterDueDate: null,
        letterDueAt: null,
        documents: [
          {
            __typename: 'ReferralDocumentInfo',
            id: 'doc-1',
            filename: 'letter.pdf',
            contentType: 'application/pdf',
            sizeBytes: 2048,
            uploadedAt: '2026-11-20T10:00:00.000Z',
            downloadUrl: '/api/documents/doc-1',
          },
        ],
      }),
    );
    expect(screen.getByTestId('clinical-information')).toHaveTextContent('In the referral letter.');
    expect(screen.queryByTestId('letter-outstanding')).not.toBeInTheDocument();
    expect(section).toHaveTextContent('letter.pdf');
  });
});
