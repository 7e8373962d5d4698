import { CLINICAL_ROLES, type Role } from '@open-ers/domain';

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
 * - a list of roles: signed-out clients get UNAUTHENTICATED, users without a role
 *   ROLE_NOT_SELECTED, listed roles get through and every other role gets FORBIDDEN.
 * "Gets through" means no authorization refusal; other errors (bad input, no relationship) are
 * the operation's own business. Add a row for every new query, mutation and subscription; the
 * test fails when an operation of the schema has no row.
 */
export interface OperationCase {
  /** `Query.<field>`, `Mutation.<field>` or `Subscription.<field>`. */
  readonly operation: string;
  readonly document: string;
  readonly variables?: (caller: CallerFacts) => Record<string, unknown>;
  readonly allowed: 'PUBLIC' | 'SIGNED_IN' | readonly Role[];
  /** Calling it ends or changes the caller's session: the test signs in afresh for it. */
  readonly changesSession?: boolean;
}

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
  {
    operation: 'Mutation.signOut',
    document: 'mutation { signOut }',
    allowed: 'PUBLIC',
    changesSession: true,
  },
];
