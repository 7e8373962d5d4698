import {
  errorMessage,
  findSpecialty,
  isPriority,
  parsePostcode,
  PATIENT_SEXES,
  SERVICE_SORTS,
} from '@open-ers/domain';
import type { PatientSex, Priority, ServiceSearchInput, ServiceSort } from '../../gql/graphql';

/** What the search form holds, as the user typed it. */
export interface SearchFormValues {
  age: string;
  sex: string;
  postcode: string;
  priority: string;
  specialty: string;
  clinicType: string;
  distance: string;
  /** Maximum indicative wait, in days. */
  maxWait: string;
  sort: string;
}

export const EMPTY_FORM: SearchFormValues = {
  age: '',
  sex: '',
  postcode: '',
  priority: '',
  specialty: '',
  clinicType: '',
  distance: '',
  maxWait: '',
  sort: 'DISTANCE',
};

export type SearchField = keyof SearchFormValues;

/** The form field an API error concerns (`extensions.field`), when there is one. */
export const API_FIELD_TO_FORM: Readonly<Record<string, SearchField>> = {
  'patient.ageYears': 'age',
  ageYears: 'age',
  'patient.sex': 'sex',
  'patient.postcode': 'postcode',
  priority: 'priority',
  specialty: 'specialty',
  clinicType: 'clinicType',
  maxDistanceMiles: 'distance',
  maxWaitDays: 'maxWait',
};

/** The same checks the API makes, so most mistakes are caught before a round trip. */
export function validateSearchForm(values: SearchFormValues): Partial<Record<SearchField, string>> {
  const errors: Partial<Record<SearchField, string>> = {};
  const age = values.age.trim();
  if (age === '') errors.age = 'Enter the patient’s age in years.';
  else if (!/^\d{1,3}$/.test(age) || Number(age) > 130) errors.age = errorMessage('INVALID_AGE');
  if (!PATIENT_SEXES.includes(values.sex as PatientSex)) errors.sex = 'Select the patient’s sex.';
  if (values.postcode.trim() === '') errors.postcode = 'Enter the patient’s postcode.';
  else if (!parsePostcode(values.postcode)) errors.postcode = errorMessage('INVALID_POSTCODE');
  if (!isPriority(values.priority)) errors.priority = 'Select the priority of the referral.';
  if (!findSpecialty(values.specialty)) errors.specialty = errorMessage('UNKNOWN_SPECIALTY');
  if (values.maxWait.trim() !== '' && !/^\d{1,4}$/.test(values.maxWait.trim())) {
    errors.maxWait = errorMessage('INVALID_WAIT');
  }
  return errors;
}

/** Criteria live in the URL so a search can be bookmarked, shared and revisited with Back. */
export function formFromParams(params: URLSearchParams): SearchFormValues {
  return {
    age: params.get('age') ?? '',
    sex: params.get('sex') ?? '',
    postcode: params.get('postcode') ?? '',
    priority: params.get('priority') ?? '',
    specialty: params.get('specialty') ?? '',
    clinicType: params.get('clinicType') ?? '',
    distance: params.get('distance') ?? '',
    maxWait: params.get('maxWait') ?? '',
    sort: params.get('sort') ?? 'DISTANCE',
  };
}

/** The criteria as URL parameters, leaving out `omit` (a referral's patient is not in the URL). */
export function paramsFromForm(
  values: SearchFormValues,
  omit: readonly SearchField[] = [],
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value.trim() !== '' && !omit.includes(key as SearchField)) params.set(key, value.trim());
  }
  return params;
}

/** The search fields that describe the patient, fixed when searching for a known patient. */
export const PATIENT_FIELDS: readonly SearchField[] = ['age', 'sex', 'postcode'];

/** The API input for valid form values. Precondition: {@link validateSearchForm} found nothing. */
export function toSearchInput(values: SearchFormValues): ServiceSearchInput {
  return {
    patient: {
      ageYears: Number(values.age),
      sex: values.sex as PatientSex,
      postcode: parsePostcode(values.postcode)?.postcode ?? values.postcode,
    },
    priority: values.priority as Priority,
    specialty: values.specialty,
    clinicType: values.clinicType || null,
    maxDistanceMiles: values.distance ? Number(values.distance) : null,
    maxWaitDays: values.maxWait ? Number(values.maxWait) : null,
    sort: (SERVICE_SORTS.includes(values.sort as ServiceSort)
      ? values.sort
      : 'DISTANCE') as ServiceSort,
  };
}
