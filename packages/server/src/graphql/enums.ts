import {
  APPOINTMENT_TYPES,
  BOOKABLE_TYPES,
  ORGANISATION_KINDS,
  PATIENT_SEXES,
  PRIORITY_CODES,
  REQUEST_FLOWS,
  ROLES,
  SEARCH_REQUEST_TYPES,
  SERVICE_SORTS,
  SEXES_TREATED,
} from '@open-ers/domain';
import { registerEnumType } from 'type-graphql';

/** Turns a domain list of codes into the `{ CODE: 'CODE' }` object type-graphql registers. */
export function enumObject<const T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const PriorityEnum = enumObject(PRIORITY_CODES);
export const RequestFlowEnum = enumObject(REQUEST_FLOWS);
export const BookableTypeEnum = enumObject(BOOKABLE_TYPES);
export const AppointmentTypeEnum = enumObject(APPOINTMENT_TYPES);
export const SexTreatedEnum = enumObject(SEXES_TREATED);
export const PatientSexEnum = enumObject(PATIENT_SEXES);
export const OrganisationKindEnum = enumObject(ORGANISATION_KINDS);
export const ServiceSortEnum = enumObject(SERVICE_SORTS);
export const SearchRequestTypeEnum = enumObject(SEARCH_REQUEST_TYPES);
export const RoleEnum = enumObject(ROLES);

registerEnumType(PriorityEnum, {
  name: 'Priority',
  description:
    'Clinical priority of a referral, most urgent first: two week wait, urgent, routine.',
});
registerEnumType(RequestFlowEnum, {
  name: 'RequestFlow',
  description:
    'How a service is asked for: an appointment, a triage (assessment) request or Advice & Guidance.',
});
registerEnumType(BookableTypeEnum, {
  name: 'BookableType',
  description:
    'Directly bookable services publish slots; indirectly bookable ones are booked by phone.',
});
registerEnumType(AppointmentTypeEnum, { name: 'AppointmentType' });
registerEnumType(SexTreatedEnum, { name: 'SexTreated', description: 'Sexes a service treats.' });
registerEnumType(PatientSexEnum, {
  name: 'PatientSex',
  description:
    'A patient’s recorded sex. Unknown or indeterminate sex matches services for both sexes only.',
});
registerEnumType(OrganisationKindEnum, { name: 'OrganisationKind' });
registerEnumType(ServiceSortEnum, {
  name: 'ServiceSort',
  description: 'Order of service search results.',
});
registerEnumType(SearchRequestTypeEnum, {
  name: 'SearchRequestType',
  description:
    'What the search is for: a referral (appointment or triage services) or Advice & Guidance.',
});
registerEnumType(RoleEnum, {
  name: 'Role',
  description:
    'A role ("business function") a user works in, at one organisation: referring clinician, ' +
    'service provider admin and so on.',
});
