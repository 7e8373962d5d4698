import { graphql } from '../../gql';
import type { ReferredByFragment } from '../../gql/graphql';
import { roleName } from './reasons';

export const ReferredBy = graphql(`
  fragment ReferredBy on Referrer {
    clinicianName
    clinicianRole
    actingAdminName
    actingAdminRole
  }
`);

/** The admin who made the referral for the clinician, as a phrase ("Made by … for them"). */
export function actingAdminText(referrer: ReferredByFragment): string | null {
  if (!referrer.actingAdminName) return null;
  const role = referrer.actingAdminRole
    ? ` (${roleName(referrer.actingAdminRole).toLowerCase()})`
    : '';
  return `Made by ${referrer.actingAdminName}${role} on their behalf`;
}

/**
 * Who referred the patient: the referring clinician by name and role, and the admin who made
 * the referral on their behalf when an admin did.
 */
export function ReferredByText({ referrer }: { referrer: ReferredByFragment }) {
  const admin = actingAdminText(referrer);
  return (
    <>
      <span className="nhsuk-u-display-block" data-testid="referring-clinician">
        {referrer.clinicianName ?? 'Clinician not known'}
        <span className="nhsuk-u-visually-hidden">,</span>{' '}
        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">
          {roleName(referrer.clinicianRole)}
        </span>
      </span>
      {admin ? (
        <span className="nhsuk-body-s nhsuk-u-display-block nhsuk-u-margin-bottom-0">{admin}</span>
      ) : null}
    </>
  );
}
