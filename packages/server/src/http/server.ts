import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import expressStaticGzip from 'express-static-gzip';
import express, { type NextFunction, type Request, type Response } from 'express';
import { errorMessage, type ErrorCode } from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate } from 'graphql';
import { Redis } from 'ioredis';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../config.js';
import type { Orm } from '../db/orm.js';
import {
  createContextFactory,
  NO_SESSION_TRANSPORT,
  type RequestContext,
} from '../graphql/context.js';
import { createErrorFormatter, isDatabaseUnavailable, withoutSql } from '../graphql/errors.js';
import {
  DEFAULT_QUERY_LIMITS,
  queryLimitRules,
  queryParseOptions,
  type QueryLimits,
} from '../graphql/limits.js';
import { createSchema } from '../graphql/schema.js';
import {
  DEFAULT_LOGIN_RATE_LIMITS,
  DEFAULT_PASSWORD_HASH_COST,
  LoginRateLimiter,
  PasswordHasher,
  PasswordIdentityProvider,
  type LoginRateLimits,
  type PasswordHashCost,
} from '../modules/identity/index.js';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import {
  documentRoutes,
  type BookingGuards,
  type BookingSettings,
} from '../modules/referrals/index.js';
import { createEventBus, type EventBus } from '../realtime/event-bus.js';
import type { JobRunner } from '../jobs/runner.js';
import { controlCharacterGuard } from '../graphql/input-guard.js';
import { auditRefusalsPlugin, recordRefusals } from '../modules/audit/refusals.js';
import { systemClock, type Clock } from '../time.js';
import { cookieSessionTransport, sessionTokenFrom } from './session-cookie.js';
import { trackConnections } from './graceful-close.js';
import { createMetrics } from './metrics.js';
import type { Registry } from 'prom-client';

export interface ServerOptions {
  readonly orm: Orm;
  readonly log: Logger;
  /** Production mode: no introspection, landing page or field suggestions. */
  readonly production: boolean;
  /** Folder of the built SPA to serve at `/`, or null for the API only. */
  readonly webDist: string | null;
  readonly clock?: Clock;
  /** Session idle and absolute limits (8 and 12 hours unless set). */
  readonly sessions?: SessionSettings;
  /** Redis for login rate-limit counters shared by every instance; null keeps them in-process. */
  readonly redisUrl?: string | null;
  /** Prefix of this deployment's Redis keys (default `open-ers`). */
  readonly redisKeyPrefix?: string;
  readonly loginRateLimits?: LoginRateLimits;
  readonly passwordHashCost?: PasswordHashCost;
  readonly queryLimits?: QueryLimits;
  /** The event bus for live updates; an in-process one is made when not given. */
  readonly events?: EventBus;
  readonly booking?: Partial<BookingSettings>;
  readonly guards?: BookingGuards;
  /**
   * The background job queue request services queue work on (slot publication, slot-issue
   * matching); its failed-job count is reported by /readyz. None: work is not queued.
   */
  readonly jobs?: JobRunner;
}

export interface RunningServer {
  /** The base URL, for example http://localhost:4000 */
  readonly url: string;
  readonly httpServer: http.Server;
  /**
   * Stops taking requests without dropping any: readiness goes false at once, and after
   * `delayMs` (long enough for load balancers polling /readyz to stop routing here; default 0)
   * the listener closes, every response from then on closes its connection, and the requests in
   * flight finish (see trackConnections). Leaves the database open.
   */
  drain(delayMs?: number): Promise<void>;
  /** Drains (unless already drained), then closes the database and Redis. */
  stop(): Promise<void>;
}

/** The request id a client or proxy sent, if it is a sensible one, else a new one. */
function requestIdOf(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

/** How long an idle kept-alive connection stays open (see where it is set). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Header carrying the request id, accepted from a trusted proxy or made here. */
const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Builds the HTTP server: GraphQL at /graphql, health at /healthz and /readyz, and the built SPA
 * at / (with index.html for every client-side route).
 */
export interface OpenErsServer {
  readonly app: express.Express;
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<RequestContext>;
  /** This server's operational metrics, for {@link serveMetrics} (METRICS_PORT). */
  readonly metrics: Registry;
  /** Starts listening; resolves with the running server. */
  listen(port: number, host?: string): Promise<RunningServer>;
}

/**
 * Closing connections when draining: an idle one is ended after half a second without a request
 * (a request already sent on it has been read by then); requests in progress get 20 seconds.
 */
const DRAIN = { quietMs: 500, graceMs: 20_000 };

/** How long a starting server waits for Redis before it listens anyway. */
const REDIS_READY_WAIT_MS = 5_000;

/** Resolves when the client is connected, or after `timeoutMs` (logged) if it is not. */
async function untilReady(client: Redis, timeoutMs: number, log: Logger): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(() => {
      log.warn('redis is not connected yet; sign-in counters stay in this process until it is');
      done();
    }, timeoutMs);
    client.on('ready', done);
  });
}

export async function createServer(options: ServerOptions): Promise<OpenErsServer> {
  const { orm, log } = options;
  const clock = options.clock ?? systemClock;
  const events =
    options.events ??
    createEventBus({
      log,
      redisUrl: options.redisUrl ?? null,
      channelPrefix: options.redisKeyPrefix,
    });
  const ownsEvents = !options.events;
  const serviceSettings = {
    changes: events.changes,
    ...(options.booking ? { booking: options.booking } : {}),
    ...(options.guards ? { guards: options.guards } : {}),
    ...(options.jobs ? { jobs: options.jobs } : {}),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  const connections = trackConnections(httpServer);
  // An idle kept-alive connection stays open longer than any client or load balancer keeps
  // one (60 s is common), so it is always the client that closes it. With Node's default of
  // 5 s, a client reusing a connection just as the server timed it out had its request reset
  // (ECONNRESET): on a loaded machine, where timers run late, that is not rare.
  httpServer.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Node requires the headers timeout to outlast the keep-alive timeout.
  httpServer.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  let draining = false;
  const schema = await createSchema();

  const sessions = options.sessions ?? DEFAULT_SESSION_SETTINGS;
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  redis?.on('error', (error: unknown) => log.warn({ err: error }, 'redis connection error'));
  const limits = options.loginRateLimits ?? DEFAULT_LOGIN_RATE_LIMITS;
  const createContext = createContextFactory({
    orm,
    log,
    clock,
    sessions,
    passwords: new PasswordIdentityProvider(
      new PasswordHasher(options.passwordHashCost ?? DEFAULT_PASSWORD_HASH_COST),
      redis
        ? LoginRateLimiter.redis(redis, limits, options.redisKeyPrefix)
        : LoginRateLimiter.inMemory(limits),
    ),
    events,
    settings: serviceSettings,
  });
  /** Who a plain HTTP request (a document download or upload) comes from, and its audit trail. */
  const identify = async (request: IncomingMessage) => {
    const context = await createContext({
      // The request's own id (the client's x-request-id when it sent one), as /graphql uses.
      requestId: (request as express.Request).res?.locals.requestId ?? randomUUID(),
      token: sessionTokenFrom(request),
      client: { ip: request.socket.remoteAddress ?? 'unknown' },
      sessionTransport: NO_SESSION_TRANSPORT,
    });
    return { actor: context.actor, audit: context.audit };
  };

  // Subscriptions over graphql-ws on the same path as queries and mutations.
  // The session comes from the upgrade request's cookie or bearer token. A browser sends the
  // cookie with a WebSocket upgrade from any page, so upgrades from another site's pages
  // (an Origin other than this host) are refused: cross-site WebSocket hijacking.
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    verifyClient: ({ origin, req }: { origin?: string; req: IncomingMessage }) =>
      isSameOrigin(origin, req.headers.host),
  });
  const queryLimits = options.queryLimits ?? DEFAULT_QUERY_LIMITS;
  const formatError = createErrorFormatter(log, { production: options.production });
  const wsCleanup = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      // The same size limits and error shaping as queries and mutations over HTTP.
      parse: (source) => parse(source, queryParseOptions(queryLimits)),
      validate: (target, document) =>
        validate(target, document, [...specifiedRules, ...queryLimitRules(queryLimits)]),
      context: (ctx) =>
        createContext({
          requestId: requestIdOf(ctx.extra.request.headers[REQUEST_ID_HEADER]),
          token: sessionTokenFrom(ctx.extra.request),
          client: { ip: ctx.extra.request.socket.remoteAddress ?? 'unknown' },
          sessionTransport: NO_SESSION_TRANSPORT,
        }),
      onError: (_ctx, _id, _payload, errors) => {
        log.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
        return errors.map((error) => formatError(error.toJSON(), error));
      },
      onNext: async (_ctx, _id, _payload, args, result) => {
        if (!result.errors) return undefined;
        // A refused subscription is audited as a refused query is.
        await recordRefusals(result.errors, {
          audit: (args.contextValue as RequestContext | undefined)?.audit,
          operation: getOperationAST(args.document, args.operationName),
          schema: args.schema,
          variables: args.variableValues ?? {},
        });
        return {
          ...result,
          errors: result.errors.map((error) => formatError(error.toJSON(), error)),
        };
      },
    },
    wsServer,
  );

  const metrics = createMetrics({ orm, jobs: options.jobs });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    // No "Did you mean" in validation errors in production; the error formatter strips it from
    // every other error (variable coercion, subscriptions) too.
    hideSchemaDetailsFromClientErrors: options.production,
    allowBatchedHttpRequests: false,
    // The process owns shutdown (main.ts drains on SIGTERM/SIGINT and then exits). Apollo's own
    // handlers would re-raise the signal into ours, which ignores repeats, and leave the process
    // running after the drain.
    stopOnTerminationSignals: false,
    // Refuses requests a browser would send cross-site without a preflight (form posts, simple
    // GETs), so the session cookie cannot be ridden by another site.
    csrfPrevention: true,
    validationRules: queryLimitRules(queryLimits),
    parseOptions: queryParseOptions(queryLimits),
    plugins: [
      // No drain plugin: the running server's drain() closes HTTP and WebSocket connections
      // (without resetting requests sent on kept-alive connections) before Apollo stops.
      metrics.graphqlPlugin,
      controlCharacterGuard(),
      auditRefusalsPlugin(),
      ApolloServerPluginCacheControlDisabled(),
      ...(options.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const id = requestIdOf(req.header(REQUEST_ID_HEADER));
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  });
  app.use(metrics.httpMiddleware);
  app.use(compression());

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await orm.em.fork().getConnection().execute('select 1');
      const pending = await orm.getMigrator().getPendingMigrations();
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations pending' });
        return;
      }
      // Background jobs that failed for good are shown to operators here (and logged at error).
      const jobs = options.jobs ? await options.jobs.counts() : null;
      res.json({
        status: 'ready',
        ...(jobs ? { jobs: { kind: options.jobs!.kind, ...jobs } } : {}),
      });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  app.use('/api/documents', documentRoutes({ orm, clock, identify }));

  app.use(
    '/graphql',
    // Large enough for a slot feed of 10,000 slots (about 3 MB as the feed's variables), small
    // enough to refuse abuse; documents themselves stay within the query limits' token count.
    express.json({ limit: '6mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        createContext({
          requestId: String(res.locals.requestId),
          token: sessionTokenFrom(req),
          client: { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown' },
          sessionTransport: cookieSessionTransport(res, {
            secure: options.production,
            maxAgeSeconds: Math.floor(sessions.absoluteTimeoutMs / 1000),
          }),
        }).catch((error: unknown) => {
          // The session could not be read because the database is out of reach: a 503 to
          // retry (the error formatter gives it its code), not Apollo Server's 500.
          if (isDatabaseUnavailable(error)) {
            throw new GraphQLError(errorMessage('SERVICE_UNAVAILABLE'), {
              originalError: error as Error,
              extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
            });
          }
          throw error;
        }),
    }),
  );

  // An unknown API path is a JSON 404, never the SPA's page.
  app.use('/api', (_req: Request, res: Response) => {
    sendApiError(res, '/api', 404, 'NOT_FOUND');
  });

  if (options.webDist && existsSync(path.join(options.webDist, 'index.html'))) {
    serveSpa(app, options.webDist);
  } else if (options.webDist) {
    log.warn({ webDist: options.webDist }, 'no built SPA found; serving the API only');
  }

  app.use(apiErrorHandler(log));

  return {
    app,
    httpServer,
    apollo,
    metrics: metrics.registry,
    async listen(port: number, host?: string): Promise<RunningServer> {
      // Sign-in counters go to Redis once it is connected; take no requests before then (for a
      // few seconds at most: if Redis is down, the counters fall back to this process).
      if (redis) await untilReady(redis, REDIS_READY_WAIT_MS, log);
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const { port: actualPort } = httpServer.address() as AddressInfo;
      const url = `http://localhost:${actualPort}`;
      let drained: Promise<void> | null = null;
      let stopping: Promise<void> | null = null;
      const drain = (delayMs = 0) => {
        drained ??= (async () => {
          draining = true;
          if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
          await wsCleanup.dispose();
          const { cut } = await connections.close(DRAIN);
          if (cut > 0) log.warn({ cut }, 'requests still running at the end of the drain were cut');
          await apollo.stop();
        })();
        return drained;
      };
      return {
        url,
        httpServer,
        drain,
        stop() {
          stopping ??= (async () => {
            await drain();
            if (ownsEvents) await events.close();
            await orm.close();
            await redis?.quit().catch(() => redis.disconnect());
          })();
          return stopping;
        },
      };
    },
  };
}

/**
 * Answers an API request's error as JSON with a stable code: in GraphQL's shape at /graphql
 * (`{ errors: [{ message, extensions: { code } }] }`) and in the document routes' shape
 * elsewhere (`{ error: { code, message, field } }`).
 */
function sendApiError(res: Response, path: string, status: number, code: ErrorCode): void {
  const message = errorMessage(code);
  res
    .status(status)
    .json(
      path === '/graphql' || path.startsWith('/graphql/')
        ? { errors: [{ message, extensions: { code } }] }
        : { error: { code, message, field: null } },
    );
}

/** Whether a request is for the API (GraphQL or the REST routes), not the SPA. */
function isApiPath(path: string): boolean {
  return /^\/(graphql|api)(\/|$)/.test(path);
}

/**
 * The last error handler: an error on an API path (a body the JSON parser refused, one over the
 * size limit, or a route's unexpected failure) is answered as JSON, never Express's HTML page.
 * Refusals of the request itself (4xx from body-parser) keep their status; a database out of
 * reach is a 503 SERVICE_UNAVAILABLE to retry; anything else is a 500, logged here with its
 * detail and shown to the client only as INTERNAL_SERVER_ERROR.
 */
function apiErrorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent || !isApiPath(req.path)) return next(error);
    const { status, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    if (typeof status === 'number' && status >= 400 && status < 500) {
      log.info({ status, type, path: req.path }, 'refused an unreadable API request');
      sendApiError(res, req.path, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST');
      return;
    }
    if (isDatabaseUnavailable(error)) {
      log.warn({ err: withoutSql(error), path: req.path }, 'the database could not be reached');
      res.setHeader('Retry-After', '1');
      sendApiError(res, req.path, 503, 'SERVICE_UNAVAILABLE');
      return;
    }
    log.error(
      { err: withoutSql(error), path: req.path },
      'unexpected error while handling an API request',
    );
    sendApiError(res, req.path, 500, 'INTERNAL_SERVER_ERROR');
  };
}

/**
 * Serves the built SPA: hashed assets cached for a year (sent as the build compressed them,
 * brotli or gzip at their highest levels, when the browser accepts it), index.html never
 * cached, and index.html for any other GET that asks for a page (client-side routes).
 */
function serveSpa(app: express.Express, webDist: string): void {
  app.use(
    '/assets',
    expressStaticGzip(path.join(webDist, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '365d', index: false },
    }),
  );
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req: Request, res: Response, next) => {
    // Files (anything with an extension) that were not found above are a 404, not the app.
    if (path.extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDist, 'index.html'));
  });
}

/**
 * Whether a WebSocket upgrade comes from a page of this site: no Origin (not a browser) or an
 * Origin whose host is the one the request was sent to.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
