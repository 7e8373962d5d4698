import { describe, expect, it } from 'vitest';
import {
  bookingPolicyOfDefinition,
  diffServiceDefinitions,
  displayDate,
  normaliseServiceDefinition,
  SERVICE_FIELD_LABELS,
  serviceLifecycleStatus,
  validateServiceDefinition,
  type ServiceDefinition,
} from './service-definition.js';

const TODAY = '2026-11-21';

/** A valid definition: a directly bookable cardiology clinic, in effect with no end. */
const valid: ServiceDefinition = {
  name: 'Arrhythmia clinic',
  siteId: 'site-1',
  specialty: 'CARDIOLOGY',
  clinicType: 'CARD_ARRHYTHMIA',
  appointmentType: 'FIRST_OUTPATIENT',
  requestFlow: 'APPOINTMENT_REQUEST',
  bookableType: 'DIRECTLY_BOOKABLE',
  priorities: ['URGENT', 'ROUTINE'],
  minAgeYears: 18,
  maxAgeYears: null,
  sexTreated: 'MALE_AND_FEMALE',
  letterRequired: true,
  additionalRequirements: null,
  referrerAlert: null,
  instructions: null,
  bookingWindows: [{ priority: 'URGENT', opensHoursAhead: 1, closesDaysAhead: 13 }],
  reservationDays: 1,
  indicativeWaitDays: 21,
  namedClinicians: [{ id: 'C1', name: 'Dr Asha Patel' }],
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  slotIssuePolicy: 'OFFER',
  offerHoldHours: 48,
  publicationWeeks: 26,
};

const validate = (overrides: Partial<ServiceDefinition>) =>
  validateServiceDefinition({ ...valid, ...overrides }, { today: TODAY });
const problems = (overrides: Partial<ServiceDefinition>) =>
  validate(overrides).map((e) => `${e.field}:${e.code}`);

describe('validateServiceDefinition', () => {
  it('accepts a complete, consistent definition', () => {
    expect(validate({})).toEqual([]);
  });

  it('lists every problem at once, each with its field, code and message', () => {
    const errors = validate({
      name: ' ',
      priorities: [],
      offerHoldHours: 0,
      publicationWeeks: 53,
      indicativeWaitDays: 731,
    });
    expect(errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'name:NAME_REQUIRED',
      'priorities:PRIORITY_REQUIRED',
      // The URGENT window now names a priority the service does not accept.
      'bookingWindows.URGENT:INVALID_BOOKING_WINDOW',
      'offerHoldHours:INVALID_OFFER_HOURS',
      'publicationWeeks:INVALID_HORIZON',
      'indicativeWaitDays:INVALID_WAIT_DAYS',
    ]);
    for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
  });

  it('limits the name to 200 characters and each text to 2,000', () => {
    expect(problems({ name: 'x'.repeat(200) })).toEqual([]);
    expect(problems({ name: 'x'.repeat(201) })).toEqual(['name:FIELD_TOO_LONG']);
    expect(
      problems({
        instructions: 'x'.repeat(2001),
        referrerAlert: 'x'.repeat(2000),
        additionalRequirements: 'x'.repeat(2001),
      }),
    ).toEqual(['additionalRequirements:FIELD_TOO_LONG', 'instructions:FIELD_TOO_LONG']);
  });

  it('needs a known specialty and a clinic type of that specialty', () => {
    expect(problems({ specialty: 'ASTROLOGY' })).toEqual(['specialty:UNKNOWN_SPECIALTY']);
    expect(problems({ clinicType: 'NOPE' })).toEqual(['clinicType:UNKNOWN_CLINIC_TYPE']);
    expect(problems({ clinicType: 'DERM_ACNE' })).toEqual([
      'clinicType:CLINIC_TYPE_NOT_IN_SPECIALTY',
    ]);
  });

  it('uses the clinic types the caller knows when given', () => {
    const errors = validateServiceDefinition(valid, {
      today: TODAY,
      isSpecialty: (code) => code === 'CARDIOLOGY',
      specialtyOf: () => 'DERMATOLOGY',
    });
    expect(errors.map((e) => e.code)).toEqual(['CLINIC_TYPE_NOT_IN_SPECIALTY']);
  });

  it('takes ages from 0 to 130, the youngest no older than the oldest', () => {
    expect(problems({ minAgeYears: 0, maxAgeYears: 130 })).toEqual([]);
    expect(problems({ minAgeYears: 17, maxAgeYears: 17 })).toEqual([]);
    expect(problems({ minAgeYears: -1 })).toEqual(['minAgeYears:INVALID_AGE_RANGE']);
    expect(problems({ maxAgeYears: 131 })).toEqual(['maxAgeYears:INVALID_AGE_RANGE']);
    expect(problems({ minAgeYears: 2.5 })).toEqual(['minAgeYears:INVALID_AGE_RANGE']);
    expect(problems({ minAgeYears: 65, maxAgeYears: 18 })).toEqual([
      'maxAgeYears:INVALID_AGE_RANGE',
    ]);
  });

  it('needs real effective dates, the end on or after the start and not before today', () => {
    expect(problems({ effectiveFrom: '2026-02-30' })).toEqual([
      'effectiveFrom:INVALID_EFFECTIVE_DATES',
    ]);
    expect(problems({ effectiveTo: 'soon' })).toEqual(['effectiveTo:INVALID_EFFECTIVE_DATES']);
    expect(problems({ effectiveFrom: '2026-12-01', effectiveTo: '2026-11-30' })).toEqual([
      'effectiveTo:INVALID_EFFECTIVE_DATES',
    ]);
    expect(problems({ effectiveTo: '2026-11-20' })).toEqual([
      'effectiveTo:INVALID_EFFECTIVE_DATES',
    ]);
    // Ending today, and a service starting and ending on one day, are fine.
    expect(problems({ effectiveTo: TODAY })).toEqual([]);
    expect(problems({ effectiveFrom: '2026-12-01', effectiveTo: '2026-12-01' })).toEqual([]);
  });

  it('needs at least one priority, each once', () => {
    expect(problems({ priorities: [] })).toContain('priorities:PRIORITY_REQUIRED');
    expect(problems({ priorities: ['URGENT', 'URGENT'] })).toEqual(['priorities:INVALID_PRIORITY']);
  });

  it('makes only appointment-request services directly bookable', () => {
    expect(problems({ requestFlow: 'TRIAGE_REQUEST' })).toEqual([
      'bookableType:INVALID_REQUEST_FLOW',
    ]);
    expect(
      problems({ requestFlow: 'TRIAGE_REQUEST', bookableType: 'INDIRECTLY_BOOKABLE' }),
    ).toEqual([]);
  });

  it('checks each booking window with the booking policy rules, naming its priority', () => {
    expect(
      problems({
        bookingWindows: [
          { priority: 'URGENT', opensHoursAhead: 0, closesDaysAhead: 13 },
          { priority: 'ROUTINE', opensHoursAhead: 72, closesDaysAhead: 2 },
        ],
      }),
    ).toEqual([
      'bookingWindows.URGENT:INVALID_BOOKING_WINDOW',
      'bookingWindows.ROUTINE:INVALID_BOOKING_WINDOW',
    ]);
    expect(
      problems({
        bookingWindows: [
          { priority: 'URGENT', opensHoursAhead: 1, closesDaysAhead: 13 },
          { priority: 'URGENT', opensHoursAhead: 2, closesDaysAhead: 13 },
        ],
      }),
    ).toEqual(['bookingWindows.URGENT:INVALID_BOOKING_WINDOW']);
    expect(
      problems({
        bookingWindows: [{ priority: 'TWO_WEEK_WAIT', opensHoursAhead: 1, closesDaysAhead: 13 }],
      }),
    ).toEqual(['bookingWindows.TWO_WEEK_WAIT:INVALID_BOOKING_WINDOW']);
  });

  it('reserves new slots for 0, 1 or 2 days', () => {
    expect(problems({ reservationDays: 2 })).toEqual([]);
    expect(problems({ reservationDays: 3 })).toEqual(['reservationDays:INVALID_RESERVATION_DAYS']);
  });

  it('needs an identifier and a name for each named clinician, identifiers unique', () => {
    expect(
      problems({
        namedClinicians: [
          { id: 'C1', name: 'Dr A' },
          { id: '', name: 'Dr B' },
          { id: 'C3', name: ' ' },
          { id: 'C1', name: 'Dr D' },
        ],
      }),
    ).toEqual([
      'namedClinicians.1:INVALID_NAMED_CLINICIAN',
      'namedClinicians.2:INVALID_NAMED_CLINICIAN',
      'namedClinicians.3:INVALID_NAMED_CLINICIAN',
    ]);
  });

  it('holds offers for 1 to 168 hours, publishes 1 to 52 weeks ahead, waits 0 to 730 days', () => {
    expect(problems({ offerHoldHours: 168, publicationWeeks: 1, indicativeWaitDays: 0 })).toEqual(
      [],
    );
    expect(problems({ offerHoldHours: 169, publicationWeeks: 0, indicativeWaitDays: -1 })).toEqual([
      'offerHoldHours:INVALID_OFFER_HOURS',
      'publicationWeeks:INVALID_HORIZON',
      'indicativeWaitDays:INVALID_WAIT_DAYS',
    ]);
    expect(problems({ indicativeWaitDays: null })).toEqual([]);
  });
});

describe('normaliseServiceDefinition', () => {
  it('trims text, blanks optional text to null and orders priorities and windows', () => {
    const tidy = normaliseServiceDefinition({
      ...valid,
      name: '  Arrhythmia clinic ',
      instructions: '   ',
      referrerAlert: ' Bring a list of medicines ',
      priorities: ['ROUTINE', 'TWO_WEEK_WAIT', 'URGENT'],
      bookingWindows: [
        { priority: 'ROUTINE', opensHoursAhead: 24, closesDaysAhead: 60 },
        { priority: 'URGENT', opensHoursAhead: 1, closesDaysAhead: 13 },
      ],
      namedClinicians: [{ id: ' C1 ', name: ' Dr Asha Patel ' }],
    });
    expect(tidy.name).toBe('Arrhythmia clinic');
    expect(tidy.instructions).toBeNull();
    expect(tidy.referrerAlert).toBe('Bring a list of medicines');
    expect(tidy.priorities).toEqual(['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE']);
    expect(tidy.bookingWindows.map((w) => w.priority)).toEqual(['URGENT', 'ROUTINE']);
    expect(tidy.namedClinicians).toEqual([{ id: 'C1', name: 'Dr Asha Patel' }]);
  });
});

describe('bookingPolicyOfDefinition', () => {
  it('turns the windows list into the policy the slot rules read', () => {
    expect(bookingPolicyOfDefinition(valid)).toEqual({
      windows: { URGENT: { opensHoursAhead: 1, closesDaysAhead: 13 } },
      reservationDays: 1,
    });
  });
});

describe('serviceLifecycleStatus', () => {
  const status = (draft: boolean, effectiveFrom: string, effectiveTo: string | null) =>
    serviceLifecycleStatus({ draft, effectiveFrom, effectiveTo }, TODAY);

  it('is DRAFT until published', () => {
    expect(status(true, '2026-01-01', null)).toBe('DRAFT');
    expect(status(true, '2027-01-01', '2027-02-01')).toBe('DRAFT');
  });

  it('is UPCOMING before its first day, IN_EFFECT from it', () => {
    expect(status(false, '2026-11-22', null)).toBe('UPCOMING');
    expect(status(false, TODAY, null)).toBe('IN_EFFECT');
  });

  it('is ENDING while in effect with an end date, including on its last day', () => {
    expect(status(false, '2026-01-01', '2027-03-31')).toBe('ENDING');
    expect(status(false, '2026-01-01', TODAY)).toBe('ENDING');
  });

  it('is RETIRED once its last day has passed, even as a draft', () => {
    expect(status(false, '2026-01-01', '2026-11-20')).toBe('RETIRED');
    expect(status(true, '2026-01-01', '2026-11-20')).toBe('RETIRED');
  });
});

describe('diffServiceDefinitions', () => {
  it('finds no change between a definition and itself, whatever the order of priorities', () => {
    expect(diffServiceDefinitions(valid, { ...valid })).toEqual([]);
    expect(diffServiceDefinitions(valid, { ...valid, priorities: ['ROUTINE', 'URGENT'] })).toEqual(
      [],
    );
  });

  it('labels each changed field in plain English with display text', () => {
    const changes = diffServiceDefinitions(
      valid,
      {
        ...valid,
        name: 'Heart rhythm clinic',
        siteId: 'site-2',
        priorities: ['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'],
        letterRequired: false,
        effectiveTo: '2027-03-31',
        bookingWindows: [
          { priority: 'URGENT', opensHoursAhead: 2, closesDaysAhead: 13 },
          { priority: 'ROUTINE', opensHoursAhead: 24, closesDaysAhead: 1 },
        ],
        referrerAlert: 'Bring an ECG',
      },
      { siteName: (id) => ({ 'site-1': 'St James', 'site-2': 'Chapel Allerton' })[id] },
    );
    expect(changes).toEqual([
      {
        field: 'name',
        label: 'Service name',
        from: 'Arrhythmia clinic',
        to: 'Heart rhythm clinic',
      },
      { field: 'siteId', label: 'Site', from: 'St James', to: 'Chapel Allerton' },
      {
        field: 'priorities',
        label: 'Priorities accepted',
        from: 'Urgent, Routine',
        to: 'Two week wait, Urgent, Routine',
      },
      { field: 'letterRequired', label: 'Referral letter required', from: 'Yes', to: 'No' },
      { field: 'referrerAlert', label: 'Alert for referrers', from: null, to: 'Bring an ECG' },
      {
        field: 'bookingWindows.URGENT',
        label: 'Booking window: Urgent',
        from: 'From 1 hour to 13 days ahead',
        to: 'From 2 hours to 13 days ahead',
      },
      {
        field: 'bookingWindows.ROUTINE',
        label: 'Booking window: Routine',
        from: 'From 1 hour to 182 days ahead (the default)',
        to: 'From 24 hours to 1 day ahead',
      },
      { field: 'effectiveTo', label: 'In effect until', from: null, to: '31 March 2027' },
    ]);
  });

  it('shows codes as names and numbers with their units', () => {
    const changes = diffServiceDefinitions(valid, {
      ...valid,
      clinicType: 'CARD_HEART_FAILURE',
      requestFlow: 'TRIAGE_REQUEST',
      bookableType: 'INDIRECTLY_BOOKABLE',
      maxAgeYears: 1,
      namedClinicians: [],
      slotIssuePolicy: 'BOOK',
      offerHoldHours: 24,
    });
    expect(changes.map((c) => [c.label, c.from, c.to])).toEqual([
      ['Clinic type', 'Arrhythmia', 'Heart failure'],
      ['Request type', 'Appointment request', 'Triage request (referral assessment service)'],
      ['Booking', 'Directly bookable', 'Indirectly bookable'],
      ['Oldest age treated', null, '1 year'],
      ['Named clinicians', 'Dr Asha Patel (C1)', null],
      ['Appointment slot issues', 'Offer a matching appointment', 'Book a matching appointment'],
      ['Hold an offered appointment for', '48 hours', '24 hours'],
    ]);
  });

  it('has a label for every field of a definition', () => {
    for (const field of Object.keys(valid)) {
      expect(SERVICE_FIELD_LABELS[field as keyof ServiceDefinition]).toBeTruthy();
    }
  });
});

describe('displayDate', () => {
  it('writes an ISO date the way people read it', () => {
    expect(displayDate('2026-03-01')).toBe('1 March 2026');
  });
});
