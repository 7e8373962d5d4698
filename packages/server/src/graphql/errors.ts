import { unwrapResolverError } from '@apollo/server/errors';
import { ConnectionException, DriverException } from '@mikro-orm/core';
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
    if (isDatabaseUnavailable(original)) {
      // The database is restarting or out of reach: not a bug, and the client can retry.
      log.warn(
        { event: 'database_unavailable', path: formatted.path, err: withoutSql(original) },
        'the database could not be reached',
      );
      return {
        message: errorMessage('SERVICE_UNAVAILABLE'),
        path: formatted.path,
        extensions: { code: 'SERVICE_UNAVAILABLE' },
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

/** SQLSTATEs of a database going away: shutting down, crashed, starting, out of connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection that was refused, reset or timed out. */
const UNAVAILABLE_SOCKETS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/**
 * What pg, knex and the pool say when a connection dies or none can be had. "Transaction query
 * already complete" is knex's answer to the next statement of a transaction whose connection
 * died under it (seen by the crash harness during a PostgreSQL restart).
 */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Timeout acquiring a connection|Client was closed|database system is (starting up|shutting down)|Transaction query already complete/i;

/**
 * Whether an error means the database could not be reached (a restart, a failover, a pool with
 * no connection to give), rather than a mistake: a connection exception (SQLSTATE class 08),
 * a shutdown, a refused or reset socket, or the driver's own words for a dead connection.
 * Looks through what wrapped the driver's error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  if (error instanceof ConnectionException) return true;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    if (databaseError(error) && (code.startsWith('08') || UNAVAILABLE_STATES.has(code))) {
      return true;
    }
    if (UNAVAILABLE_SOCKETS.has(code)) return true;
  }
  if (UNAVAILABLE_MESSAGE.test(error.message.split('\n')[0] ?? '')) return true;
  // What wrapped the driver's error: the ORM's `cause`, or a GraphQLError's `originalError`
  // (Apollo Server wraps a failure while it builds the request's context in one).
  const inner = error as { cause?: unknown; originalError?: unknown };
  return (
    isDatabaseUnavailable(inner.cause, depth + 1) ||
    isDatabaseUnavailable(inner.originalError, depth + 1)
  );
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
