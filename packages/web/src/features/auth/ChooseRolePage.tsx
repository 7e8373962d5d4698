import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Button, Radios, Select } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { restartSubscriptions } from '../../app/apollo';
import { usePageTitle } from '../../app/page';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { LoadingMessage, PageProblem } from '../../components/PageStates';
import { graphql } from '../../gql';
import { toUserFacingErrors } from '../../lib/api-errors';
import { safeNext } from '../../lib/navigation';

export const ChooseRoleData = graphql(`
  query ChooseRoleData {
    me {
      user {
        id
        displayName
      }
      acting {
        roleAssignment {
          id
        }
        onBehalfOf {
          id
        }
      }
      roleAssignments {
        id
        role
        roleName
        organisation {
          id
          name
          odsCode
        }
        clinicians {
          id
          displayName
        }
      }
    }
  }
`);

export const SelectRole = graphql(`
  mutation SelectRole($roleAssignmentId: ID!, $onBehalfOfUserId: ID) {
    selectRole(roleAssignmentId: $roleAssignmentId, onBehalfOfUserId: $onBehalfOfUserId) {
      acting {
        roleAssignment {
          id
        }
      }
    }
  }
`);

const ROLE_FIELD = 'choose-role-assignment';
const CLINICIAN_FIELD = 'choose-role-clinician';

/** Choose the role and organisation to work as, and the clinician an admin acts for. */
export function ChooseRolePage() {
  usePageTitle('Choose your role');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const client = useApolloClient();
  const query = useQuery(ChooseRoleData, { fetchPolicy: 'network-only' });
  const [selectRole, mutation] = useMutation(SelectRole);
  const me = query.data?.me;
  const assignments = me?.roleAssignments ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [clinician, setClinician] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [problems, setProblems] = useState<Problem[]>([]);

  const roleId =
    chosen ?? me?.acting?.roleAssignment.id ?? (assignments.length === 1 ? assignments[0]!.id : '');
  const assignment = assignments.find((a) => a.id === roleId);
  const clinicianId =
    clinician ??
    (me?.acting?.roleAssignment.id === roleId ? me?.acting?.onBehalfOf?.id : undefined) ??
    (assignment?.clinicians.length === 1 ? assignment.clinicians[0]!.id : '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (mutation.loading) return;
    setAttempt((a) => a + 1);
    const found: Problem[] = [];
    if (!assignment)
      found.push({ message: 'Choose the role you are working in.', fieldId: ROLE_FIELD });
    else if (assignment.clinicians.length > 0 && !clinicianId) {
      found.push({ message: 'Choose the clinician you are acting for.', fieldId: CLINICIAN_FIELD });
    }
    setProblems(found);
    if (found.length > 0 || !assignment) return;
    try {
      await selectRole({
        variables: {
          roleAssignmentId: assignment.id,
          onBehalfOfUserId: assignment.clinicians.length > 0 ? clinicianId : null,
        },
      });
      // Everything cached belongs to the previous role.
      await restartSubscriptions();
      await client.resetStore();
      navigate(next, { replace: true });
    } catch (error) {
      setProblems(
        toUserFacingErrors(error).map((p) => ({
          message: p.message,
          fieldId: p.field === 'onBehalfOfUserId' ? CLINICIAN_FIELD : undefined,
        })),
      );
    }
  };

  if (query.error && !me) return <PageProblem title="Choose your role" error={query.error} />;
  if (!me) return <LoadingMessage title="Choose your role" />;

  const roleError = problems.find((p) => p.fieldId === ROLE_FIELD)?.message;
  const clinicianError = problems.find((p) => p.fieldId === CLINICIAN_FIELD)?.message;
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <FormErrors problems={problems} attempt={attempt} />
        <h1>Choose your role</h1>
        <p>
          Signed in as {me.user.displayName}. What you can see and do depends on the role and
          organisation you work as.
        </p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Choose your role">
          <Radios
            id={ROLE_FIELD}
            name="roleAssignment"
            legend="Which role are you working in?"
            legendProps={{ size: 's' }}
            error={roleError}
          >
            {assignments.map((a) => (
              <Radios.Item
                key={a.id}
                value={a.id}
                checked={roleId === a.id}
                onChange={() => {
                  setChosen(a.id);
                  setClinician(null);
                }}
                hint={`${a.organisation.name} (${a.organisation.odsCode})`}
              >
                {a.roleName}
              </Radios.Item>
            ))}
          </Radios>
          {assignment && assignment.clinicians.length > 0 ? (
            <Select
              id={CLINICIAN_FIELD}
              name="onBehalfOf"
              label="Which clinician are you acting for?"
              hint="Referrals and actions are recorded as made on their behalf."
              value={clinicianId ?? ''}
              error={clinicianError}
              onChange={(e) => setClinician(e.currentTarget.value)}
            >
              <Select.Option value="">Choose a clinician</Select.Option>
              {assignment.clinicians.map((c) => (
                <Select.Option key={c.id} value={c.id}>
                  {c.displayName}
                </Select.Option>
              ))}
            </Select>
          ) : null}
          <Button type="submit">Continue</Button>
        </form>
      </div>
    </div>
  );
}
