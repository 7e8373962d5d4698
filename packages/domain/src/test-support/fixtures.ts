/**
 * Fixtures for the package's own tests: actors, services, slots and referrals built through the
 * real machine, so every snapshot is one the machine can actually produce. Not published.
 */
import type { Actor } from '../access/index.js';
import { holidayCalendarFromDates, type HolidayCalendar } from '../dates/index.js';
import type { Priority } from '../reference/index.js';
import {
  createReferral,
  transition,
  type CreateReferralCommand,
  type ReferralContext,
  type ReferralEvent,
  type ReferralSnapshot,
  type ReferralState,
  type ShortlistEntry,
  type TransitionOutcome,
} from '../referral/index.js';
import type { BookingPolicy, Slot } from '../slots/index.js';

/** England and Wales bank holidays 2025–2027 (gov.uk), so fixtures need not load date-holidays. */
export const ENGLAND_2025_2027: HolidayCalendar = holidayCalendarFromDates(
  [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
  'England bank holidays 2025-2027 (fixture)',
);

export const TIME_ZONE = 'Europe/London';
export const CONTEXT: ReferralContext = { timeZone: TIME_ZONE, calendar: ENGLAND_2025_2027 };

/** Tuesday 10 March 2026, 10:00 GMT. */
export const NOW = new Date('2026-03-10T10:00:00Z');

export const hoursAfter = (instant: Date, hours: number) =>
  new Date(instant.getTime() + hours * 3_600_000);
export const daysAfter = (instant: Date, days: number) => hoursAfter(instant, days * 24);

export const GP = 'GP-A81001';
export const OTHER_GP = 'GP-B82002';
export const TRUST = 'TRUST-RX1';
export const OTHER_TRUST = 'TRUST-RX2';
export const ICB = 'ICB-QHM';
export const PATIENT_ID = 'patient-1';

/** One actor per role, at the organisations above. */
export const actors = {
  rc: { userId: 'u-rc', role: 'REFERRING_CLINICIAN', organisationId: GP },
  rca: {
    userId: 'u-rca',
    role: 'REFERRING_CLINICIAN_ADMIN',
    organisationId: GP,
    onBehalfOfUserId: 'u-rc',
  },
  ra: { userId: 'u-ra', role: 'REFERRING_ADMIN', organisationId: GP },
  spc: { userId: 'u-spc', role: 'SERVICE_PROVIDER_CLINICIAN', organisationId: TRUST },
  spca: {
    userId: 'u-spca',
    role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    organisationId: TRUST,
    onBehalfOfUserId: 'u-spc',
  },
  spa: { userId: 'u-spa', role: 'SERVICE_PROVIDER_ADMIN', organisationId: TRUST },
  paa: { userId: 'pas-rx1', role: 'PROVIDER_AUTHORISED_APPLICATION', organisationId: TRUST },
  sd: { userId: 'u-sd', role: 'SERVICE_DEFINER', organisationId: TRUST },
  commissioner: { userId: 'u-com', role: 'COMMISSIONER', organisationId: ICB },
  analyst: { userId: 'u-ia', role: 'INFORMATION_ANALYST', organisationId: GP },
  patient: { userId: 'nhs-login-1', role: 'PATIENT', organisationId: '', patientId: PATIENT_ID },
  otherRc: { userId: 'u-rc2', role: 'REFERRING_CLINICIAN', organisationId: OTHER_GP },
  otherSpc: { userId: 'u-spc2', role: 'SERVICE_PROVIDER_CLINICIAN', organisationId: OTHER_TRUST },
  otherSpa: { userId: 'u-spa2', role: 'SERVICE_PROVIDER_ADMIN', organisationId: OTHER_TRUST },
  otherPatient: {
    userId: 'nhs-login-2',
    role: 'PATIENT',
    organisationId: '',
    patientId: 'patient-2',
  },
} as const satisfies Record<string, Actor>;

/** An actor's key in {@link actors}. */
export type ActorKey = keyof typeof actors;

const ALL_PRIORITIES: readonly Priority[] = ['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'];

/** A directly bookable appointment service. */
export function dbs(
  serviceId = 'svc-dbs',
  overrides: Partial<ShortlistEntry> = {},
): ShortlistEntry {
  return {
    serviceId,
    providerOrganisationId: TRUST,
    requestFlow: 'APPOINTMENT_REQUEST',
    bookableType: 'DIRECTLY_BOOKABLE',
    appointmentType: 'FIRST_OUTPATIENT',
    priorities: ALL_PRIORITIES,
    ...overrides,
  };
}

/** An indirectly bookable appointment service (booked by phone). */
export const ibs = (serviceId = 'svc-ibs', overrides: Partial<ShortlistEntry> = {}) =>
  dbs(serviceId, { bookableType: 'INDIRECTLY_BOOKABLE', ...overrides });

/** A referral assessment (triage) service. */
export const ras = (serviceId = 'svc-ras', overrides: Partial<ShortlistEntry> = {}) =>
  dbs(serviceId, {
    requestFlow: 'TRIAGE_REQUEST',
    bookableType: 'INDIRECTLY_BOOKABLE',
    ...overrides,
  });

/** A directly bookable clinical assessment service. */
export const cas = (serviceId = 'svc-cas', overrides: Partial<ShortlistEntry> = {}) =>
  dbs(serviceId, { appointmentType: 'ASSESSMENT_SERVICE', ...overrides });

/** An Advice & Guidance service. */
export const agService = (serviceId = 'svc-ag', overrides: Partial<ShortlistEntry> = {}) =>
  dbs(serviceId, {
    requestFlow: 'ADVICE_AND_GUIDANCE_REQUEST',
    bookableType: 'INDIRECTLY_BOOKABLE',
    ...overrides,
  });

export const OPEN_POLICY: BookingPolicy = { windows: {}, reservationDays: 0 };

/** A free slot at a service, two days after NOW at 09:30 UK time, published a week before NOW. */
export function freeSlot(overrides: Partial<Slot> = {}): Slot {
  const start = overrides.start ?? new Date('2026-03-12T09:30:00Z');
  return {
    id: 'slot-1',
    serviceId: 'svc-dbs',
    start,
    end: hoursAfter(start, 0.5),
    priorities: ALL_PRIORITIES,
    clinicianId: null,
    status: 'FREE',
    heldUntil: null,
    heldForUbrn: null,
    publishedAt: daysAfter(NOW, -7),
    ...overrides,
  };
}

export const UBRN = '000049614844';

/** The standard shortlist: a bookable service, a phone-booked one, a triage service and a CAS. */
export const SHORTLIST: readonly ShortlistEntry[] = [dbs(), ibs(), ras(), cas()];

/** Create-command overrides for a referral whose letter is not to follow (nothing outstanding). */
export const NO_LETTER_TO_FOLLOW = { letterStatus: 'NOT_INTENDING_TO_ADD' } as const;

/** Clinical information for test referrals (a referral must carry some). */
export const CLINICAL_INFORMATION = 'Palpitations on exertion for three months.';

/** A valid create command. */
export function createCommand(
  overrides: Partial<CreateReferralCommand> = {},
): CreateReferralCommand {
  return {
    ubrn: UBRN,
    patientId: PATIENT_ID,
    patientHasRegisteredGp: true,
    priority: 'URGENT',
    shortlist: SHORTLIST,
    letterStatus: 'NEED_TO_ADD_LATER',
    clinicalInformation: CLINICAL_INFORMATION,
    letterDocumentCount: 0,
    commissioningOrganisationId: ICB,
    ...overrides,
  };
}

/** Unwraps a successful result or fails the test with the refusal's code. */
export function expectOk<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string } },
): T {
  if (!result.ok) throw new Error(`Expected success, got ${result.error.code}`);
  return result.value;
}

/** A new referral (NOT_BOOKED), created by the referring clinician. */
export function newReferral(
  overrides: Partial<CreateReferralCommand> = {},
  now = NOW,
): ReferralSnapshot {
  return expectOk(createReferral(createCommand(overrides), actors.rc, now, CONTEXT)).snapshot;
}

/** Applies an event that must succeed. */
export function apply(
  snapshot: ReferralSnapshot,
  event: ReferralEvent,
  actor: Actor,
  now = NOW,
): TransitionOutcome {
  return expectOk(transition(snapshot, event, actor, now, CONTEXT));
}

export const bookEvent = (
  overrides: Partial<Extract<ReferralEvent, { type: 'BOOK' }>> = {},
): ReferralEvent => ({
  type: 'BOOK',
  service: dbs(),
  bookingPolicy: OPEN_POLICY,
  slot: freeSlot(),
  ...overrides,
});

/** When the fixture appointment has started, so non-attendance can be recorded. */
export const AFTER_APPOINTMENT = new Date('2026-03-12T11:00:00Z');

/** The referrer attaches the referral letter (A012) the referral said would follow. */
export function withLetter(snapshot: ReferralSnapshot): ReferralSnapshot {
  return apply(snapshot, { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['doc-letter'] }, actors.rc)
    .snapshot;
}

/** A referral in each state, reached through the machine by its usual route. */
export function referralIn(
  state: ReferralState,
  overrides: Partial<CreateReferralCommand> = {},
): ReferralSnapshot {
  const created = newReferral(overrides);
  const booked = () => apply(created, bookEvent(), actors.rc).snapshot;
  const awaitingTriage = () =>
    apply(created, { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-ras' }, actors.rc).snapshot;
  switch (state) {
    case 'NOT_BOOKED':
      return created;
    case 'BOOKED':
      return booked();
    case 'ACCEPTED':
      // The letter to follow arrives first: a provider cannot accept without it.
      return apply(
        created.letterStatus === 'NEED_TO_ADD_LATER' ? withLetter(booked()) : booked(),
        { type: 'ACCEPT' },
        actors.spc,
      ).snapshot;
    case 'DEFERRED_TO_PROVIDER':
      return apply(
        created,
        { type: 'DEFER_TO_PROVIDER', service: dbs(), bookableSlotsAvailable: false },
        actors.rc,
      ).snapshot;
    case 'AWAITING_TRIAGE':
      return awaitingTriage();
    case 'TRIAGED_PROVIDER_TO_ACTION':
      return apply(
        booked(),
        { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: 'Needs a longer appointment' },
        actors.spc,
      ).snapshot;
    case 'TRIAGE_RESPONSE':
      return apply(
        awaitingTriage(),
        {
          type: 'RECORD_TRIAGE_OUTCOME',
          outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
          comment: 'Try physio first',
        },
        actors.spc,
      ).snapshot;
    case 'REJECTED':
      return apply(booked(), { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE' }, actors.spc)
        .snapshot;
    case 'APPT_CANCELLED_BY_PATIENT':
      return apply(booked(), { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_HOLIDAY' }, actors.rc)
        .snapshot;
    case 'APPT_CANCELLED_BY_PROVIDER':
      return apply(booked(), { type: 'CANCEL_APPOINTMENT', reason: 'CLINIC_CANCELLED' }, actors.spa)
        .snapshot;
    case 'DID_NOT_ATTEND':
      return apply(
        booked(),
        { type: 'RECORD_DID_NOT_ATTEND', reason: 'PATIENT_FORGOT', returnToReferrer: false },
        actors.spa,
        AFTER_APPOINTMENT,
      ).snapshot;
    case 'ASSESSMENT_RESULT': {
      const atCas = apply(
        created,
        bookEvent({ service: cas(), slot: freeSlot({ serviceId: 'svc-cas' }) }),
        actors.rc,
      ).snapshot;
      return apply(
        atCas,
        { type: 'RECORD_ASSESSMENT_OUTCOME', outcome: 'ADVISE_REFERRER', comment: 'Start statins' },
        actors.spc,
        AFTER_APPOINTMENT,
      ).snapshot;
    }
    case 'CANCELLED_REFERRAL':
      return apply(created, { type: 'CANCEL_REFERRAL', reason: 'RAISED_IN_ERROR' }, actors.rc)
        .snapshot;
  }
}
