import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { ChooseRoleDataQuery, SelectRoleMutationVariables } from '../../gql/graphql';
import { server, signedInAs } from '../../test/msw';
import { renderPage } from '../../test/render';
import { ChooseRoleData, ChooseRolePage, SelectRole } from './ChooseRolePage';

const organisation = {
  __typename: 'Organisation' as const,
  id: 'org-trust',
  name: 'Leeds Hospitals NHS Foundation Trust',
  odsCode: 'R00',
};
const roles: ChooseRoleDataQuery = {
  __typename: 'Query',
  me: {
    __typename: 'Me',
    user: { __typename: 'User', id: 'u-emma', displayName: 'Emma Clarke' },
    acting: null,
    roleAssignments: [
      {
        __typename: 'RoleAssignment',
        id: 'ra-spca',
        role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        roleName: 'Service provider clinician admin',
        organisation,
        clinicians: [
          { __typename: 'User', id: 'u-okafor', displayName: 'Dr Michael Okafor' },
          { __typename: 'User', id: 'u-whitfield', displayName: 'Dr Sarah Whitfield' },
        ],
      },
      {
        __typename: 'RoleAssignment',
        id: 'ra-sd',
        role: 'SERVICE_DEFINER',
        roleName: 'Service definer',
        organisation,
        clinicians: [],
      },
    ],
  },
};

/** Who the header thinks is signed in: the same user, with no role chosen yet. */
const session = signedInAs({
  __typename: 'Query',
  me: {
    __typename: 'Me',
    sessionExpiresAt: '2099-01-01T00:00:00.000Z',
    user: roles.me!.user,
    acting: null,
    roleAssignments: roles.me!.roleAssignments.map((r) => ({
      __typename: 'RoleAssignment' as const,
      id: r.id,
      clinicians: r.clinicians.map((c) => ({ __typename: 'User' as const, id: c.id })),
    })),
  },
});

describe('ChooseRolePage', () => {
  it('makes a clinician admin name the clinician they act for, then acts as them', async () => {
    let chosen: SelectRoleMutationVariables | undefined;
    server.use(
      session,
      graphql.query(ChooseRoleData, () => HttpResponse.json({ data: roles })),
      graphql.mutation(SelectRole, ({ variables }) => {
        chosen = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            selectRole: {
              __typename: 'Me',
              acting: {
                __typename: 'ActingRole',
                roleAssignment: { __typename: 'RoleAssignment', id: 'ra-spca' },
              },
            },
          },
        });
      }),
    );
    const user = userEvent.setup();
    const { router } = renderPage(
      <ChooseRolePage />,
      '/choose-role?next=%2Fworklists%2FREFERRALS_FOR_REVIEW',
      {
        route: '/choose-role',
      },
    );
    await user.click(await screen.findByLabelText('Service provider clinician admin'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('link', { name: 'Choose the clinician you are acting for.' }),
    ).toBeInTheDocument();
    expect(chosen).toBeUndefined();

    await user.selectOptions(
      screen.getByLabelText('Which clinician are you acting for?'),
      'Dr Michael Okafor',
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(router.state.location.pathname).toBe('/worklists/REFERRALS_FOR_REVIEW'),
    );
    expect(chosen).toEqual({ roleAssignmentId: 'ra-spca', onBehalfOfUserId: 'u-okafor' });
  });

  it('chooses a role with no clinician to act for without asking for one', async () => {
    let chosen: SelectRoleMutationVariables | undefined;
    server.use(
      session,
      graphql.query(ChooseRoleData, () => HttpResponse.json({ data: roles })),
      graphql.mutation(SelectRole, ({ variables }) => {
        chosen = variables;
        return HttpResponse.json({
          data: {
            __typename: 'Mutation',
            selectRole: { __typename: 'Me', acting: null },
          },
        });
      }),
    );
    const user = userEvent.setup();
    renderPage(<ChooseRolePage />, '/choose-role');
    await user.click(await screen.findByLabelText('Service definer'));
    expect(screen.queryByLabelText('Which clinician are you acting for?')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(chosen).toEqual({ roleAssignmentId: 'ra-sd', onBehalfOfUserId: null }),
    );
  });
});
