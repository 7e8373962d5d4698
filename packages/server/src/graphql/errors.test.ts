import { ConnectionException, DriverException } from '@mikro-orm/core';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createErrorFormatter, isDatabaseUnavailable } from './errors.js';

/** A formatter in production mode whose log lines are kept, to read back. */
function formatterWithLog() {
  const lines: { level: number; msg: string }[] = [];
  const text: string[] = [];
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        text.push(chunk.toString());
        lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        callback();
      },
    }),
  );
  const format = createErrorFormatter(log, { production: true });
  return {
    lines,
    text,
    format: (error: GraphQLError): GraphQLFormattedError => format(error.toJSON(), error),
  };
}

/** The error PostgreSQL raises through the ORM, with the statement and its values in it. */
function driverError(code: string, reason: string): DriverException {
  const cause = Object.assign(
    new Error(
      `select "p0".* from "patient" as "p0" where "p0"."nhs_number" = '9434765919' - ${reason}`,
    ),
    { code },
  );
  return new DriverException(cause);
}

/** A resolver's error as graphql-js hands it on: located at a path, wrapping the original. */
function fromResolver(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['patient'], originalError: original });
}

/** pg's own error, as a raw query through the query builder raises it. */
function rawDriverError(code: string, reason: string): Error {
  return Object.assign(
    new Error(`select s.id from service s where s.name = 'Leeds' and x = Infinity - ${reason}`),
    { name: 'error', code, severity: 'ERROR' },
  );
}

describe('the error formatter', () => {
  // Regression (fuzz harness): over graphql-ws, graphql-js's errors about the request itself
  // come without a code, so a subscription with a variable of the wrong type was answered
  // INTERNAL_SERVER_ERROR and logged at error level.
  it.each([
    [
      'Variable "$ubrn" got invalid value { a: 1 }; ID cannot represent value: { a: 1 }',
      'BAD_USER_INPUT',
    ],
    ['Variable "$ubrn" of non-null type "ID!" must not be null.', 'BAD_USER_INPUT'],
    ['Syntax Error: Expected Name, found "}".', 'GRAPHQL_PARSE_FAILED'],
    ['Cannot query field "nope" on type "WorklistChange".', 'GRAPHQL_VALIDATION_FAILED'],
  ])('codes graphql-js’s own refusal “%s” as %s, logging nothing', (message, code) => {
    const { format, lines } = formatterWithLog();
    // A variable's coercion error wraps the scalar's own refusal.
    const cause = message.startsWith('Variable') ? new GraphQLError('cannot represent') : undefined;
    expect(format(new GraphQLError(message, { originalError: cause })).extensions).toEqual({
      code,
    });
    expect(lines).toEqual([]);
  });

  it('answers a value the database refused as data as BAD_USER_INPUT, logged as a warning without the SQL', () => {
    const { format, lines, text } = formatterWithLog();
    const answer = format(
      fromResolver(driverError('22P02', 'invalid input syntax for type uuid: "1"')),
    );
    expect(answer.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(lines.map((l) => l.level)).toEqual([40]);
    expect(text.join('')).not.toMatch(/select|9434765919/);
  });

  // Regression (fuzz harness): a raw query's error is pg's own, not the ORM's, and was logged
  // with the whole statement.
  it.each([
    ['22P02', 'BAD_USER_INPUT', 40],
    ['42703', 'INTERNAL_SERVER_ERROR', 50],
  ])('treats a raw query’s %s the same way, without the SQL', (sqlState, code, level) => {
    const { format, lines, text } = formatterWithLog();
    const answer = format(
      fromResolver(rawDriverError(sqlState, 'column "infinity" does not exist')),
    );
    expect(answer.extensions).toEqual({ code });
    expect(lines.map((l) => l.level)).toEqual([level]);
    expect(text.join('')).not.toMatch(/select|Leeds/);
  });

  it('logs an unexpected database error at error level without its SQL statement or values', () => {
    const { format, lines, text } = formatterWithLog();
    const answer = format(
      fromResolver(driverError('23505', 'duplicate key value violates unique constraint "x"')),
    );
    expect(answer.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(lines.map((l) => l.level)).toEqual([50]);
    expect(text.join('')).toContain('duplicate key value violates unique constraint');
    expect(text.join('')).not.toMatch(/select|9434765919/);
  });
});

describe('a database out of reach', () => {
  const unavailable = [
    [
      'a connection exception (SQLSTATE 08006)',
      () =>
        new ConnectionException(Object.assign(new Error('connection failure'), { code: '08006' })),
    ],
    [
      'PostgreSQL shutting down (57P01)',
      () => rawDriverError('57P01', 'terminating connection due to administrator command'),
    ],
    [
      'a refused socket',
      () =>
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    [
      'a connection that died',
      () => new DriverException(new Error('Connection terminated unexpectedly')),
    ],
    [
      'an empty pool',
      () => new Error('Knex: Timeout acquiring a connection. The pool is probably full.'),
    ],
  ] as const;

  it.each(unavailable)(
    'is SERVICE_UNAVAILABLE, to retry, logged as a warning: %s',
    (_label, make) => {
      const { format, lines, text } = formatterWithLog();
      const shaped = format(fromResolver(make()));
      expect(shaped.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(shaped.message).toMatch(/Try again shortly/);
      expect(lines.map((l) => l.level)).toEqual([40]);
      expect(text.join('')).not.toContain('select');
    },
  );

  it('is SERVICE_UNAVAILABLE when the session could not be read (Apollo Server wraps it)', () => {
    const { format } = formatterWithLog();
    const driver = new DriverException(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    );
    const wrapped = new GraphQLError(`Context creation failed: ${driver.message}`, {
      originalError: driver,
    });
    expect(format(wrapped).extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('is not claimed for a mistake in the data, nor for a bug', () => {
    expect(isDatabaseUnavailable(driverError('22P02', 'invalid input syntax for type uuid'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
