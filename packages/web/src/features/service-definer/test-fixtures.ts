import type { DefinedServiceFieldsFragment } from '../../gql/graphql';

/** The Leeds trust as its service definer acts for it. */
export const LEEDS_TRUST = {
  id: 'org-trust',
  name: 'Leeds Hospitals NHS Foundation Trust',
  odsCode: 'R00',
};

/** A service as the definer's pages receive it. Override what a test needs. */
export function definedService(
  overrides: Partial<DefinedServiceFieldsFragment> = {},
): DefinedServiceFieldsFragment {
  return {
    __typename: 'DefinedService',
    id: 'svc-1',
    lifecycleStatus: 'DRAFT',
    draft: true,
    slotIssuePolicy: 'LEAVE',
    offerHoldHours: 48,
    publicationWeeks: 26,
    freeSlotCount: 0,
    slotIssueCount: 0,
    namedClinicians: [{ __typename: 'NamedClinician', id: 'c-1', name: 'Dr Ruth Evans' }],
    bookingWindows: [
      {
        __typename: 'BookingWindowRule',
        priority: 'URGENT',
        opensHoursAhead: 1,
        closesDaysAhead: 182,
      },
      {
        __typename: 'BookingWindowRule',
        priority: 'ROUTINE',
        opensHoursAhead: 1,
        closesDaysAhead: 182,
      },
    ],
    service: {
      __typename: 'Service',
      id: 'svc-1',
      name: 'Rheumatology Clinic - St James’s',
      version: 1,
      appointmentType: 'FIRST_OUTPATIENT',
      requestFlow: 'APPOINTMENT_REQUEST',
      bookableType: 'DIRECTLY_BOOKABLE',
      priorities: ['URGENT', 'ROUTINE'],
      minAgeYears: 18,
      maxAgeYears: null,
      sexTreated: 'MALE_AND_FEMALE',
      letterRequired: false,
      additionalRequirements: null,
      referrerAlert: null,
      instructions: 'Bring a list of your medicines.',
      reservationDays: 0,
      indicativeWaitDays: null,
      effectiveFrom: '2026-12-01',
      effectiveTo: null,
      provider: { __typename: 'Organisation', id: LEEDS_TRUST.id, name: LEEDS_TRUST.name },
      site: {
        __typename: 'Site',
        id: 'site-sj',
        name: 'St James’s University Hospital',
        town: 'Leeds',
        postcode: 'LS9 7TF',
      },
      specialty: { __typename: 'Specialty', code: 'RHEUMATOLOGY', name: 'Rheumatology' },
      clinicType: {
        __typename: 'ClinicType',
        code: 'RHEUM_GENERAL',
        name: 'General rheumatology',
        specialtyCode: 'RHEUMATOLOGY',
      },
    },
    ...overrides,
  };
}

/** A typed refusal, as the API sends it. */
export const refusal = (
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
) => ({
  data: null,
  errors: [{ message, extensions: { code, ...extensions } }],
});
