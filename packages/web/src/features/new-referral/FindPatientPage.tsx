import { skipToken, useQuery } from '@apollo/client/react';
import { errorMessage, parseNhsNumber } from '@open-ers/domain';
import { Button, TextInput } from 'nhsuk-react-components';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { focusElement, usePageTitle } from '../../app/page';
import { useSession } from '../../app/session';
import { FormErrors } from '../../components/FormErrors';
import { LoadingMessage } from '../../components/PageStates';
import { graphql } from '../../gql';
import { toUserFacingErrors } from '../../lib/api-errors';
import { formatNhs } from '../../lib/format';
import { writeDraft } from './draft';
import { spaceNhsNumberAsTyped } from './nhs-number-input';
import { PatientSummary } from './PatientSummary';

export const FindPatient = graphql(`
  query FindPatient($nhsNumber: String!) {
    patient(nhsNumber: $nhsNumber) {
      id
      nhsNumber
      givenName
      familyName
      dateOfBirth
      sex
      addressLine
      town
      postcode
      registeredPractice {
        id
        name
        odsCode
      }
    }
  }
`);

const FIELD = 'patient-nhs-number';

/** Step 1 of a referral: find the patient by NHS number and check it is the right person. */
export function FindPatientPage() {
  usePageTitle('Find the patient');
  const session = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const searched = params.get('nhs');
  const [value, setValue] = useState(() => spaceNhsNumberAsTyped(searched ?? ''));
  const [error, setError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const query = useQuery(
    FindPatient,
    searched ? { variables: { nhsNumber: searched } } : skipToken,
  );
  const patient = query.data?.patient;

  const notFound =
    query.error &&
    toUserFacingErrors(query.error).some(
      (p) => p.code === 'REFERENCE_NOT_FOUND' || p.code === 'INVALID_NHS_NUMBER',
    );
  const apiError = query.error
    ? notFound
      ? `No patient has the NHS number ${formatNhs(searched ?? '')}. Check the number and try again.`
      : toUserFacingErrors(query.error)[0]?.message
    : undefined;
  const shownError = error ?? apiError;

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const atEnd = input.selectionStart === input.value.length;
    // Re-space only while typing at the end, so editing in the middle keeps the caret put.
    setValue(atEnd ? spaceNhsNumberAsTyped(input.value) : input.value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempt((a) => a + 1);
    if (!value.trim()) {
      setError('Enter the patient’s NHS number.');
      return;
    }
    const nhs = parseNhsNumber(value);
    if (!nhs) {
      setError(errorMessage('INVALID_NHS_NUMBER'));
      return;
    }
    setError(undefined);
    setValue(spaceNhsNumberAsTyped(nhs));
    setParams({ nhs });
  };

  // When the patient is found, move to their details so the user can check them.
  const found = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (patient) focusElement(found.current);
  }, [patient]);

  const refer = () => {
    if (!patient) return;
    writeDraft({
      purpose: { kind: 'NEW' },
      patient: {
        id: patient.id,
        nhsNumber: patient.nhsNumber,
        givenName: patient.givenName,
        familyName: patient.familyName,
        dateOfBirth: patient.dateOfBirth,
        sex: patient.sex,
        postcode: patient.postcode,
      },
      priority: null,
      shortlist: [],
    });
    navigate('/referrals/new/services');
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <FormErrors
          problems={shownError ? [{ message: shownError, fieldId: FIELD }] : []}
          attempt={attempt}
        />
        <span className="nhsuk-caption-l">New referral</span>
        <h1>Find the patient</h1>
        {session.acting?.onBehalfOf ? (
          <p>The referral will be made for {session.acting.onBehalfOf.displayName}.</p>
        ) : null}
        <form onSubmit={submit} noValidate aria-label="Find the patient">
          <TextInput
            id={FIELD}
            name="nhsNumber"
            label="NHS number"
            hint="10 digits, for example 943 476 5919"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            width={10}
            value={value}
            error={shownError}
            onChange={onChange}
          />
          <Button type="submit" secondary={!!patient}>
            Find patient
          </Button>
        </form>
        {searched && query.loading ? <LoadingMessage message="Finding the patient…" /> : null}
        {patient ? (
          <section aria-labelledby="patient-found">
            <h2 id="patient-found" ref={found} tabIndex={-1}>
              Patient found
            </h2>
            <p>Check these are the details of the patient you are referring.</p>
            <PatientSummary patient={patient} />
            {patient.registeredPractice ? (
              <Button type="button" onClick={refer}>
                Refer {patient.givenName} {patient.familyName}
              </Button>
            ) : (
              <p>{errorMessage('NO_REG_GP_PRACTICE')}</p>
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}
