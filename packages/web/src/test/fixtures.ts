import { commentRuleFor, EVENT_NEW_PRIORITY, newPriorityChoices } from '@open-ers/domain';
import type { BookingDataQuery, Priority, ReferralAction } from '../gql/graphql';

/** A referral as the API returns it for every referral page (summary, forms, booking). */
export type ReferralFixture = BookingDataQuery['referral'];

export const ARRHYTHMIA = 'service-arrhythmia';
export const HEART_FAILURE = 'service-heart-failure';
export const TRIAGE = 'service-triage';

type ShortlistedService = ReferralFixture['shortlist'][number];

const service = (
  id: string,
  name: string,
  requestFlow: ShortlistedService['requestFlow'],
): ShortlistedService => ({
  __typename: 'Service',
  id,
  name,
  requestFlow,
  bookableType: 'DIRECTLY_BOOKABLE',
  priorities: ['URGENT', 'ROUTINE'],
  letterRequired: false,
  specialty: { __typename: 'Specialty', code: 'CARDIOLOGY' },
  provider: { __typename: 'Organisation', id: 'org-trust', name: 'Leeds Hospitals NHS FT' },
  site: { __typename: 'Site', id: 'site-lgi', name: 'Leeds General Hospital', town: 'Leeds' },
});

export const SHORTLIST = [
  service(ARRHYTHMIA, 'Arrhythmia Clinic', 'APPOINTMENT_REQUEST'),
  service(HEART_FAILURE, 'Heart Failure Clinic', 'APPOINTMENT_REQUEST'),
  service(TRIAGE, 'Cardiology Referral Assessment Service', 'TRIAGE_REQUEST'),
];

type Reason = [code: string, name: string, commentMandatory: boolean];

/**
 * An allowed action, with reasons as `[code, name, commentMandatory]`. What the form needs
 * beyond that (the comment rule, new priorities) comes from the domain's rules, as the API's
 * does; redirect details and the PAS question are given when a test needs them.
 */
export function allowed(
  action: ReferralAction,
  options: {
    reasons?: Reason[];
    serviceIds?: string[];
    mayRedirect?: boolean;
    redirectFromServiceId?: string | null;
    redirectReasons?: Reason[];
    pasAnswerRequired?: boolean;
    priority?: Priority;
  } = {},
): ReferralFixture['allowedActions'][number] {
  const choices = (reasons: Reason[] = []) =>
    reasons.map(([code, name, commentMandatory]) => ({
      __typename: 'ReasonOption' as const,
      code,
      name,
      commentMandatory,
    }));
  const reasons = choices(options.reasons);
  const priority = EVENT_NEW_PRIORITY[action];
  return {
    __typename: 'ReferralActionOption',
    action,
    serviceIds: options.serviceIds ?? [],
    mayRedirect: options.mayRedirect ?? false,
    redirectFromServiceId: options.redirectFromServiceId ?? null,
    redirectReasons: choices(options.redirectReasons),
    reasons,
    comment: commentRuleFor(action, reasons),
    newPriorities: priority ? newPriorityChoices(options.priority ?? 'ROUTINE') : [],
    newPriorityOnlyWithReason: priority?.onlyWithReason ?? null,
    pasAnswerRequired: options.pasAnswerRequired ?? false,
  };
}

/** Margaret Thompson's referral, not booked, as her GP sees it. Override what a test needs. */
export function referral(overrides: Partial<ReferralFixture> = {}): ReferralFixture {
  return {
    __typename: 'Referral',
    ubrn: '000049614844',
    version: 1,
    state: 'NOT_BOOKED',
    stateReason: null,
    stateComment: null,
    stateChangedAt: '2026-11-20T10:00:00.000Z',
    priority: 'ROUTINE',
    accessCode: 'ABCD2345',
    createdAt: '2026-11-20T10:00:00.000Z',
    pathwayStart: '2026-11-20',
    returnedToReferrer: false,
    parentUbrn: null,
    onwardReferralUbrns: [],
    patientContactBy: null,
    accessLevel: 'CLINICAL',
    clinicalInformation: 'Palpitations for three months.',
    convertedFromAdvice: false,
    letterStatus: 'NEED_TO_ADD_LATER',
    letterDueDate: '2026-11-24',
    letterDueAt: '2026-11-25T00:00:00.000Z',
    letterOverdue: false,
    appointmentService: null,
    appointment: null,
    shortlist: [...SHORTLIST],
    referringOrganisation: {
      __typename: 'Organisation',
      id: 'org-gp',
      name: 'Bridge Medical Practice',
      odsCode: 'A80000',
    },
    patient: {
      __typename: 'Patient',
      id: 'patient-1',
      givenName: 'Margaret',
      familyName: 'Thompson',
      nhsNumber: '9434765919',
      dateOfBirth: '1958-06-02',
      sex: 'FEMALE',
      postcode: 'LS1 5DQ',
    },
    documents: [],
    history: [
      {
        __typename: 'ReferralHistoryEntry',
        version: 1,
        action: 'CREATE_REFERRAL',
        fromState: null,
        toState: 'NOT_BOOKED',
        reason: null,
        comment: null,
        occurredAt: '2026-11-20T10:00:00.000Z',
        role: 'REFERRING_CLINICIAN',
        organisationId: 'org-gp',
        onBehalfOfUserId: null,
        userName: 'Dr Asha Patel',
        onBehalfOfName: null,
      },
    ],
    allowedActions: [
      allowed('BOOK', { serviceIds: [ARRHYTHMIA, HEART_FAILURE] }),
      allowed('DEFER_TO_PROVIDER', { serviceIds: [ARRHYTHMIA, HEART_FAILURE] }),
      allowed('SEND_FOR_TRIAGE', { serviceIds: [TRIAGE] }),
      allowed('CANCEL_REFERRAL', {
        reasons: [
          ['RAISED_IN_ERROR', 'Referral raised in error', false],
          ['PATIENT_REQUEST_CANCELLATION_OTHER', 'Patient asked to cancel (other reason)', true],
        ],
      }),
    ],
    ...overrides,
  };
}

/** The referral booked into the arrhythmia clinic, as the provider's clinician sees it. */
export function bookedReferral(overrides: Partial<ReferralFixture> = {}): ReferralFixture {
  return referral({
    version: 2,
    state: 'BOOKED',
    accessCode: null,
    stateChangedAt: '2026-11-21T09:30:00.000Z',
    appointmentService: {
      __typename: 'Service',
      id: ARRHYTHMIA,
      name: 'Arrhythmia Clinic',
      bookableType: 'DIRECTLY_BOOKABLE',
      specialty: { __typename: 'Specialty', code: 'CARDIOLOGY' },
      provider: { __typename: 'Organisation', id: 'org-trust', name: 'Leeds Hospitals NHS FT' },
      site: {
        __typename: 'Site',
        id: 'site-lgi',
        name: 'Leeds General Hospital',
        addressLine: 'Great George Street',
        town: 'Leeds',
        postcode: 'LS1 3EX',
      },
    },
    appointment: {
      __typename: 'ReferralAppointment',
      status: 'BOOKED',
      // British Summer Time has ended: 09:00 UTC is 9am in the UK.
      start: '2026-11-23T09:00:00.000Z',
      end: '2026-11-23T09:15:00.000Z',
      serviceId: ARRHYTHMIA,
      slotId: 'slot-1',
      proposalReason: null,
    },
    allowedActions: [
      allowed('ACCEPT'),
      allowed('REJECT', {
        reasons: [
          ['SERVICE_INAPPROPRIATE', 'Service not appropriate for this patient', false],
          ['FURTHER_INFORMATION_REQUIRED', 'Further information required', true],
        ],
      }),
      allowed('CANCEL_APPOINTMENT_ACTION_LATER'),
    ],
    ...overrides,
  });
}
