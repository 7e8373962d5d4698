import type { ApolloServerPlugin } from '@apollo/server';
import { errorMessage } from '@open-ers/domain';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';

/**
 * Control characters no field of the API takes: C0 controls other than tab, line feed and
 * carriage return (which free text may hold), and DEL. A NUL byte in particular breaks
 * PostgreSQL's protocol and SQLite's statement text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Whether a string holds a control character no field of the API takes (see above). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTERS.test(value);
}

/** The path of the first string in a variables value holding a control character, if any. */
function firstControlString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = firstControlString(item, `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstControlString(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Whether a string literal written in the document holds a control character. */
function documentHasControlString(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING](node) {
      if (CONTROL_CHARACTERS.test(node.value)) found = true;
    },
  });
  return found;
}

/**
 * Refuses, before anything runs, a request whose variables or string literals hold a control
 * character: one place at the edge for every operation, answered with INVALID_CHARACTERS (HTTP
 * 400) naming the variable, never an internal error from the database further in.
 */
export function controlCharacterGuard(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const field =
            firstControlString(request.variables ?? {}, '') ??
            (documentHasControlString(document) ? 'query' : null);
          if (!field) return;
          throw new GraphQLError(errorMessage('INVALID_CHARACTERS'), {
            extensions: { code: 'INVALID_CHARACTERS', field, safe: true, http: { status: 400 } },
          });
        },
      };
    },
  };
}
