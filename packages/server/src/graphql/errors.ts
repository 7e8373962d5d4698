import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, errorMessage } from '@open-ers/domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { queryLimitReason } from './limits.js';

/** Error codes GraphQL itself (and Apollo Server) report for malformed requests. */
const PROTOCOL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Shapes every error a client sees: an operation over the size limits is QUERY_TOO_COMPLEX; a
 * domain refusal (including every authorization refusal) keeps its stable code, message and
 * field; a malformed request keeps GraphQL's own code and message; anything else becomes a generic
 * INTERNAL_SERVER_ERROR, logged here with its detail, so no stack trace, SQL or internal detail
 * reaches a client. In production, no message suggests a name from the schema ("Did you mean").
 */
export function createErrorFormatter(log: Logger, options: { production: boolean }) {
  const format = shapeError(log);
  if (!options.production) return format;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const shaped = format(formatted, error);
    return { ...shaped, message: withoutSuggestions(shaped.message) };
  };
}

/**
 * A message without graphql-js's "Did you mean …?" ending, which names fields, types and enum
 * values of the schema. Apollo Server's own option (`hideSchemaDetailsFromClientErrors`) strips
 * it from validation errors only; variable coercion errors (a variable of a wrong enum value or
 * an unknown input field) and subscriptions' errors come here too.
 */
export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/s, '');
}

function shapeError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = queryLimitReason(error);
    if (limit !== null) {
      return {
        message: errorMessage('QUERY_TOO_COMPLEX'),
        extensions: { code: 'QUERY_TOO_COMPLEX', details: { reason: limit } },
      };
    }
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: original.code,
          ...(original.field ? { field: original.field } : {}),
          ...(original.details ? { details: original.details } : {}),
        },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PROTOCOL_CODES.has(code)) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code } };
    }
    if (
      original instanceof GraphQLError &&
      typeof original.extensions.code === 'string' &&
      original.extensions.safe === true
    ) {
      const field = original.extensions.field;
      return {
        message: original.message,
        path: formatted.path,
        extensions: {
          code: original.extensions.code,
          ...(typeof field === 'string' ? { field } : {}),
        },
      };
    }
    log.error(
      { err: original, path: formatted.path },
      'unexpected error while handling a GraphQL request',
    );
    return {
      message: errorMessage('INTERNAL_SERVER_ERROR'),
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
