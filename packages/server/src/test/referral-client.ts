import { expect } from 'vitest';
import type { EntityManager } from '../db/orm.js';
import { Service } from '../modules/directory/index.js';
import { Patient } from '../modules/patients/index.js';
import { SHOWCASE_PATIENTS, SHOWCASE_SERVICES } from '../seed/demo-seed.js';
import type { GraphQLResponse, TestSession } from './test-server.js';

/** The referral fields journey tests look at. */
export const REFERRAL_FIELDS = /* GraphQL */ `
  fragment ReferralFields on Referral {
    ubrn
    version
    state
    stateReason
    stateComment
    priority
    letterStatus
    clinicalInformation
    accessLevel
    accessCode
    convertedFromAdvice
    appointment {
      status
      serviceId
      slotId
      proposalReason
      start
    }
    allowedActions {
      action
      reasons {
        code
        commentMandatory
      }
      serviceIds
    }
    history {
      action
      toState
      role
      comment
    }
  }
`;

export interface ReferralData {
  ubrn: string;
  version: number;
  state: string;
  stateReason: string | null;
  stateComment: string | null;
  priority: string;
  letterStatus: string;
  clinicalInformation: string | null;
  accessLevel: string;
  accessCode: string | null;
  convertedFromAdvice: boolean;
  appointment: {
    status: string;
    serviceId: string;
    slotId: string | null;
    proposalReason: string | null;
    start: string | null;
  } | null;
  allowedActions: {
    action: string;
    reasons: { code: string; commentMandatory: boolean }[];
    serviceIds: string[];
  }[];
  history: { action: string; toState: string; role: string; comment: string | null }[];
}

export interface Payload {
  referral: ReferralData;
  notice: string | null;
  noticeMessage: string | null;
  replayed: boolean;
}

/** Every mutation returns ReferralPayload; this is its selection. */
const PAYLOAD = `{ referral { ...ReferralFields } notice noticeMessage replayed }`;

const mutation = (name: string, inputType: string) => /* GraphQL */ `
  mutation M($input: ${inputType}!) { ${name}(input: $input) ${PAYLOAD} }
  ${REFERRAL_FIELDS}
`;

export const MUTATIONS = {
  createReferral: mutation('createReferral', 'CreateReferralInput'),
  changeShortlist: mutation('changeShortlist', 'ChangeShortlistInput'),
  bookAppointment: mutation('bookAppointment', 'BookAppointmentInput'),
  deferToProvider: mutation('deferToProvider', 'ServiceChoiceInput'),
  sendForTriage: mutation('sendForTriage', 'ServiceChoiceInput'),
  acceptReferral: mutation('acceptReferral', 'CommentInput'),
  rejectReferral: mutation('rejectReferral', 'RejectReferralInput'),
  recordTriageOutcome: mutation('recordTriageOutcome', 'TriageOutcomeInput'),
  cancelAppointment: mutation('cancelAppointment', 'ReasonInput'),
  cancelReferral: mutation('cancelReferral', 'ReasonInput'),
  cancelAppointmentActionLater: mutation(
    'cancelAppointmentActionLater',
    'CancelAppointmentActionLaterInput',
  ),
} as const;

export const REFERRAL_QUERY = /* GraphQL */ `
  query R($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      ...ReferralFields
    }
  }
  ${REFERRAL_FIELDS}
`;

export const BOOKABLE_SLOTS = /* GraphQL */ `
  query S($ubrn: ID!, $serviceId: ID!, $first: Int) {
    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: $first) {
      totalCount
      edges {
        providerOnly
        node {
          id
          startAt
          priorities
        }
      }
    }
  }
`;

export const HOLD_SLOT = /* GraphQL */ `
  mutation H($input: SlotChoiceInput!) {
    holdSlot(input: $input) {
      slotId
      heldUntil
    }
  }
`;

export const WORKLIST = /* GraphQL */ `
  query W($worklist: WorklistCode!) {
    worklist(worklist: $worklist, first: 100) {
      totalCount
      edges {
        node {
          ubrn
          state
          priority
          patient {
            nhsNumber
          }
        }
      }
    }
  }
`;

/** The first error code of a response. */
export const codeOf = (result: GraphQLResponse<unknown>) => result.errors?.[0]?.extensions?.code;

/** Runs a referral mutation and returns its payload, failing the test on any error. */
export async function act(
  session: TestSession,
  name: keyof typeof MUTATIONS,
  input: Record<string, unknown>,
): Promise<Payload> {
  const result = await session.graphql<Record<string, Payload>>(MUTATIONS[name], { input });
  expect(result.errors, `${name}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  return result.data![name]!;
}

/** Runs a referral mutation expected to be refused, and returns the refusal's code. */
export async function refused(
  session: TestSession,
  name: keyof typeof MUTATIONS,
  input: Record<string, unknown>,
): Promise<string | undefined> {
  const result = await session.graphql(MUTATIONS[name], { input });
  expect(result.data ?? null).toBeNull();
  return codeOf(result);
}

export async function readReferral(session: TestSession, ubrn: string): Promise<ReferralData> {
  const result = await session.graphql<{ referral: ReferralData }>(REFERRAL_QUERY, { ubrn });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.referral;
}

export async function slotsFor(session: TestSession, ubrn: string, serviceId: string) {
  const result = await session.graphql<{
    bookableSlots: {
      totalCount: number;
      edges: { providerOnly: string | null; node: { id: string; startAt: string } }[];
    };
  }>(BOOKABLE_SLOTS, { ubrn, serviceId, first: 10 });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.bookableSlots;
}

export async function worklistUbrns(session: TestSession, worklist: string): Promise<string[]> {
  const result = await session.graphql<{ worklist: { edges: { node: { ubrn: string } }[] } }>(
    WORKLIST,
    { worklist },
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.worklist.edges.map((e) => e.node.ubrn);
}

/** The demo showcase: the Leeds services and patients the journeys use. */
export async function showcase(em: EntityManager) {
  const service = (name: string) => em.findOneOrFail(Service, { name });
  return {
    arrhythmia: await service(SHOWCASE_SERVICES.bookable),
    heartFailure: await service(SHOWCASE_SERVICES.noSlots),
    triage: await service(SHOWCASE_SERVICES.triage),
    advice: await service(SHOWCASE_SERVICES.advice),
    margaret: await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[0].nhsNumber }),
    david: await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[1].nhsNumber }),
    lily: await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[2].nhsNumber }),
  };
}

export const allowed = (referral: ReferralData) => referral.allowedActions.map((a) => a.action);
