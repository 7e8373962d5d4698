import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/**
 * Cache rules: search results are one list per set of criteria (`input`), pages appended as
 * the user asks for more.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Specialty: { keyFields: ['code'] },
      ClinicType: { keyFields: ['code'] },
      Query: {
        fields: {
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
        },
      },
    },
  });
}

/** The app's GraphQL client, talking to the API on the same origin. */
export function createApolloClient(uri = '/graphql'): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri, credentials: 'same-origin' }),
    cache: createCache(),
  });
}
