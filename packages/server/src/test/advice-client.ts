import { expect } from 'vitest';
import { REFERRAL_FIELDS, type ReferralData } from './referral-client.js';
import type { GraphQLResponse, TestSession } from './test-server.js';

/** The advice request fields journey tests look at. */
export const ADVICE_FIELDS = /* GraphQL */ `
  fragment AdviceFields on AdviceRequest {
    ubrn
    version
    state
    priority
    providerConversionAuthorisation
    lastOutcome
    recommendation
    referringClinicianId
    messageCount
    accessLevel
    service {
      id
    }
    allowedActions {
      action
      outcomes {
        code
      }
      recommendations {
        code
      }
    }
    conversation {
      version
      kind
      author
      role
      text
      outcome
      recommendation
      priority
      user {
        username
      }
      onBehalfOf {
        username
      }
      organisation {
        odsCode
      }
    }
  }
`;

export interface AdviceMessageData {
  version: number;
  kind: string;
  author: 'REFERRER' | 'PROVIDER';
  role: string;
  text: string | null;
  outcome: string | null;
  recommendation: string | null;
  priority: string | null;
  user: { username: string } | null;
  onBehalfOf: { username: string } | null;
  organisation: { odsCode: string } | null;
}

export interface AdviceData {
  ubrn: string;
  version: number;
  state: string;
  priority: string;
  providerConversionAuthorisation: string;
  lastOutcome: string | null;
  recommendation: string | null;
  referringClinicianId: string;
  messageCount: number;
  accessLevel: string;
  service: { id: string };
  allowedActions: {
    action: string;
    outcomes: { code: string }[];
    recommendations: { code: string }[];
  }[];
  conversation: AdviceMessageData[];
}

export interface AdvicePayloadData {
  adviceRequest: AdviceData;
  referral: ReferralData | null;
  replayed: boolean;
}

const PAYLOAD = `{ adviceRequest { ...AdviceFields } referral { ...ReferralFields } replayed }`;

const mutation = (name: string, inputType: string) => /* GraphQL */ `
  mutation M($input: ${inputType}!) { ${name}(input: $input) ${PAYLOAD} }
  ${ADVICE_FIELDS}
  ${REFERRAL_FIELDS}
`;

/** Every advice mutation returns AdvicePayload; each with the selection above. */
export const ADVICE_MUTATIONS = {
  createAdviceRequest: mutation('createAdviceRequest', 'CreateAdviceRequestInput'),
  respondToAdviceRequest: mutation('respondToAdviceRequest', 'RespondToAdviceRequestInput'),
  sendFurtherInformation: mutation('sendFurtherInformation', 'FurtherInformationInput'),
  closeAdviceRequest: mutation('closeAdviceRequest', 'AdviceRefInput'),
  cancelAdviceRequest: mutation('cancelAdviceRequest', 'CancelAdviceRequestInput'),
  convertAdviceToReferral: mutation('convertAdviceToReferral', 'ConvertAdviceToReferralInput'),
} as const;

export const ADVICE_QUERY = /* GraphQL */ `
  query A($ubrn: ID!) {
    adviceRequest(ubrn: $ubrn) {
      ...AdviceFields
    }
  }
  ${ADVICE_FIELDS}
`;

/** Runs an advice mutation and returns its payload, failing the test on any error. */
export async function adviceAct(
  session: TestSession,
  name: keyof typeof ADVICE_MUTATIONS,
  input: Record<string, unknown>,
  headers?: Record<string, string>,
): Promise<AdvicePayloadData> {
  const result = await session.graphql<Record<string, AdvicePayloadData>>(
    ADVICE_MUTATIONS[name],
    { input },
    headers ? { headers } : undefined,
  );
  expect(result.errors, `${name}: ${JSON.stringify(result.errors)}`).toBeUndefined();
  return result.data![name]!;
}

/** Runs an advice mutation expected to be refused, and returns the refusal's code. */
export async function adviceRefused(
  session: TestSession,
  name: keyof typeof ADVICE_MUTATIONS,
  input: Record<string, unknown>,
): Promise<string | undefined> {
  const result: GraphQLResponse<unknown> = await session.graphql(ADVICE_MUTATIONS[name], {
    input,
  });
  expect(result.data ?? null).toBeNull();
  return result.errors?.[0]?.extensions?.code;
}

/** Reads an advice request, failing the test on any error. */
export async function readAdvice(
  session: TestSession,
  ubrn: string,
  headers?: Record<string, string>,
): Promise<AdviceData> {
  const result = await session.graphql<{ adviceRequest: AdviceData }>(
    ADVICE_QUERY,
    { ubrn },
    headers ? { headers } : undefined,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.adviceRequest;
}

export const adviceAllowed = (advice: AdviceData) => advice.allowedActions.map((a) => a.action);

/** A worklist page's advice items, with the fields the advice worklists add. */
export const ADVICE_WORKLIST = /* GraphQL */ `
  query W($worklist: WorklistCode!, $first: Int, $after: String, $filter: WorklistFilterInput) {
    worklist(worklist: $worklist, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ubrn
          kind
          state
          adviceState
          priority
          sortAt
          awaitingReferrer
          serviceId
          serviceName
          patient {
            nhsNumber
          }
        }
      }
    }
  }
`;

export interface AdviceWorklistNode {
  ubrn: string;
  kind: string;
  state: string | null;
  adviceState: string | null;
  priority: string;
  sortAt: string;
  awaitingReferrer: boolean;
  serviceId: string | null;
  serviceName: string | null;
  patient: { nhsNumber: string };
}

/** Every item of a worklist (up to 100), failing the test on any error. */
export async function worklistItems(
  session: TestSession,
  worklist: string,
  filter?: Record<string, unknown>,
): Promise<AdviceWorklistNode[]> {
  const result = await session.graphql<{
    worklist: { edges: { node: AdviceWorklistNode }[] };
  }>(ADVICE_WORKLIST, { worklist, first: 100, filter });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.worklist.edges.map((e) => e.node);
}
