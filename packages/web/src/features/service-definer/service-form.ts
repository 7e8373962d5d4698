import { DEFAULT_BOOKING_WINDOW, PRIORITY_CODES } from '@open-ers/domain';
import type {
  AppointmentType,
  BookableType,
  DefinedServiceFieldsFragment,
  Priority,
  RequestFlow,
  ServiceDefinitionInput,
  SexTreated,
  SlotIssuePolicy,
} from '../../gql/graphql';
import { ukToday } from '../../lib/format';
import { wholeNumber } from './problems';

/** The fields of the service definition form, in page order (also the API's input names). */
export const SERVICE_FIELDS = [
  'name',
  'siteId',
  'specialty',
  'clinicType',
  'appointmentType',
  'requestFlow',
  'bookableType',
  'priorities',
  'minAgeYears',
  'maxAgeYears',
  'sexTreated',
  'letterRequired',
  'additionalRequirements',
  'referrerAlert',
  'instructions',
  'bookingWindows',
  'reservationDays',
  'indicativeWaitDays',
  'namedClinicians',
  'effectiveFrom',
  'effectiveTo',
  'slotIssuePolicy',
  'offerHoldHours',
  'publicationWeeks',
] as const;
export type ServiceField = (typeof SERVICE_FIELDS)[number];

/** Codes the API may send without naming a field, and the field they concern. */
export const SERVICE_CODE_FIELDS: Partial<Record<string, ServiceField>> = {
  NAME_REQUIRED: 'name',
  UNKNOWN_SPECIALTY: 'specialty',
  UNKNOWN_CLINIC_TYPE: 'clinicType',
  INVALID_REQUEST_FLOW: 'requestFlow',
  PRIORITY_REQUIRED: 'priorities',
  INVALID_AGE_RANGE: 'minAgeYears',
  INVALID_BOOKING_WINDOW: 'bookingWindows',
  INVALID_RESERVATION_DAYS: 'reservationDays',
  INVALID_WAIT_DAYS: 'indicativeWaitDays',
  INVALID_NAMED_CLINICIAN: 'namedClinicians',
  INVALID_EFFECTIVE_DATES: 'effectiveTo',
  INVALID_OFFER_HOURS: 'offerHoldHours',
  INVALID_HORIZON: 'publicationWeeks',
};

export const serviceFieldId = (field: ServiceField) => `service-${field}`;

export interface WindowValues {
  readonly opens: string;
  readonly closes: string;
}

/** What the form holds: text as typed, so the API can say what is wrong with it. */
export interface ServiceFormValues {
  readonly name: string;
  readonly siteId: string;
  readonly specialty: string;
  readonly clinicType: string;
  readonly appointmentType: AppointmentType;
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly priorities: readonly Priority[];
  readonly minAgeYears: string;
  readonly maxAgeYears: string;
  readonly sexTreated: SexTreated;
  readonly letterRequired: boolean;
  readonly additionalRequirements: string;
  readonly referrerAlert: string;
  readonly instructions: string;
  readonly windows: Readonly<Record<Priority, WindowValues>>;
  readonly reservationDays: string;
  readonly indicativeWaitDays: string;
  readonly clinicians: readonly { readonly id: string; readonly name: string }[];
  readonly effectiveFrom: string;
  readonly effectiveTo: string;
  readonly slotIssuePolicy: SlotIssuePolicy;
  readonly offerHoldHours: string;
  readonly publicationWeeks: string;
}

const defaultWindows = (): Record<Priority, WindowValues> =>
  Object.fromEntries(
    PRIORITY_CODES.map((p) => [
      p,
      {
        opens: String(DEFAULT_BOOKING_WINDOW.opensHoursAhead),
        closes: String(DEFAULT_BOOKING_WINDOW.closesDaysAhead),
      },
    ]),
  ) as Record<Priority, WindowValues>;

/** A new service: every priority, the default booking windows, in effect from today. */
export function newServiceValues(): ServiceFormValues {
  return {
    name: '',
    siteId: '',
    specialty: '',
    clinicType: '',
    appointmentType: 'FIRST_OUTPATIENT',
    requestFlow: 'APPOINTMENT_REQUEST',
    bookableType: 'DIRECTLY_BOOKABLE',
    priorities: [...PRIORITY_CODES],
    minAgeYears: '',
    maxAgeYears: '',
    sexTreated: 'MALE_AND_FEMALE',
    letterRequired: false,
    additionalRequirements: '',
    referrerAlert: '',
    instructions: '',
    windows: defaultWindows(),
    reservationDays: '0',
    indicativeWaitDays: '',
    clinicians: [],
    effectiveFrom: ukToday(),
    effectiveTo: '',
    slotIssuePolicy: 'LEAVE',
    offerHoldHours: '48',
    publicationWeeks: '26',
  };
}

const text = (n: number | null | undefined) => (n == null ? '' : String(n));

/** The form filled in with a service as it is now, to amend it. */
export function serviceValues(defined: DefinedServiceFieldsFragment): ServiceFormValues {
  const s = defined.service;
  const windows = defaultWindows();
  for (const w of defined.bookingWindows) {
    windows[w.priority] = { opens: String(w.opensHoursAhead), closes: String(w.closesDaysAhead) };
  }
  return {
    name: s.name,
    siteId: s.site.id,
    specialty: s.specialty.code,
    clinicType: s.clinicType.code,
    appointmentType: s.appointmentType,
    requestFlow: s.requestFlow,
    bookableType: s.bookableType,
    priorities: [...s.priorities],
    minAgeYears: text(s.minAgeYears),
    maxAgeYears: text(s.maxAgeYears),
    sexTreated: s.sexTreated,
    letterRequired: s.letterRequired,
    additionalRequirements: s.additionalRequirements ?? '',
    referrerAlert: s.referrerAlert ?? '',
    instructions: s.instructions ?? '',
    windows,
    reservationDays: String(s.reservationDays),
    indicativeWaitDays: text(s.indicativeWaitDays),
    clinicians: defined.namedClinicians.map((c) => ({ id: c.id, name: c.name })),
    effectiveFrom: s.effectiveFrom,
    effectiveTo: s.effectiveTo ?? '',
    slotIssuePolicy: defined.slotIssuePolicy,
    offerHoldHours: String(defined.offerHoldHours),
    publicationWeeks: String(defined.publicationWeeks),
  };
}

const NOT_A_NUMBER = 'Enter a whole number, like 12.';

/**
 * The API input for the form's values, or the fields whose text is not a number at all (the
 * only thing the form checks itself: whether a number is allowed is the API's rule).
 */
export function toServiceInput(
  v: ServiceFormValues,
): { input: ServiceDefinitionInput } | { errors: Partial<Record<ServiceField, string>> } {
  const errors: Partial<Record<ServiceField, string>> = {};
  const int = (field: ServiceField, value: string, required: boolean): number | null => {
    const n = wholeNumber(value);
    if (n === null && required) errors[field] ??= NOT_A_NUMBER;
    if (n !== null && Number.isNaN(n)) errors[field] ??= NOT_A_NUMBER;
    return n === null || Number.isNaN(n) ? null : n;
  };
  const optionalText = (value: string) => (value.trim() ? value.trim() : null);
  const minAgeYears = int('minAgeYears', v.minAgeYears, false);
  const maxAgeYears = int('maxAgeYears', v.maxAgeYears, false);
  const bookingWindows = v.priorities.map((priority) => ({
    priority,
    opensHoursAhead: int('bookingWindows', v.windows[priority].opens, true) ?? 0,
    closesDaysAhead: int('bookingWindows', v.windows[priority].closes, true) ?? 0,
  }));
  const reservationDays = int('reservationDays', v.reservationDays, true) ?? 0;
  const indicativeWaitDays = int('indicativeWaitDays', v.indicativeWaitDays, false);
  const offerHoldHours = int('offerHoldHours', v.offerHoldHours, true) ?? 0;
  const publicationWeeks = int('publicationWeeks', v.publicationWeeks, true) ?? 0;
  if (!v.effectiveFrom) errors.effectiveFrom = 'Enter the date the service starts.';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    input: {
      name: v.name,
      siteId: v.siteId,
      specialty: v.specialty,
      clinicType: v.clinicType,
      appointmentType: v.appointmentType,
      requestFlow: v.requestFlow,
      bookableType: v.bookableType,
      priorities: [...v.priorities],
      minAgeYears,
      maxAgeYears,
      sexTreated: v.sexTreated,
      letterRequired: v.letterRequired,
      additionalRequirements: optionalText(v.additionalRequirements),
      referrerAlert: optionalText(v.referrerAlert),
      instructions: optionalText(v.instructions),
      bookingWindows,
      reservationDays,
      indicativeWaitDays,
      namedClinicians: v.clinicians
        .filter((c) => c.name.trim())
        .map((c) => ({ id: c.id, name: c.name.trim() })),
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo || null,
      slotIssuePolicy: v.slotIssuePolicy,
      offerHoldHours,
      publicationWeeks,
    },
  };
}
