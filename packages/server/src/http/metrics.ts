import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import { isErrorCode } from '@open-ers/domain';
import type { RequestHandler } from 'express';
import { Kind, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Orm } from '../db/orm.js';
import type { JobRunner } from '../jobs/runner.js';

/**
 * Operational metrics in the Prometheus text format (prom-client), for an operator to see in
 * production what the benchmarks measure here: GraphQL latency per operation and outcome, HTTP
 * latency per route, booking outcomes, the database pool and the background job queue, plus the
 * process's own (CPU, memory, event-loop lag, GC).
 *
 * Each server has its own registry (tests start several in one process). The registry is served
 * by {@link serveMetrics} on a port of its own (METRICS_PORT, bound to 127.0.0.1 unless
 * METRICS_HOST says otherwise), never on the public one: the figures describe the service's load
 * and are not for its users.
 */
export interface ServerMetrics {
  readonly registry: Registry;
  /** Times every GraphQL operation and counts its outcome. */
  readonly graphqlPlugin: ApolloServerPlugin;
  /** Times every HTTP request by route. */
  readonly httpMiddleware: RequestHandler;
}

/** Latency buckets in seconds: fine below 100 ms, where the targets are, coarse above. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The mutations whose outcomes are booking outcomes. */
const BOOKING_OPERATIONS = new Set(['holdSlot', 'releaseSlot', 'bookAppointment']);

/** Codes Apollo Server gives requests that never reached a resolver. */
const APOLLO_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * An error code as a label: one of the product's or Apollo's codes, else `OTHER`, so a client
 * cannot grow the number of series by sending codes of its own.
 */
function outcomeLabel(code: unknown): string {
  if (typeof code === 'string' && (isErrorCode(code) || APOLLO_CODES.has(code))) return code;
  return 'OTHER';
}

/**
 * The operation's first root field (`searchServices`, `bookAppointment`), checked against the
 * schema: the client names operations as it likes, but the schema's fields are a fixed set.
 */
function rootFieldOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | null | undefined,
): { field: string; type: string } {
  if (!operation) return { field: '(invalid)', type: 'unknown' };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const fields = root?.getFields() ?? {};
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value.startsWith('__')) continue;
    const name = selection.name.value;
    return { field: Object.hasOwn(fields, name) ? name : '(invalid)', type: operation.operation };
  }
  return { field: '(introspection)', type: operation.operation };
}

/** The route an HTTP request counts under: a fixed set, whatever path was asked for. */
function routeOf(path: string): string {
  if (path === '/graphql') return '/graphql';
  if (path.startsWith('/api/documents')) return '/api/documents';
  if (path.startsWith('/api/')) return '/api/other';
  if (path === '/healthz' || path === '/readyz') return path;
  if (path.startsWith('/assets/')) return '/assets';
  return '(spa)';
}

interface KnexPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max: number;
}

/** The database connection pool (knex's tarn pool: one connection on SQLite), if there is one. */
function poolOf(orm: Orm): KnexPool | null {
  try {
    const connection = orm.em.getConnection() as unknown as {
      getKnex?: () => { client?: { pool?: KnexPool } };
    };
    const pool = connection.getKnex?.().client?.pool;
    return pool && typeof pool.numUsed === 'function' ? pool : null;
  } catch {
    return null;
  }
}

export function createMetrics(options: { orm: Orm; jobs?: JobRunner | undefined }): ServerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'open-ers' });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const graphqlDuration = new Histogram({
    name: 'openers_graphql_request_duration_seconds',
    help: 'GraphQL operations over HTTP, from request to response, by root field and outcome (ok or the error code).',
    labelNames: ['type', 'field', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'openers_http_request_duration_seconds',
    help: 'HTTP requests, from arrival to the end of the response, by route, method and status class.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const bookingOutcomes = new Counter({
    name: 'openers_booking_outcomes_total',
    help: 'Holds, releases and bookings asked for through the API, by outcome (ok or the error code, e.g. SLOT_UNAVAILABLE).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });

  const pool = () => poolOf(options.orm);
  new Gauge({
    name: 'openers_db_pool_connections',
    help: 'Database pool connections by state: in use, idle, and the pool maximum.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const current = pool();
      if (!current) return;
      this.set({ state: 'used' }, current.numUsed());
      this.set({ state: 'free' }, current.numFree());
      this.set({ state: 'max' }, current.max);
    },
  });
  new Gauge({
    name: 'openers_db_pool_waiting_requests',
    help: 'Requests waiting for a database connection.',
    registers,
    collect() {
      const current = pool();
      if (current) this.set(current.numPendingAcquires());
    },
  });
  const jobs = options.jobs;
  if (jobs) {
    new Gauge({
      name: 'openers_job_queue_jobs',
      help: 'Background jobs waiting to run (queued) and failed for good (failed), as /readyz reports them.',
      labelNames: ['state', 'queue'] as const,
      registers,
      async collect() {
        // A scrape while the database is unreachable shows the last figures, not an error.
        const counts = await jobs.counts().catch(() => null);
        if (!counts) return;
        this.set({ state: 'queued', queue: jobs.kind }, counts.queued);
        this.set({ state: 'failed', queue: jobs.kind }, counts.failed);
      },
    });
  }

  const graphqlPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(requestContext) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const { field, type } = rootFieldOf(requestContext.schema, requestContext.operation);
          const body = requestContext.response.body;
          const errors =
            body.kind === 'single'
              ? (body.singleResult.errors ?? [])
              : (requestContext.errors ?? []);
          const outcome = errors.length === 0 ? 'ok' : outcomeLabel(errors[0]?.extensions?.code);
          graphqlDuration.observe({ type, field, outcome }, seconds);
          if (type === 'mutation' && BOOKING_OPERATIONS.has(field)) {
            bookingOutcomes.inc({ operation: field, outcome });
          }
        },
      };
    },
  };

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpDuration.observe(
        {
          route: routeOf(new URL(req.originalUrl, 'http://x').pathname),
          method: req.method,
          status: `${Math.floor(res.statusCode / 100)}xx`,
        },
        seconds,
      );
    });
    next();
  };

  return { registry, graphqlPlugin, httpMiddleware };
}

export interface MetricsEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` on a listener of its own (not the public port): an operator's Prometheus
 * scrapes it from inside the network. Anything else there is a JSON 404.
 */
export async function serveMetrics(
  registry: Registry,
  port: number,
  host = '127.0.0.1',
): Promise<MetricsEndpoint> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              error: {
                code: 'INTERNAL_SERVER_ERROR',
                message: 'Metrics could not be collected.',
                field: null,
              },
            }),
          );
        },
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 'NOT_FOUND', message: 'Only GET /metrics is served here.', field: null },
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
