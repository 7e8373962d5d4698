import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import { createRequestServices, type RequestContext } from '../graphql/context.js';
import { createErrorFormatter } from '../graphql/errors.js';
import { createSchema } from '../graphql/schema.js';
import type { Actor } from '@open-ers/domain';
import { useServer } from 'graphql-ws/use/ws';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer } from 'ws';
import {
  documentRoutes,
  type BookingGuards,
  type BookingSettings,
} from '../modules/referrals/index.js';
import { createEventBus, type EventBus } from '../realtime/event-bus.js';
import { systemClock, type Clock } from '../time.js';

export interface ServerOptions {
  readonly orm: Orm;
  readonly log: Logger;
  /** Production mode: no introspection, landing page or field suggestions. */
  readonly production: boolean;
  /** Folder of the built SPA to serve at `/`, or null for the API only. */
  readonly webDist: string | null;
  readonly clock?: Clock;
  /** The event bus for live updates; an in-process one is made when not given. */
  readonly events?: EventBus;
  /**
   * Who is making a request (from its session cookie or bearer token); null when not signed in.
   * Used for HTTP requests and for the WebSocket upgrade of subscriptions alike.
   */
  readonly identify?: (request: IncomingMessage) => Promise<Actor | null>;
  readonly booking?: Partial<BookingSettings>;
  readonly guards?: BookingGuards;
}

export interface RunningServer {
  /** The base URL, for example http://localhost:4000 */
  readonly url: string;
  readonly httpServer: http.Server;
  /** Stops taking requests (readiness goes false first), drains, then closes the database. */
  stop(): Promise<void>;
}

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
  /** Starts listening; resolves with the running server. */
  listen(port: number, host?: string): Promise<RunningServer>;
}

export async function createServer(options: ServerOptions): Promise<OpenErsServer> {
  const { orm, log } = options;
  const clock = options.clock ?? systemClock;
  const events = options.events ?? createEventBus({ log });
  const ownsEvents = !options.events;
  const identify = options.identify ?? (async () => null);
  const serviceSettings = {
    changes: events.changes,
    ...(options.booking ? { booking: options.booking } : {}),
    ...(options.guards ? { guards: options.guards } : {}),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = http.createServer(app);
  let draining = false;
  const schema = await createSchema();

  /** The one context builder, for HTTP requests and WebSocket subscriptions. */
  const buildContext = async (
    request: IncomingMessage,
    requestId: string,
  ): Promise<RequestContext> => {
    const em = orm.em.fork();
    const now = clock();
    return {
      requestId,
      now,
      em,
      log: log.child({ requestId }),
      actor: await identify(request),
      events: events.pubSub,
      services: createRequestServices(em, { now, requestId }, serviceSettings),
    };
  };

  // Subscriptions over graphql-ws on the same path as queries and mutations.
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { request: IncomingMessage }>(
    {
      schema,
      context: (ctx) => buildContext(ctx.extra.request, randomUUID()),
      onError: (_ctx, _id, _payload, errors) => {
        log.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 10_000 }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      ApolloServerPluginCacheControlDisabled(),
      ...(options.production
        ? [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDisableSuggestions()]
        : []),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const incoming = req.header(REQUEST_ID_HEADER);
    const id = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader(REQUEST_ID_HEADER, id);
    next();
  });
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
      res.json({ status: 'ready' });
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  app.use('/api/documents', documentRoutes({ orm, clock, identify }));

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req, res }) => buildContext(req, String(res.locals.requestId)),
    }),
  );

  if (options.webDist && existsSync(path.join(options.webDist, 'index.html'))) {
    serveSpa(app, options.webDist);
  } else if (options.webDist) {
    log.warn({ webDist: options.webDist }, 'no built SPA found; serving the API only');
  }

  return {
    app,
    httpServer,
    apollo,
    async listen(port: number, host?: string): Promise<RunningServer> {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => resolve());
      });
      const { port: actualPort } = httpServer.address() as AddressInfo;
      const url = `http://localhost:${actualPort}`;
      let stopping: Promise<void> | null = null;
      return {
        url,
        httpServer,
        stop() {
          stopping ??= (async () => {
            draining = true;
            await apollo.stop();
            if (ownsEvents) await events.close();
            await orm.close();
          })();
          return stopping;
        },
      };
    },
  };
}

/**
 * Serves the built SPA: hashed assets cached for a year, index.html never cached, and
 * index.html for any other GET that asks for a page (client-side routes).
 */
function serveSpa(app: express.Express, webDist: string): void {
  app.use(
    '/assets',
    express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  app.get(/.*/, (req: Request, res: Response, next) => {
    // Files (anything with an extension) that were not found above are a 404, not the app.
    if (path.extname(req.path) !== '' || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(webDist, 'index.html'));
  });
}
