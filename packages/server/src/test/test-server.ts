import type { Registry } from 'prom-client';
import { roleInfo, type Role } from '@open-ers/domain';
import { parseSetCookie } from 'cookie';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { pino, type Logger } from 'pino';
import type { SessionSettings } from '../config.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { createServer, type RunningServer } from '../http/server.js';
import { openDatabase } from '../db/orm.js';
import type { BookingGuards, BookingSettings } from '../modules/referrals/index.js';
import type { EventBus } from '../realtime/event-bus.js';
import type { QueryLimits } from '../graphql/limits.js';
import type { LoginRateLimits } from '../modules/identity/index.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from '../seed/demo-users.js';
import { ukDate } from '../time.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: {
    message: string;
    path?: string[];
    extensions?: { code?: string; field?: string; details?: Record<string, unknown> };
  }[];
}

/** How a test session presents its token: the web app's cookie, or an API client's header. */
export type TokenDelivery = 'cookie' | 'bearer';

/** A role assignment as `signIn` returns it. */
export interface SignedInRole {
  id: string;
  role: Role;
  organisation: { id: string; odsCode: string; name: string };
  clinicians: { id: string; username: string }[];
}

/** A signed-in client of the test server. */
export interface TestSession {
  readonly token: string;
  readonly userId: string;
  readonly username: string;
  readonly roleAssignments: readonly SignedInRole[];
  /** Posts a GraphQL operation with this session's token (in the cookie unless said otherwise). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { via?: TokenDelivery; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Chooses the role to act as; throws when refused. */
  selectRole(roleAssignmentId: string, onBehalfOfUserId?: string | null): Promise<void>;
  /** Subscribes over graphql-ws with this session's cookie (see {@link TestServer.subscribeOnce}). */
  subscribeOnce<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { waitMs?: number; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T> | null>;
}

export interface TestServer {
  readonly db: TestDatabase;
  readonly url: string;
  /** The server's operational metrics (see http/metrics.ts). */
  readonly metrics: Registry;
  /** Posts a GraphQL operation to the running server, as a client would (signed out). */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /**
   * Subscribes over graphql-ws (with the given headers, for example a session cookie) and
   * resolves with the first result, or null when nothing arrives within `waitMs` (default 500):
   * a subscription that was accepted and is waiting for events.
   */
  subscribeOnce<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { waitMs?: number; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T> | null>;
  /** Signs in over HTTP; throws when refused. Selects no role unless `signIn` chose the only one. */
  signIn(username: string, password?: string): Promise<TestSession>;
  /**
   * Signs in as the first demo user holding `role` (or the named one) and acts as that role at
   * the user's organisation; a clinician admin acts for (or names) their first linked clinician,
   * as creating a referral needs. Needs
   * `seedDemo: true`.
   */
  signInAs(role: Role, options?: { username?: string }): Promise<TestSession>;
  close(): Promise<void>;
}

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      token
      user {
        id
        username
      }
      roleAssignments {
        id
        role
        organisation {
          id
          odsCode
          name
        }
        clinicians {
          id
          username
        }
      }
    }
  }
`;

const SELECT_ROLE = /* GraphQL */ `
  mutation SelectRole($id: ID!, $onBehalfOf: ID) {
    selectRole(roleAssignmentId: $id, onBehalfOfUserId: $onBehalfOf) {
      acting {
        roleAssignment {
          id
        }
      }
    }
  }
`;

/**
 * Starts the real HTTP server on a free port over a fresh test database, with the clock fixed
 * at `now`. `prepare` fills the database before the server starts; `seedDemo` loads the demo
 * directory and demo users first.
 */
export async function startTestServer(options: {
  now: Date;
  /** A clock to use instead of the fixed `now` (for tests that move time on). */
  clock?: () => Date;
  production?: boolean;
  seedDemo?: boolean;
  prepare?: (db: TestDatabase) => Promise<void>;
  sessions?: SessionSettings;
  loginRateLimits?: LoginRateLimits;
  redisUrl?: string | null;
  redisKeyPrefix?: string;
  queryLimits?: QueryLimits;
  /** Where the server logs (silent unless given). */
  log?: Logger;
  /** Booking settings (provider adapter, timeouts, hold minutes). */
  booking?: Partial<BookingSettings>;
  /** Booking guards (tests switch the application check off to prove the database's). */
  guards?: BookingGuards;
  /** An event bus to share (default: the server makes an in-process one, or Redis with redisUrl). */
  events?: EventBus;
  /**
   * Run as a second instance over another test server's database: the same database through
   * a connection pool of its own; nothing is seeded and closing leaves the database alone.
   */
  sharing?: TestDatabase;
}): Promise<TestServer> {
  const db: TestDatabase = options.sharing
    ? await (async () => {
        const orm = await openDatabase(options.sharing!.config);
        return { orm, config: options.sharing!.config, drop: () => orm.close(true) };
      })()
    : await createTestDatabase();
  let running: RunningServer | undefined;
  let metrics: Registry | undefined;
  try {
    if (options.seedDemo && !options.sharing) {
      await seedDemoData(db.orm.em.fork(), { today: ukDate(options.now), now: options.now });
      await seedDemoUsers(db.orm.em.fork(), { now: options.now });
    }
    await options.prepare?.(db);
    const server = await createServer({
      orm: db.orm,
      log: options.log ?? pino({ level: 'silent' }),
      production: options.production ?? false,
      webDist: null,
      clock: options.clock ?? (() => options.now),
      sessions: options.sessions,
      loginRateLimits: options.loginRateLimits,
      redisUrl: options.redisUrl ?? null,
      redisKeyPrefix: options.redisKeyPrefix,
      queryLimits: options.queryLimits,
      ...(options.booking ? { booking: options.booking } : {}),
      ...(options.guards ? { guards: options.guards } : {}),
      ...(options.events ? { events: options.events } : {}),
    });
    metrics = server.metrics;
    running = await server.listen(0, '127.0.0.1');
  } catch (error) {
    await db.drop();
    throw error;
  }
  const { url } = running;

  const post = async <T>(
    query: string,
    variables: Record<string, unknown> | undefined,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { response, body: (await response.json()) as GraphQLResponse<T> };
  };

  const subscribeOnce = <T>(
    query: string,
    variables: Record<string, unknown> = {},
    options: { waitMs?: number; headers?: Record<string, string> } = {},
  ): Promise<GraphQLResponse<T> | null> => {
    const headers = options.headers ?? {};
    /** The ws client, sending the session's headers with the upgrade request as a browser would. */
    class HeaderWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    }
    const client = createClient({
      url: `${url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: HeaderWebSocket,
      retryAttempts: 0,
      lazy: true,
    });
    return new Promise<GraphQLResponse<T> | null>((resolve, reject) => {
      let settled = false;
      const finish = (value: GraphQLResponse<T> | null, error?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        void client.dispose();
        if (error) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        else resolve(value);
      };
      const timer = setTimeout(() => finish(null), options.waitMs ?? 500);
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (result) => finish(result as GraphQLResponse<T>),
          error: (error) =>
            Array.isArray(error)
              ? finish({ errors: error as GraphQLResponse['errors'] })
              : finish(null, error),
          complete: () => finish(null),
        },
      );
    });
  };

  const signIn = async (username: string, password = DEMO_PASSWORD): Promise<TestSession> => {
    const { response, body } = await post<{
      signIn: { token: string; user: { id: string }; roleAssignments: SignedInRole[] };
    }>(SIGN_IN, { username, password });
    if (!body.data?.signIn) {
      throw new Error(`sign-in as ${username} refused: ${JSON.stringify(body.errors)}`);
    }
    const { token, user, roleAssignments } = body.data.signIn;
    const cookie = response.headers
      .getSetCookie()
      .map((c) => parseSetCookie(c))
      .find((c) => c.name === SESSION_COOKIE);
    if (cookie?.value !== token) throw new Error('sign-in did not set the session cookie');
    const session: TestSession = {
      token,
      userId: user.id,
      username,
      roleAssignments,
      async graphql(query, variables, options = {}) {
        const auth: Record<string, string> =
          options.via === 'bearer'
            ? { authorization: `Bearer ${token}` }
            : { cookie: `${SESSION_COOKIE}=${token}` };
        return (await post(query, variables, { ...auth, ...options.headers })).body as never;
      },
      subscribeOnce(query, variables, options = {}) {
        return subscribeOnce(query, variables, {
          ...options,
          headers: { ...options.headers, cookie: `${SESSION_COOKIE}=${token}` },
        });
      },
      async selectRole(roleAssignmentId, onBehalfOfUserId = null) {
        const result = await session.graphql(SELECT_ROLE, {
          id: roleAssignmentId,
          onBehalfOf: onBehalfOfUserId,
        });
        if (result.errors) {
          throw new Error(`selectRole refused: ${JSON.stringify(result.errors)}`);
        }
      },
    };
    return session;
  };

  return {
    db,
    url,
    metrics: metrics!,
    async graphql(query, variables, headers) {
      return (await post(query, variables, headers)).body as never;
    },
    signIn,
    subscribeOnce,
    async signInAs(role, options = {}) {
      const demo = DEMO_USERS.find((u) =>
        options.username ? u.username === options.username : u.roles.some((r) => r.role === role),
      );
      if (!demo) throw new Error(`no demo user holds ${role}`);
      const session = await signIn(demo.username);
      const assignment = session.roleAssignments.find((a) => a.role === role);
      if (!assignment) throw new Error(`${demo.username} does not hold ${role}`);
      // Clinician admins act for (or name) their first linked clinician.
      const onBehalfOf =
        roleInfo(role).actsOnBehalfOf !== 'NEVER' ? (assignment.clinicians[0]?.id ?? null) : null;
      await session.selectRole(assignment.id, onBehalfOf);
      return session;
    },
    async close() {
      await running.stop();
      await db.drop();
    },
  };
}
