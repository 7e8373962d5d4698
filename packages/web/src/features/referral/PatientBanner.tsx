import { graphql } from '../../gql';
import type { PatientBannerFragment } from '../../gql/graphql';
import { ageOn, formatDate, formatNhs, ukDay } from '../../lib/format';
import { sexName } from '../new-referral/PatientSummary';

export const PatientBanner = graphql(`
  fragment PatientBanner on Patient {
    id
    givenName
    familyName
    nhsNumber
    dateOfBirth
    sex
    postcode
  }
`);

/** Who the referral is for, in the order NHS record screens use. */
export function PatientBannerView({ patient }: { patient: PatientBannerFragment }) {
  const age = ageOn(patient.dateOfBirth, ukDay(new Date().toISOString()));
  return (
    <section className="app-patient-banner" aria-label="Patient">
      <p className="nhsuk-u-margin-bottom-0">
        <strong className="nhsuk-u-font-size-22">
          {patient.familyName.toUpperCase()}, {patient.givenName}
        </strong>
      </p>
      <dl className="app-patient-banner__facts">
        <div>
          <dt>NHS number</dt>
          <dd>{formatNhs(patient.nhsNumber)}</dd>
        </div>
        <div>
          <dt>Born</dt>
          <dd>
            {formatDate(patient.dateOfBirth)} ({age})
          </dd>
        </div>
        <div>
          <dt>Sex</dt>
          <dd>{sexName(patient.sex)}</dd>
        </div>
        <div>
          <dt>Postcode</dt>
          <dd>{patient.postcode}</dd>
        </div>
      </dl>
    </section>
  );
}
