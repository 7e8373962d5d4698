import { isIsoDate, splitIsoDate } from '../dates/index.js';
import { DomainError, errorMessage, type ErrorCode } from '../errors/index.js';
import {
  DEFAULT_BOOKING_WINDOW,
  validateBookingPolicy,
  type BookingPolicy,
  type BookingWindow,
} from '../slots/booking-policy.js';
import {
  findClinicType,
  findSpecialty,
  isPriority,
  priorityInfo,
  priorityRank,
  type Priority,
} from '../reference/index.js';
import {
  APPOINTMENT_TYPE_NAMES,
  APPOINTMENT_TYPES,
  BOOKABLE_TYPES,
  REQUEST_FLOWS,
  SEXES_TREATED,
  type AppointmentType,
  type BookableType,
  type RequestFlow,
  type SexTreated,
} from './service-attributes.js';

/**
 * A service definer's maintenance of the Directory of Services: the definition of a service as
 * they enter it, the rules it must meet, its lifecycle (draft, upcoming, in effect, ending,
 * retired) and the differences between two versions, in words a person reads.
 */

/** A clinician whose own sessions a service runs; referrers may ask for one by name. */
export interface NamedClinician {
  /** The provider's own (SDS-style) identifier for the clinician. */
  readonly id: string;
  readonly name: string;
}

/** A service's booking window for one priority, as a definer enters it. */
export interface BookingWindowRule extends BookingWindow {
  readonly priority: Priority;
}

/**
 * What happens to a service's Appointment Slot Issues when free capacity appears: LEAVE them
 * for staff, OFFER the matched slot (held for the referral), or BOOK it straight away.
 */
export const SLOT_ISSUE_POLICY_CHOICES = ['LEAVE', 'OFFER', 'BOOK'] as const;

/** The lifecycle of a service, as its definers see it. */
export const SERVICE_LIFECYCLE_STATUSES = [
  'DRAFT',
  'UPCOMING',
  'IN_EFFECT',
  'ENDING',
  'RETIRED',
] as const;
/** A service's lifecycle status (see {@link serviceLifecycleStatus}). */
export type ServiceLifecycleStatus = (typeof SERVICE_LIFECYCLE_STATUSES)[number];

/**
 * Everything a service definer says about a service (every Directory of Services attribute
 * the model has). References to the site, specialty and clinic type are plain ids and codes;
 * calendar dates are ISO `YYYY-MM-DD` UK dates, `effectiveTo` inclusive.
 */
export interface ServiceDefinition {
  readonly name: string;
  readonly siteId: string;
  readonly specialty: string;
  readonly clinicType: string;
  readonly appointmentType: AppointmentType;
  readonly requestFlow: RequestFlow;
  readonly bookableType: BookableType;
  readonly priorities: readonly Priority[];
  readonly minAgeYears: number | null;
  readonly maxAgeYears: number | null;
  readonly sexTreated: SexTreated;
  readonly letterRequired: boolean;
  readonly additionalRequirements: string | null;
  readonly referrerAlert: string | null;
  readonly instructions: string | null;
  /** At most one per priority the service accepts; a priority without one uses the default. */
  readonly bookingWindows: readonly BookingWindowRule[];
  /** Days newly published slots stay reserved for the provider's own staff: 0, 1 or 2. */
  readonly reservationDays: number;
  readonly indicativeWaitDays: number | null;
  readonly namedClinicians: readonly NamedClinician[];
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly slotIssuePolicy: (typeof SLOT_ISSUE_POLICY_CHOICES)[number];
  /** How long a slot offered to a slot issue stays held for it: 1 to 168 hours. */
  readonly offerHoldHours: number;
  /** How many weeks ahead schedules keep slots published: 1 to 52. */
  readonly publicationWeeks: number;
}

/** One problem with one field of a form, for an error summary and an inline message. */
export interface FieldError {
  /** The input field, for example `name` or `bookingWindows.URGENT`. */
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** Limits on a service definition's free text. */
export const SERVICE_NAME_MAX_LENGTH = 200;
export const SERVICE_TEXT_MAX_LENGTH = 2000;
/** Limits on the numbers a definer enters. */
export const SERVICE_LIMITS = {
  maxAgeYears: 130,
  offerHoldHours: { min: 1, max: 168 },
  publicationWeeks: { min: 1, max: 52 },
  indicativeWaitDays: { min: 0, max: 730 },
  namedClinicianIdLength: 64,
  namedClinicianNameLength: 200,
} as const;

/** What validating a definition needs besides the definition. */
export interface ServiceDefinitionContext {
  /** Today's date in UK local time. */
  readonly today: string;
  /** Whether a specialty code is known (default: the domain's reference data). */
  readonly isSpecialty?: (code: string) => boolean;
  /** The specialty a clinic type belongs to, or undefined for an unknown clinic type. */
  readonly specialtyOf?: (clinicType: string) => string | undefined;
}

/** Free-text fields of a definition, checked for length. */
const TEXT_FIELDS = ['additionalRequirements', 'referrerAlert', 'instructions'] as const;

/**
 * Tidies a definition as entered: trims text (blank optional text becomes `null`), puts the
 * priorities and booking windows in priority order (most urgent first) and trims clinicians.
 * Validate and compare definitions after this, so spacing and ordering are never a change.
 */
export function normaliseServiceDefinition(def: ServiceDefinition): ServiceDefinition {
  const text = (value: string | null) => {
    const trimmed = value?.trim() ?? '';
    return trimmed === '' ? null : trimmed;
  };
  const byRank = (a: Priority, b: Priority) =>
    (isPriority(a) ? priorityRank(a) : 99) - (isPriority(b) ? priorityRank(b) : 99);
  return {
    ...def,
    name: def.name.trim(),
    siteId: def.siteId.trim(),
    specialty: def.specialty.trim(),
    clinicType: def.clinicType.trim(),
    priorities: [...def.priorities].sort(byRank),
    additionalRequirements: text(def.additionalRequirements),
    referrerAlert: text(def.referrerAlert),
    instructions: text(def.instructions),
    bookingWindows: [...def.bookingWindows].sort((a, b) => byRank(a.priority, b.priority)),
    namedClinicians: def.namedClinicians.map((c) => ({ id: c.id.trim(), name: c.name.trim() })),
  };
}

/**
 * Checks a service definition against the Directory of Services rules and returns every
 * problem at once (an empty list when there is none), each naming its field:
 * the name (required, at most 200 characters) and texts (at most 2,000); specialty and clinic
 * type known, the clinic type one of the specialty's; ages 0 to 130 with the youngest no older
 * than the oldest; real effective dates, the end on or after the start and not before today; at
 * least one priority, each once; only appointment-request services directly bookable; booking
 * windows by {@link validateBookingPolicy}, one per accepted priority, reported as
 * `bookingWindows.<PRIORITY>`; reservation of 0, 1 or 2 days; named clinicians each with an
 * identifier and a name, identifiers unique; offer hold 1 to 168 hours; horizon 1 to 52 weeks;
 * indicative wait 0 to 730 days. Pass a {@link normaliseServiceDefinition normalised} definition.
 */
export function validateServiceDefinition(
  def: ServiceDefinition,
  context: ServiceDefinitionContext,
): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: ErrorCode, message?: string) =>
    errors.push({ field, code, message: message ?? errorMessage(code) });
  const isSpecialty = context.isSpecialty ?? ((code: string) => findSpecialty(code) !== undefined);
  const specialtyOf =
    context.specialtyOf ?? ((code: string) => findClinicType(code)?.specialtyCode);

  if (def.name.trim() === '') add('name', 'NAME_REQUIRED', 'Enter the service name.');
  else if (def.name.length > SERVICE_NAME_MAX_LENGTH) {
    add('name', 'FIELD_TOO_LONG', `The name can be up to ${SERVICE_NAME_MAX_LENGTH} characters.`);
  }
  for (const field of TEXT_FIELDS) {
    if ((def[field]?.length ?? 0) > SERVICE_TEXT_MAX_LENGTH) {
      add(field, 'FIELD_TOO_LONG', 'This can be up to 2,000 characters.');
    }
  }
  if (def.siteId.trim() === '') add('siteId', 'REFERENCE_NOT_FOUND', 'Select a site.');

  if (!isSpecialty(def.specialty)) add('specialty', 'UNKNOWN_SPECIALTY');
  const clinicTypeSpecialty = specialtyOf(def.clinicType);
  if (clinicTypeSpecialty === undefined) add('clinicType', 'UNKNOWN_CLINIC_TYPE');
  else if (isSpecialty(def.specialty) && clinicTypeSpecialty !== def.specialty) {
    add('clinicType', 'CLINIC_TYPE_NOT_IN_SPECIALTY');
  }

  if (!(APPOINTMENT_TYPES as readonly string[]).includes(def.appointmentType)) {
    add('appointmentType', 'BAD_USER_INPUT', 'Select an appointment type.');
  }
  if (!(REQUEST_FLOWS as readonly string[]).includes(def.requestFlow)) {
    add('requestFlow', 'BAD_USER_INPUT', 'Select how the service is asked for.');
  }
  if (!(BOOKABLE_TYPES as readonly string[]).includes(def.bookableType)) {
    add('bookableType', 'BAD_USER_INPUT', 'Select whether the service is directly bookable.');
  } else if (
    def.bookableType === 'DIRECTLY_BOOKABLE' &&
    def.requestFlow !== 'APPOINTMENT_REQUEST'
  ) {
    add('bookableType', 'INVALID_REQUEST_FLOW');
  }
  if (!(SEXES_TREATED as readonly string[]).includes(def.sexTreated)) {
    add('sexTreated', 'BAD_USER_INPUT', 'Select the sexes the service treats.');
  }

  const validAge = (age: number | null) =>
    age === null || (Number.isInteger(age) && age >= 0 && age <= SERVICE_LIMITS.maxAgeYears);
  if (!validAge(def.minAgeYears)) add('minAgeYears', 'INVALID_AGE_RANGE');
  if (!validAge(def.maxAgeYears)) add('maxAgeYears', 'INVALID_AGE_RANGE');
  else if (
    validAge(def.minAgeYears) &&
    def.minAgeYears !== null &&
    def.maxAgeYears !== null &&
    def.minAgeYears > def.maxAgeYears
  ) {
    add('maxAgeYears', 'INVALID_AGE_RANGE', 'The oldest age must be the youngest age or older.');
  }

  if (!isIsoDate(def.effectiveFrom)) add('effectiveFrom', 'INVALID_EFFECTIVE_DATES');
  if (def.effectiveTo !== null) {
    if (!isIsoDate(def.effectiveTo)) add('effectiveTo', 'INVALID_EFFECTIVE_DATES');
    else if (isIsoDate(def.effectiveFrom) && def.effectiveTo < def.effectiveFrom) {
      add('effectiveTo', 'INVALID_EFFECTIVE_DATES', 'The end date must be on or after the start.');
    } else if (def.effectiveTo < context.today) {
      add('effectiveTo', 'INVALID_EFFECTIVE_DATES', 'The end date must be today or later.');
    }
  }

  if (def.priorities.length === 0) add('priorities', 'PRIORITY_REQUIRED');
  else if (!def.priorities.every(isPriority)) add('priorities', 'INVALID_PRIORITY');
  else if (new Set(def.priorities).size !== def.priorities.length) {
    add('priorities', 'INVALID_PRIORITY', 'Select each priority only once.');
  }

  const windowPriorities = new Set<string>();
  for (const window of def.bookingWindows) {
    const field = `bookingWindows.${window.priority}`;
    if (windowPriorities.has(window.priority)) {
      add(field, 'INVALID_BOOKING_WINDOW', 'Set one booking window for each priority.');
      continue;
    }
    windowPriorities.add(window.priority);
    if (!def.priorities.includes(window.priority)) {
      add(
        field,
        'INVALID_BOOKING_WINDOW',
        'Set booking windows only for priorities the service accepts.',
      );
      continue;
    }
    const problem = bookingPolicyProblem({
      windows: { [window.priority]: window },
      reservationDays: 0,
    });
    if (problem) add(field, problem.code, problem.message);
  }
  const reservation = bookingPolicyProblem({ windows: {}, reservationDays: def.reservationDays });
  if (reservation) add('reservationDays', reservation.code, reservation.message);

  const clinicianIds = new Set<string>();
  def.namedClinicians.forEach((clinician, index) => {
    const id = clinician.id.trim();
    const name = clinician.name.trim();
    if (
      id === '' ||
      name === '' ||
      id.length > SERVICE_LIMITS.namedClinicianIdLength ||
      name.length > SERVICE_LIMITS.namedClinicianNameLength ||
      clinicianIds.has(id)
    ) {
      add(`namedClinicians.${index}`, 'INVALID_NAMED_CLINICIAN');
    }
    clinicianIds.add(id);
  });

  const within = (value: number, range: { min: number; max: number }) =>
    Number.isInteger(value) && value >= range.min && value <= range.max;
  if (!(SLOT_ISSUE_POLICY_CHOICES as readonly string[]).includes(def.slotIssuePolicy)) {
    add('slotIssuePolicy', 'BAD_USER_INPUT', 'Select what happens to appointment slot issues.');
  }
  if (!within(def.offerHoldHours, SERVICE_LIMITS.offerHoldHours)) {
    add('offerHoldHours', 'INVALID_OFFER_HOURS');
  }
  if (!within(def.publicationWeeks, SERVICE_LIMITS.publicationWeeks)) {
    add('publicationWeeks', 'INVALID_HORIZON');
  }
  if (
    def.indicativeWaitDays !== null &&
    !within(def.indicativeWaitDays, SERVICE_LIMITS.indicativeWaitDays)
  ) {
    add('indicativeWaitDays', 'INVALID_WAIT_DAYS');
  }
  return errors;
}

/** The refusal {@link validateBookingPolicy} gives a policy, or null when it has none. */
function bookingPolicyProblem(policy: BookingPolicy): DomainError | null {
  try {
    validateBookingPolicy(policy);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
}

/** A definition's booking windows and reservation as the slot rules read them. */
export function bookingPolicyOfDefinition(
  def: Pick<ServiceDefinition, 'bookingWindows' | 'reservationDays'>,
): BookingPolicy {
  const windows: Partial<Record<Priority, BookingWindow>> = {};
  for (const { priority, opensHoursAhead, closesDaysAhead } of def.bookingWindows) {
    windows[priority] = { opensHoursAhead, closesDaysAhead };
  }
  return { windows, reservationDays: def.reservationDays };
}

/**
 * A service's lifecycle status on `today` (a UK date): RETIRED once its last day has passed
 * (even a draft: it can no longer be published); otherwise DRAFT until it is published;
 * UPCOMING before its first day; ENDING while in effect with a last day set (today or later);
 * IN_EFFECT while in effect with no end.
 */
export function serviceLifecycleStatus(
  service: {
    readonly draft: boolean;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
  },
  today: string,
): ServiceLifecycleStatus {
  if (service.effectiveTo !== null && service.effectiveTo < today) return 'RETIRED';
  if (service.draft) return 'DRAFT';
  if (service.effectiveFrom > today) return 'UPCOMING';
  return service.effectiveTo !== null ? 'ENDING' : 'IN_EFFECT';
}

/** Plain-English labels of a definition's fields (and of `draft`, changed by publishing). */
export const SERVICE_FIELD_LABELS: Readonly<Record<keyof ServiceDefinition | 'draft', string>> = {
  name: 'Service name',
  siteId: 'Site',
  specialty: 'Specialty',
  clinicType: 'Clinic type',
  appointmentType: 'Appointment type',
  requestFlow: 'Request type',
  bookableType: 'Booking',
  priorities: 'Priorities accepted',
  minAgeYears: 'Youngest age treated',
  maxAgeYears: 'Oldest age treated',
  sexTreated: 'Sex treated',
  letterRequired: 'Referral letter required',
  additionalRequirements: 'Additional requirements',
  referrerAlert: 'Alert for referrers',
  instructions: 'Instructions for referrers',
  bookingWindows: 'Booking window',
  reservationDays: 'Days new slots are reserved for the provider',
  indicativeWaitDays: 'Indicative wait',
  namedClinicians: 'Named clinicians',
  effectiveFrom: 'In effect from',
  effectiveTo: 'In effect until',
  slotIssuePolicy: 'Appointment slot issues',
  offerHoldHours: 'Hold an offered appointment for',
  publicationWeeks: 'Publish slots ahead',
  draft: 'Status',
};

/** One changed field between two versions of a service, as display text. */
export interface ServiceFieldChange {
  /** The field, for example `name`; a booking window is `bookingWindows.<PRIORITY>`. */
  readonly field: string;
  readonly label: string;
  /** The old value as display text; null when it was not set. */
  readonly from: string | null;
  /** The new value as display text; null when it is not set. */
  readonly to: string | null;
}

/** Names for ids the domain cannot name itself (sites), for display text. */
export interface ServiceDisplayNames {
  readonly siteName?: (siteId: string) => string | undefined;
}

const REQUEST_FLOW_NAMES: Readonly<Record<RequestFlow, string>> = {
  APPOINTMENT_REQUEST: 'Appointment request',
  TRIAGE_REQUEST: 'Triage request (referral assessment service)',
  ADVICE_AND_GUIDANCE_REQUEST: 'Advice and Guidance request',
};
const BOOKABLE_TYPE_NAMES: Readonly<Record<BookableType, string>> = {
  DIRECTLY_BOOKABLE: 'Directly bookable',
  INDIRECTLY_BOOKABLE: 'Indirectly bookable',
};
const SEX_TREATED_NAMES: Readonly<Record<SexTreated, string>> = {
  MALE: 'Male',
  FEMALE: 'Female',
  MALE_AND_FEMALE: 'Male and female',
};
const SLOT_ISSUE_POLICY_NAMES: Readonly<
  Record<(typeof SLOT_ISSUE_POLICY_CHOICES)[number], string>
> = {
  LEAVE: 'Leave them for staff',
  OFFER: 'Offer a matching appointment',
  BOOK: 'Book a matching appointment',
};
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2026-11-21` as `21 November 2026` (any other text as it is). */
export function displayDate(date: string): string {
  if (!isIsoDate(date)) return date;
  const [year, month, day] = splitIsoDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A booking window as text: `from 1 hour to 13 days ahead`. */
export function displayBookingWindow(window: BookingWindow | undefined): string {
  const w = window ?? DEFAULT_BOOKING_WINDOW;
  const text = `From ${plural(w.opensHoursAhead, 'hour')} to ${plural(w.closesDaysAhead, 'day')} ahead`;
  return window ? text : `${text} (the default)`;
}

/** The display text of one field's value in a definition; null for a value not set. */
function displayValue(
  def: ServiceDefinition,
  field: keyof ServiceDefinition,
  names: ServiceDisplayNames,
): string | null {
  switch (field) {
    case 'siteId':
      return names.siteName?.(def.siteId) ?? def.siteId;
    case 'specialty':
      return findSpecialty(def.specialty)?.name ?? def.specialty;
    case 'clinicType':
      return findClinicType(def.clinicType)?.name ?? def.clinicType;
    case 'appointmentType':
      return APPOINTMENT_TYPE_NAMES[def.appointmentType] ?? def.appointmentType;
    case 'requestFlow':
      return REQUEST_FLOW_NAMES[def.requestFlow] ?? def.requestFlow;
    case 'bookableType':
      return BOOKABLE_TYPE_NAMES[def.bookableType] ?? def.bookableType;
    case 'sexTreated':
      return SEX_TREATED_NAMES[def.sexTreated] ?? def.sexTreated;
    case 'priorities':
      return def.priorities.length === 0
        ? null
        : def.priorities.map((p) => (isPriority(p) ? priorityInfo(p).name : p)).join(', ');
    case 'minAgeYears':
    case 'maxAgeYears': {
      const age = def[field];
      return age === null ? null : plural(age, 'year');
    }
    case 'letterRequired':
      return def.letterRequired ? 'Yes' : 'No';
    case 'reservationDays':
      return plural(def.reservationDays, 'day');
    case 'indicativeWaitDays':
      return def.indicativeWaitDays === null ? null : plural(def.indicativeWaitDays, 'day');
    case 'namedClinicians':
      return def.namedClinicians.length === 0
        ? null
        : def.namedClinicians.map((c) => `${c.name} (${c.id})`).join(', ');
    case 'effectiveFrom':
      return displayDate(def.effectiveFrom);
    case 'effectiveTo':
      return def.effectiveTo === null ? null : displayDate(def.effectiveTo);
    case 'slotIssuePolicy':
      return SLOT_ISSUE_POLICY_NAMES[def.slotIssuePolicy] ?? def.slotIssuePolicy;
    case 'offerHoldHours':
      return plural(def.offerHoldHours, 'hour');
    case 'publicationWeeks':
      return plural(def.publicationWeeks, 'week');
    case 'bookingWindows':
      return def.bookingWindows
        .map((w) => `${priorityInfo(w.priority).name}: ${displayBookingWindow(w).toLowerCase()}`)
        .join('; ');
    default: {
      const value = def[field];
      return value === null || value === '' ? null : String(value);
    }
  }
}

/** Definition fields in the order a form shows them (booking windows are compared per priority). */
const COMPARED_FIELDS = (
  Object.keys(SERVICE_FIELD_LABELS) as (keyof typeof SERVICE_FIELD_LABELS)[]
).filter((f): f is keyof ServiceDefinition => f !== 'draft');

/**
 * The differences between two versions of a definition, field by field in form order, with
 * plain-English labels and values as display text (dates, priority names, yes or no, booking
 * windows as text). Booking windows are compared per priority (`bookingWindows.URGENT`, label
 * `Booking window: Urgent`). Priorities and windows compare regardless of order; pass
 * {@link normaliseServiceDefinition normalised} definitions so spacing is no change either.
 * An empty list means nothing changed.
 */
export function diffServiceDefinitions(
  before: ServiceDefinition,
  after: ServiceDefinition,
  names: ServiceDisplayNames = {},
): ServiceFieldChange[] {
  const changes: ServiceFieldChange[] = [];
  for (const field of COMPARED_FIELDS) {
    if (field === 'bookingWindows') {
      const windowOf = (def: ServiceDefinition, p: Priority) =>
        def.bookingWindows.find((w) => w.priority === p);
      const priorities = new Set<Priority>(
        [...before.bookingWindows, ...after.bookingWindows].map((w) => w.priority),
      );
      for (const priority of [...priorities].sort((a, b) => priorityRank(a) - priorityRank(b))) {
        const from = windowOf(before, priority);
        const to = windowOf(after, priority);
        if (
          from?.opensHoursAhead === to?.opensHoursAhead &&
          from?.closesDaysAhead === to?.closesDaysAhead
        ) {
          continue;
        }
        changes.push({
          field: `bookingWindows.${priority}`,
          label: `${SERVICE_FIELD_LABELS.bookingWindows}: ${priorityInfo(priority).name}`,
          from: displayBookingWindow(from),
          to: displayBookingWindow(to),
        });
      }
      continue;
    }
    if (sameValue(before, after, field)) continue;
    changes.push({
      field,
      label: SERVICE_FIELD_LABELS[field],
      from: displayValue(before, field, names),
      to: displayValue(after, field, names),
    });
  }
  return changes;
}

/** Whether a field holds the same value in both (priorities compared as sets). */
function sameValue(
  before: ServiceDefinition,
  after: ServiceDefinition,
  field: keyof ServiceDefinition,
): boolean {
  if (field === 'priorities') {
    const a = new Set(before.priorities);
    const b = new Set(after.priorities);
    return a.size === b.size && [...a].every((p) => b.has(p));
  }
  if (field === 'namedClinicians') {
    return (
      JSON.stringify(before.namedClinicians.map((c) => [c.id, c.name])) ===
      JSON.stringify(after.namedClinicians.map((c) => [c.id, c.name]))
    );
  }
  return (before[field] ?? null) === (after[field] ?? null);
}
