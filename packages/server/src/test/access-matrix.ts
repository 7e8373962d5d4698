import { CLINICAL_ROLES, type Role } from '@open-ers/domain';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/** What the matrix test knows about the principal making a call. */
export interface CallerFacts {
  /**
   * The role assignment the caller acts as, else the first one they hold (null when signed
   * out), and the clinician they act for.
   */
  readonly roleAssignmentId: string | null;
  readonly onBehalfOfUserId: string | null;
}

/**
 * One operation of the API and who its authorization rule lets through. The role × operation
 * matrix test (`access-matrix.int.test.ts`) calls every row as every role, as a signed-out
 * client and as a signed-in user who has not chosen a role, and checks the rule:
 * - `PUBLIC`: nobody is refused by the rule;
 * - `SIGNED_IN`: signed-out clients get UNAUTHENTICATED, everyone signed in gets through;
 * - `ANY_ROLE`: as a list of every role;
 * - a list of roles: signed-out clients get UNAUTHENTICATED, users without a role
 *   ROLE_NOT_SELECTED, listed roles get through and every other role gets FORBIDDEN.
 * "Gets through" means no authorization refusal; other errors (bad input, no relationship) are
 * the operation's own business. Add a row for every new query, mutation and subscription; the
 * test fails when an operation of the schema has no row. Without a `document`, the test calls
 * the operation with placeholder arguments built from the schema ({@link placeholderCall}):
 * enough to reach the rule; past it, the operation fails on the placeholder data (a UBRN nobody
 * has), which is not the rule's business. Subscriptions are called over graphql-ws.
 */
export interface OperationCase {
  /** `Query.<field>`, `Mutation.<field>` or `Subscription.<field>`. */
  readonly operation: string;
  readonly document?: string;
  readonly variables?: (caller: CallerFacts) => Record<string, unknown>;
  readonly allowed: 'PUBLIC' | 'SIGNED_IN' | 'ANY_ROLE' | readonly Role[];
  /** Calling it ends or changes the caller's session: the test signs in afresh for it. */
  readonly changesSession?: boolean;
}

const RC = 'REFERRING_CLINICIAN';
const RCA = 'REFERRING_CLINICIAN_ADMIN';
const RA = 'REFERRING_ADMIN';
const SPC = 'SERVICE_PROVIDER_CLINICIAN';
const SPCA = 'SERVICE_PROVIDER_CLINICIAN_ADMIN';
const SPA = 'SERVICE_PROVIDER_ADMIN';
const PAA = 'PROVIDER_AUTHORISED_APPLICATION';
const PT = 'PATIENT';

export const ACCESS_MATRIX: readonly OperationCase[] = [
  {
    operation: 'Query.specialties',
    document: '{ specialties { code } }',
    allowed: 'PUBLIC',
  },
  {
    operation: 'Query.clinicTypes',
    document: '{ clinicTypes(specialty: "CARDIOLOGY") { code } }',
    allowed: 'PUBLIC',
  },
  {
    operation: 'Query.searchServices',
    document: /* GraphQL */ `
      query {
        searchServices(
          input: {
            patient: { ageYears: 54, sex: MALE, postcode: "LS1 4AP" }
            priority: URGENT
            specialty: "CARDIOLOGY"
          }
          first: 1
        ) {
          totalCount
        }
      }
    `,
    allowed: [
      'REFERRING_CLINICIAN',
      'REFERRING_CLINICIAN_ADMIN',
      'REFERRING_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN',
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      'SERVICE_PROVIDER_ADMIN',
      'PROVIDER_AUTHORISED_APPLICATION',
      'SERVICE_DEFINER',
      'COMMISSIONER',
      'INFORMATION_ANALYST',
      'PATIENT',
    ],
  },
  {
    operation: 'Query.me',
    document: '{ me { user { id } } }',
    allowed: 'PUBLIC',
  },
  {
    operation: 'Query.accessLog',
    document: '{ accessLog(ubrn: "000049614844") { action } }',
    allowed: CLINICAL_ROLES,
  },
  {
    operation: 'Mutation.signIn',
    document: 'mutation { signIn(username: "matrix-nobody", password: "wrong") { token } }',
    allowed: 'PUBLIC',
  },
  {
    operation: 'Mutation.selectRole',
    document: /* GraphQL */ `
      mutation ($id: ID!, $onBehalfOf: ID) {
        selectRole(roleAssignmentId: $id, onBehalfOfUserId: $onBehalfOf) {
          user {
            id
          }
        }
      }
    `,
    // One of the caller's own roles; signed-out callers name an id that does not exist.
    variables: (caller) => ({
      id: caller.roleAssignmentId ?? '00000000-0000-4000-8000-000000000000',
      onBehalfOf: caller.onBehalfOfUserId,
    }),
    allowed: 'SIGNED_IN',
    changesSession: true,
  },
  // Patients, referrals, booking and worklists. The mutations' roles are the domain's referral
  // transition table (REFERRAL_TRANSITIONS), written out here as the independent expectation.
  { operation: 'Query.patient', allowed: [RC, RCA, RA] },
  { operation: 'Query.referral', allowed: 'ANY_ROLE' },
  { operation: 'Query.bookableSlots', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Query.worklistCounts', allowed: [RC, RCA, RA, SPC, SPCA, SPA, PAA] },
  { operation: 'Query.worklist', allowed: [RC, RCA, RA, SPC, SPCA, SPA, PAA] },
  { operation: 'Query.worklistFilterChoices', allowed: [RC, RCA, RA, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.createReferral', allowed: [RC, RCA] },
  { operation: 'Mutation.changeShortlist', allowed: [RC, RCA] },
  { operation: 'Mutation.attachReferralLetter', allowed: [RC, RCA] },
  { operation: 'Mutation.holdSlot', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.releaseSlot', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.bookAppointment', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.bookIndirectly', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.deferToProvider', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA] },
  { operation: 'Mutation.sendForTriage', allowed: [RC, RCA] },
  { operation: 'Mutation.acceptReferral', allowed: [SPC, SPCA] },
  { operation: 'Mutation.rejectReferral', allowed: [SPC, SPCA] },
  { operation: 'Mutation.cancelAppointmentActionLater', allowed: [SPC, SPCA] },
  { operation: 'Mutation.recordTriageOutcome', allowed: [SPC, SPCA] },
  { operation: 'Mutation.cancelAppointment', allowed: [RC, RCA, RA, PT, SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.recordDidNotAttend', allowed: [SPC, SPCA, SPA, PAA] },
  { operation: 'Mutation.recordAssessmentOutcome', allowed: [SPC, SPCA] },
  { operation: 'Mutation.cancelReferral', allowed: [RC, RCA, SPC, SPCA] },
  { operation: 'Mutation.createOnwardReferral', allowed: [SPC, SPCA] },
  { operation: 'Mutation.confirmPasCancellation', allowed: [SPC, SPCA, SPA] },
  { operation: 'Mutation.acknowledgeReferral', allowed: [RC, RCA, RA] },
  // Advice & Guidance. Anyone may ask to read a request (the relationship and what they see are
  // the service's business); the mutations' roles are the domain's advice transition table
  // (ADVICE_TRANSITIONS): clinicians and their admins only, never admin roles.
  { operation: 'Query.adviceRequest', allowed: 'ANY_ROLE' },
  { operation: 'Mutation.createAdviceRequest', allowed: [RC, RCA] },
  { operation: 'Mutation.respondToAdviceRequest', allowed: [SPC, SPCA] },
  { operation: 'Mutation.sendFurtherInformation', allowed: [RC, RCA] },
  { operation: 'Mutation.closeAdviceRequest', allowed: [RC, RCA] },
  { operation: 'Mutation.cancelAdviceRequest', allowed: [RC, RCA] },
  { operation: 'Mutation.convertAdviceToReferral', allowed: [RC, RCA, SPC, SPCA] },
  { operation: 'Subscription.worklistsChanged', allowed: [RC, RCA, RA, SPC, SPCA, SPA, PAA] },
  { operation: 'Subscription.referralChanged', allowed: 'ANY_ROLE' },
  // The Directory of Services, maintained by the provider's service definers only.
  { operation: 'Query.definedServices', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Query.definedService', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Query.organisationSites', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.createService', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.amendService', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.publishService', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.retireService', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.createSite', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.amendSite', allowed: ['SERVICE_DEFINER'] },
  // Schedules and slot publication: the provider's service definers.
  { operation: 'Query.schedules', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Query.scheduleExceptions', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Query.previewSchedule', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.createSchedule', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.endSchedule', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.addScheduleException', allowed: ['SERVICE_DEFINER'] },
  { operation: 'Mutation.publishSlots', allowed: ['SERVICE_DEFINER'] },
  // Slot maintenance and the provider-system slot feed (issue 9).
  { operation: 'Query.slotCalendar', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Query.slotBlockReasons', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Query.slotCancellationReasons', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Mutation.blockSlots', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Mutation.unblockSlots', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Mutation.cancelSlots', allowed: ['SERVICE_DEFINER', SPA] },
  { operation: 'Mutation.feedSlots', allowed: ['SERVICE_DEFINER', PAA] },
  {
    operation: 'Mutation.signOut',
    document: 'mutation { signOut }',
    allowed: 'PUBLIC',
    changesSession: true,
  },
];

/** A UBRN of the right shape that no referral has. */
const NOBODYS_UBRN = '000000000001';
const NOBODYS_ID = '00000000-0000-4000-8000-000000000001';

/** A placeholder value of an input type: required fields only, plausible shapes. */
function placeholder(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return placeholder(getNullableType(type) as GraphQLInputType, name);
  if (isListType(type)) return [placeholder(type.ofType as GraphQLInputType, name)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        value[field.name] = placeholder(field.type, field.name);
      }
    }
    return value;
  }
  if (isScalarType(type)) {
    if (/ubrn/i.test(name)) return NOBODYS_UBRN;
    if (/nhsNumber/i.test(name)) return '9434765919';
    switch (type.name) {
      case 'ID':
        return NOBODYS_ID;
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'LocalDate':
        return '2026-11-21';
      case 'DateTimeISO':
        return '2026-11-21T10:00:00.000Z';
      default:
        return 'placeholder';
    }
  }
  throw new Error(`no placeholder for ${String(type)}`);
}

/**
 * A document and variables that call `operation` (`Mutation.acceptReferral`) with placeholder
 * values for its required arguments, selecting only `__typename` of an object result.
 */
export function placeholderCall(
  schema: GraphQLSchema,
  operation: string,
): { document: string; variables: Record<string, unknown> } {
  const [kind, fieldName] = operation.split('.') as [string, string];
  const root =
    kind === 'Query'
      ? schema.getQueryType()
      : kind === 'Mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const field = root?.getFields()[fieldName];
  if (!field) throw new Error(`${operation} is not in the schema`);
  const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const definitions = required.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    document: `${kind.toLowerCase()}${definitions ? ` (${definitions})` : ''} { ${fieldName}${args ? `(${args})` : ''}${selection} }`,
    variables: Object.fromEntries(required.map((a) => [a.name, placeholder(a.type, a.name)])),
  };
}
