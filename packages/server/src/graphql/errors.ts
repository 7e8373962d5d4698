import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException } from '@mikro-orm/core';
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
 * field; a malformed request keeps GraphQL's own code and message (and gets one over graphql-ws,
 * where graphql-js's own errors arrive uncoded); a value the database refused as data is
 * BAD_USER_INPUT, logged as a warning; anything else becomes a generic INTERNAL_SERVER_ERROR,
 * logged here with its detail (never the SQL statement), so no stack trace, SQL or internal
 * detail reaches a client. In production, no message suggests a name from the schema ("Did you mean").
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
    const requestCode = requestErrorCode(error);
    if (requestCode) {
      return {
        message: formatted.message,
        locations: formatted.locations,
        extensions: { code: requestCode },
      };
    }
    if (isDataException(original)) {
      // A value the database refused as data (not a UUID, too long, a NUL byte): the caller's
      // mistake, which the edge (`argument-guard.ts`) should have refused. Told as bad input, and
      // logged without the SQL statement, which holds the values (patient data among them).
      log.warn(
        { event: 'bad_input_reached_database', path: formatted.path, sqlState: original.code },
        'the database refused a value as data: refuse it at the edge',
      );
      return {
        message: errorMessage('BAD_USER_INPUT'),
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    log.error(
      { err: withoutSql(original), path: formatted.path },
      'unexpected error while handling a GraphQL request',
    );
    return {
      message: errorMessage('INTERNAL_SERVER_ERROR'),
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The code of an error graphql-js raised about the request itself, or null: a syntax error
 * (GRAPHQL_PARSE_FAILED), a variable of the wrong type or a missing one (BAD_USER_INPUT), a
 * document the schema does not validate (GRAPHQL_VALIDATION_FAILED). Apollo Server codes these
 * over HTTP; over graphql-ws they arrive uncoded. They carry no path, unlike anything a resolver
 * throws, and wrap no other error (but for a variable's, which wraps its scalar's refusal).
 */
function requestErrorCode(error: unknown): string | null {
  if (!(error instanceof GraphQLError) || error.path) return null;
  // A variable's coercion error wraps the scalar's own (`ID cannot represent value`).
  if (error.message.startsWith('Variable "$')) return 'BAD_USER_INPUT';
  if (error.originalError) return null;
  if (error.message.startsWith('Syntax Error')) return 'GRAPHQL_PARSE_FAILED';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/**
 * A database error: MikroORM's DriverException, or the driver's own (pg's DatabaseError, from a
 * raw query), which carries PostgreSQL's SQLSTATE in `code` and a `severity`. Either way the
 * query builder put the SQL statement, with its values, in the message.
 */
function databaseError(error: unknown): (Error & { code: string }) | null {
  if (!(error instanceof Error)) return null;
  const { code } = error as { code?: unknown };
  if (typeof code !== 'string') return null;
  if (error instanceof DriverException || ('severity' in error && /^[0-9A-Z]{5}$/.test(code))) {
    return error as Error & { code: string };
  }
  return null;
}

/** Whether the database refused a value as data (PostgreSQL's SQLSTATE class 22). */
function isDataException(error: unknown): error is Error & { code: string } {
  return databaseError(error)?.code.startsWith('22') ?? false;
}

/**
 * An error as it may be logged: a database error without its SQL statement (the query builder
 * puts the statement, with every value bound into it, in the message and the stack), keeping
 * its class, SQLSTATE, the database's own reason and where it was thrown.
 */
export function withoutSql(error: unknown): unknown {
  const database = databaseError(error);
  if (!database) return error;
  const firstLine = database.message.split('\n')[0] ?? '';
  return {
    type: database.name,
    sqlState: database.code,
    reason: firstLine.slice(firstLine.lastIndexOf(' - ') + 3),
    stack: (database.stack ?? '')
      .split('\n')
      .filter((line) => line.trim().startsWith('at '))
      .join('\n'),
  };
}
