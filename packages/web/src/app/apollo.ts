import {
  ApolloClient,
  ApolloLink,
  CombinedGraphQLErrors,
  HttpLink,
  InMemoryCache,
} from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { OperationTypeNode } from 'graphql';
import { Observable } from 'rxjs';

/**
 * Cache rules: referrals are identified by UBRN (so a mutation's result updates the summary
 * page in place, and `referral(ubrn)` reads what is cached); search results are one list per
 * set of criteria, pages appended as the user asks for more.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Specialty: { keyFields: ['code'] },
      ClinicType: { keyFields: ['code'] },
      // The signed-in user is one object, whichever query asked for which of its fields.
      Me: { keyFields: [], fields: { acting: { merge: true } } },
      Referral: {
        keyFields: ['ubrn'],
        fields: {
          // Each is the whole current value: replace, never merge with the previous one.
          appointment: { merge: false },
          allowedActions: { merge: false },
        },
      },
      Query: {
        fields: {
          referral: {
            read(existing, { args, toReference }) {
              return (
                existing ?? toReference({ __typename: 'Referral', ubrn: args?.ubrn as string })
              );
            },
          },
          searchServices: {
            keyArgs: ['input', 'first'],
            merge(
              existing: { edges: unknown[] } | undefined,
              incoming: { edges: unknown[] },
              { args },
            ) {
              if (!existing || !args?.after) return incoming;
              return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
            },
          },
          bookableSlots: {
            keyArgs: ['ubrn', 'serviceId', 'first'],
            merge(
              existing: { edges: unknown[] } | undefined,
              incoming: { edges: unknown[] },
              { args },
            ) {
              if (!existing || !args?.after) return incoming;
              return { ...incoming, edges: [...existing.edges, ...incoming.edges] };
            },
          },
        },
      },
    },
  });
}

/** Why the app must send the user to sign in (or to choose a role) before going on. */
export type AuthProblem = 'SIGNED_OUT' | 'SESSION_EXPIRED' | 'ROLE_NOT_SELECTED';

/**
 * Told when any request is refused because there is no session, it expired, or no role is
 * chosen. The layout listens and sends the user to the right page, keeping where they were.
 */
export const authProblems = new EventTarget();

function authProblemOf(error: unknown): AuthProblem | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const e of error.errors) {
    const code = e.extensions?.code;
    if (code === 'UNAUTHENTICATED') return 'SIGNED_OUT';
    if (code === 'SESSION_EXPIRED') return 'SESSION_EXPIRED';
    if (code === 'ROLE_NOT_SELECTED') return 'ROLE_NOT_SELECTED';
  }
  return null;
}

/**
 * Subscriptions go over a WebSocket (graphql-ws). Its client and Apollo's link load on the first
 * subscription, after the page has rendered, so they cost the first page nothing.
 */
export const lazySubscriptionLink = new ApolloLink(
  (operation) =>
    new Observable((observer) => {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      import('./subscriptions').then(
        ({ subscriptionLink }) => {
          if (closed) return;
          inner = subscriptionLink().request(operation).subscribe(observer);
        },
        (error: unknown) => observer.error(error),
      );
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    }),
);

/** Ends the live-update connection, so the next one carries the new session's cookie. */
export async function restartSubscriptions(): Promise<void> {
  const { restart } = await import('./subscriptions');
  restart();
}

const isSubscription = (operation: ApolloLink.Operation) =>
  operation.operationType === OperationTypeNode.SUBSCRIPTION;

export interface ApolloOptions {
  readonly uri?: string;
  /** Where subscriptions go (tests pass a fake); the lazy WebSocket link by default. */
  readonly subscriptions?: ApolloLink;
}

/** The app's GraphQL client, talking to the API on the same origin. */
export function createApolloClient(options: ApolloOptions = {}): ApolloClient {
  const errors = new ErrorLink(({ error }) => {
    const problem = authProblemOf(error);
    if (problem)
      authProblems.dispatchEvent(new CustomEvent<AuthProblem>('problem', { detail: problem }));
  });
  const http = new HttpLink({ uri: options.uri ?? '/graphql', credentials: 'same-origin' });
  return new ApolloClient({
    link: ApolloLink.from([
      errors,
      ApolloLink.split(isSubscription, options.subscriptions ?? lazySubscriptionLink, http),
    ]),
    cache: createCache(),
  });
}
