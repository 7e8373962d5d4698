import { SummaryList } from 'nhsuk-react-components';
import { Link } from 'react-router';
import { formatDate, formatNhs } from '../../lib/format';

const SEX_NAMES: Record<string, string> = {
  FEMALE: 'Female',
  MALE: 'Male',
  UNKNOWN: 'Not known',
  INDETERMINATE: 'Indeterminate',
};
export const sexName = (sex: string) => SEX_NAMES[sex] ?? sex;

/** The patient's identifying details, as on every NHS record screen. */
export function PatientSummary({
  patient,
  changeHref,
}: {
  patient: {
    givenName: string;
    familyName: string;
    nhsNumber: string;
    dateOfBirth: string;
    sex: string;
    postcode: string;
    addressLine?: string | null;
    town?: string | null;
    registeredPractice?: { name: string; odsCode: string } | null;
  };
  changeHref?: string;
}) {
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>Name</SummaryList.Key>
        <SummaryList.Value>
          {patient.givenName} {patient.familyName}
        </SummaryList.Value>
        {changeHref ? (
          <SummaryList.Action
            asElement={Link}
            to={changeHref}
            href={changeHref}
            visuallyHiddenText="patient"
          >
            Change
          </SummaryList.Action>
        ) : null}
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>NHS number</SummaryList.Key>
        <SummaryList.Value>{formatNhs(patient.nhsNumber)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Date of birth</SummaryList.Key>
        <SummaryList.Value>{formatDate(patient.dateOfBirth)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Sex</SummaryList.Key>
        <SummaryList.Value>{sexName(patient.sex)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Address</SummaryList.Key>
        <SummaryList.Value>
          {patient.addressLine ? (
            <>
              {patient.addressLine}
              <br />
            </>
          ) : null}
          {patient.town ? (
            <>
              {patient.town}
              <br />
            </>
          ) : null}
          {patient.postcode}
        </SummaryList.Value>
      </SummaryList.Row>
      {patient.registeredPractice !== undefined ? (
        <SummaryList.Row>
          <SummaryList.Key>GP practice</SummaryList.Key>
          <SummaryList.Value>
            {patient.registeredPractice
              ? `${patient.registeredPractice.name} (${patient.registeredPractice.odsCode})`
              : 'Not registered'}
          </SummaryList.Value>
        </SummaryList.Row>
      ) : null}
    </SummaryList>
  );
}
