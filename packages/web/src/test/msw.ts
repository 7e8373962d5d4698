import { graphql, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { SessionQuery } from '../gql/graphql';
import { SessionData } from '../app/session';

/** A referring clinician at the Leeds demo practice: who every page test is signed in as. */
export function sessionAs(
  role: string = 'REFERRING_CLINICIAN',
  roleName = 'Referring clinician',
  organisation = { id: 'org-gp', name: 'Bridge Medical Practice', odsCode: 'A80000' },
): SessionQuery {
  return {
    __typename: 'Query',
    me: {
      __typename: 'Me',
      sessionExpiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString(),
      user: { __typename: 'User', id: 'user-1', displayName: 'Dr Asha Patel' },
      acting: {
        __typename: 'ActingRole',
        roleAssignment: {
          __typename: 'RoleAssignment',
          id: 'ra-1',
          role: role as never,
          roleName,
          seesClinicalContent: !role.endsWith('_ADMIN'),
          organisation: { __typename: 'Organisation', ...organisation },
        },
        onBehalfOf: null,
      },
      roleAssignments: [{ __typename: 'RoleAssignment', id: 'ra-1', clinicians: [] }],
    },
  };
}

export const signedInAs = (data: SessionQuery) =>
  graphql.query(SessionData, () => HttpResponse.json({ data }));

/**
 * The mock API for component tests. Its standing handler answers who is signed in; each test
 * adds handlers typed by the generated documents (and may replace the session).
 */
export const server = setupServer(signedInAs(sessionAs()));
