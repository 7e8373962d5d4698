import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import type { ReferralAction, ReferralSummaryFieldsFragment } from '../../../gql/graphql';
import { writeDraft } from '../../new-referral/draft';

/**
 * Changing the shortlist and referring on continue in the service search, with this referral's
 * patient and (for a change) shortlist. Returns whether `action` is one of those.
 */
export function useContinueInSearch(
  action: ReferralAction,
  allowed: boolean,
  referral: ReferralSummaryFieldsFragment,
): boolean {
  const navigate = useNavigate();
  const toSearch = action === 'CHANGE_SHORTLIST' || action === 'CREATE_ONWARD_REFERRAL';
  useEffect(() => {
    if (!toSearch || !allowed) return;
    const { patient } = referral;
    writeDraft({
      purpose:
        action === 'CHANGE_SHORTLIST'
          ? { kind: 'CHANGE_SHORTLIST', ubrn: referral.ubrn, version: referral.version }
          : { kind: 'ONWARD', ubrn: referral.ubrn, version: referral.version },
      patient: {
        id: patient.id,
        nhsNumber: patient.nhsNumber,
        givenName: patient.givenName,
        familyName: patient.familyName,
        dateOfBirth: patient.dateOfBirth,
        sex: patient.sex,
        postcode: patient.postcode,
      },
      priority: referral.priority,
      shortlist:
        action === 'CHANGE_SHORTLIST'
          ? referral.shortlist.map((s) => ({
              id: s.id,
              name: s.name,
              providerName: s.provider.name,
              siteName: s.site.name,
              requestFlow: s.requestFlow,
              bookableType: s.bookableType,
              priorities: s.priorities,
              letterRequired: s.letterRequired,
            }))
          : [],
    });
    void navigate(`/referrals/new/services?priority=${referral.priority}`, { replace: true });
  }, [toSearch, allowed, action, referral, navigate]);

  return toSearch;
}
