import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { createContext, use, useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { graphql } from '../gql';
import type { SessionQuery } from '../gql/graphql';
import { restartSubscriptions } from './apollo';

export const SessionData = graphql(`
  query Session {
    me {
      sessionExpiresAt
      user {
        id
        displayName
      }
      acting {
        roleAssignment {
          id
          role
          roleName
          seesClinicalContent
          organisation {
            id
            name
            odsCode
          }
        }
        onBehalfOf {
          id
          displayName
        }
      }
      roleAssignments {
        id
        clinicians {
          id
        }
      }
    }
  }
`);

export const SignOut = graphql(`
  mutation SignOut {
    signOut
  }
`);

export type Me = NonNullable<SessionQuery['me']>;
export type ActingRole = NonNullable<Me['acting']>;

/** Which side of a referral a role works on (the roles the SPA serves). */
export type Side = 'REFERRER' | 'PROVIDER' | 'OTHER';

export function sideOf(role: string | undefined): Side {
  if (role?.startsWith('REFERRING_')) return 'REFERRER';
  if (role?.startsWith('SERVICE_PROVIDER_')) return 'PROVIDER';
  return 'OTHER';
}

export interface Session {
  /** Still asking the API who is signed in. */
  readonly loading: boolean;
  /** The signed-in user, or null when signed out. */
  readonly me: Me | null;
  readonly acting: ActingRole | null;
  readonly side: Side;
  /** Whether the acting role may create referrals (a referring clinician or their admin). */
  readonly canRefer: boolean;
  /** Whether the acting role maintains the organisation's services (their start page is /services). */
  readonly isServiceDefiner: boolean;
  /** Whether the acting role oversees referrals (a commissioner or information analyst). */
  readonly isOversight: boolean;
  /** Whether the user holds more than one way of working (roles, or clinicians to act for). */
  readonly canSwitchRole: boolean;
  refresh(): Promise<unknown>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who is signed in and the role they act as, for the header and for pages that depend on the
 * role. When the session's expiry time passes, it asks the API again: an active user's session
 * will have been extended; otherwise `me` is null and the layout sends them to sign in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  // Asked once per page load; sign-in, a change of role and sign-out reset the cache and ask again,
  // as does a request refused for want of a session (see the layout).
  const query = useQuery(SessionData);
  const [signOutMutation] = useMutation(SignOut);
  const me = query.data?.me ?? null;
  const { refetch } = query;

  useEffect(() => {
    if (!me) return;
    const wait = new Date(me.sessionExpiresAt).getTime() - Date.now() + 1000;
    // Browsers cap timers at about 24.8 days; sessions are hours long.
    const timer = setTimeout(() => void refetch(), Math.min(Math.max(wait, 0), 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [me, refetch]);

  const signOut = useCallback(async () => {
    try {
      await signOutMutation();
    } finally {
      await client.clearStore();
      await restartSubscriptions();
      await refetch();
    }
  }, [client, refetch, signOutMutation]);

  const value = useMemo<Session>(() => {
    const acting = me?.acting ?? null;
    const role = acting?.roleAssignment.role;
    return {
      loading: query.loading && !query.data,
      me,
      acting,
      side: sideOf(role),
      canRefer: role === 'REFERRING_CLINICIAN' || role === 'REFERRING_CLINICIAN_ADMIN',
      isServiceDefiner: role === 'SERVICE_DEFINER',
      isOversight: role === 'COMMISSIONER' || role === 'INFORMATION_ANALYST',
      canSwitchRole:
        (me?.roleAssignments.length ?? 0) > 1 ||
        (me?.roleAssignments.some((r) => r.clinicians.length > 1) ?? false),
      refresh: () => refetch(),
      signOut,
    };
  }, [me, query.loading, query.data, refetch, signOut]);

  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
