import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button, InsetText, TextInput } from 'nhsuk-react-components';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { restartSubscriptions } from '../../app/apollo';
import { usePageTitle } from '../../app/page';
import { FormErrors, type Problem } from '../../components/FormErrors';
import { graphql } from '../../gql';
import { toUserFacingErrors } from '../../lib/api-errors';
import { safeNext } from '../../lib/navigation';

export const SignIn = graphql(`
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      acting {
        roleAssignment {
          id
        }
      }
    }
  }
`);

type Field = 'username' | 'password';
const fieldId = (f: Field) => `sign-in-${f}`;

/** Sign in with a username and password; then on to the role, or straight to work. */
export function SignInPage() {
  usePageTitle('Sign in');
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useApolloClient();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [other, setOther] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [signIn, { loading }] = useMutation(SignIn);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    setAttempt((a) => a + 1);
    const found: Partial<Record<Field, string>> = {};
    if (!username.trim()) found.username = 'Enter your username.';
    if (!password) found.password = 'Enter your password.';
    setErrors(found);
    setOther(null);
    if (Object.keys(found).length > 0) return;
    try {
      const result = await signIn({ variables: { username: username.trim(), password } });
      // A new session: forget everything cached for the last one, reconnect live updates.
      await restartSubscriptions();
      await client.resetStore();
      const acting = result.data?.signIn.acting;
      navigate(acting ? next : `/choose-role?next=${encodeURIComponent(next)}`, { replace: true });
    } catch (error) {
      const [problem] = toUserFacingErrors(error);
      if (problem?.code === 'INVALID_CREDENTIALS') setErrors({ username: problem.message });
      else setOther(problem?.message ?? null);
      setPassword('');
    }
  };

  const problems: Problem[] = [
    ...(['username', 'password'] as const)
      .filter((f) => errors[f])
      .map((f) => ({ message: errors[f]!, fieldId: fieldId(f) })),
    ...(other ? [{ message: other }] : []),
  ];
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <FormErrors problems={problems} attempt={attempt} />
        <h1>Sign in to open-ers</h1>
        {params.get('expired') ? (
          <InsetText>
            <p>Your session has ended. Sign in again to carry on where you were.</p>
          </InsetText>
        ) : signedOut ? (
          <InsetText>
            <p>You have signed out.</p>
          </InsetText>
        ) : null}
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
          <TextInput
            id={fieldId('username')}
            name="username"
            label="Username"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            width={20}
            value={username}
            error={errors.username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <TextInput
            id={fieldId('password')}
            name="password"
            type="password"
            label="Password"
            autoComplete="current-password"
            width={20}
            value={password}
            error={errors.password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit">{loading ? 'Signing in…' : 'Sign in'}</Button>
        </form>
      </div>
    </div>
  );
}
