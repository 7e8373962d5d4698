import { errorMessage } from '@open-ers/domain';
import { parseSetCookie } from 'cookie';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_SETTINGS } from '../../config.js';
import { createContextFactory } from '../../graphql/context.js';
import { SESSION_COOKIE } from '../../http/session-cookie.js';
import { createEventBus } from '../../realtime/event-bus.js';
import { DEMO_PASSWORD } from '../../seed/demo-users.js';
import { createOrganisation, createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordIdentityProvider } from './identity-provider.js';
import { User } from './user.entity.js';

const NOW = new Date('2026-11-21T10:00:00Z');

const SIGN_IN = /* GraphQL */ `
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      token
      sessionExpiresAt
      user {
        id
        username
        displayName
        professionalId
      }
      roleAssignments {
        id
        role
        roleName
        seesClinicalContent
        organisation {
          name
          odsCode
          kind
        }
      }
      acting {
        roleAssignment {
          role
        }
      }
    }
  }
`;

const ME = /* GraphQL */ `
  {
    me {
      user {
        username
      }
      roleAssignments {
        id
        role
        organisation {
          name
          odsCode
          kind
        }
        clinicians {
          id
          username
        }
      }
      acting {
        roleAssignment {
          role
          organisation {
            odsCode
          }
        }
        onBehalfOf {
          username
        }
      }
      sessionExpiresAt
    }
  }
`;

const SELECT_ROLE = /* GraphQL */ `
  mutation SelectRole($id: ID!, $onBehalfOf: ID) {
    selectRole(roleAssignmentId: $id, onBehalfOfUserId: $onBehalfOf) {
      acting {
        roleAssignment {
          role
        }
        onBehalfOf {
          username
        }
      }
    }
  }
`;

/** Any operation that needs a chosen role: searching the directory. */
const NEEDS_ROLE = /* GraphQL */ `
  {
    searchServices(
      input: {
        patient: { ageYears: 54, sex: MALE, postcode: "LS1 4AP" }
        priority: URGENT
        specialty: "CARDIOLOGY"
      }
      first: 1
    ) {
      totalCount
    }
  }
`;

interface MeData {
  me: {
    user: { username: string };
    roleAssignments: {
      id: string;
      role: string;
      organisation: { name: string; odsCode: string; kind: string };
      clinicians: { id: string; username: string }[];
    }[];
    acting: {
      roleAssignment: { role: string; organisation: { odsCode: string } };
      onBehalfOf: { username: string } | null;
    } | null;
    sessionExpiresAt: string;
  } | null;
}

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions?.code;

/** Log lines written by a pino logger, parsed. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('signing in and choosing a role (demo users)', () => {
  let server: TestServer;
  const captured = capturedLog();

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true, log: captured.log });
  });

  afterAll(async () => {
    await server?.close();
  });

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('signs in with the demo password: an HttpOnly, SameSite=Lax session cookie for the web app and the same token for API clients', async () => {
    const response = await post({
      query: SIGN_IN,
      variables: { username: 'rc.leeds', password: DEMO_PASSWORD },
    });
    const body = (await response.json()) as {
      data: { signIn: { token: string; sessionExpiresAt: string; user: { username: string } } };
    };
    expect(body.data.signIn.user.username).toBe('rc.leeds');
    const raw = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    const cookie = parseSetCookie(raw);
    expect(cookie.value).toBe(body.data.signIn.token);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('lax');
    expect(cookie.path).toBe('/');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.maxAge).toBe(12 * 60 * 60);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // 8 hours idle from sign-in.
    expect(body.data.signIn.sessionExpiresAt).toBe('2026-11-21T18:00:00.000Z');
  });

  it('acts as the only role of a user who holds one, at their organisation', async () => {
    const gp = await server.signIn('rc.leeds');
    const me = await gp.graphql<MeData>(ME);
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({
      user: { username: 'rc.leeds' },
      roleAssignments: [
        { role: 'REFERRING_CLINICIAN', organisation: { kind: 'GP_PRACTICE', odsCode: 'A80000' } },
      ],
      acting: {
        roleAssignment: { role: 'REFERRING_CLINICIAN', organisation: { odsCode: 'A80000' } },
        onBehalfOf: null,
      },
    });
    expect((await gp.graphql(NEEDS_ROLE)).errors).toBeUndefined();
  });

  it('asks a user with two roles to choose one before acting, then acts as the chosen one', async () => {
    const consultant = await server.signIn('spc2.leeds');
    expect(consultant.roleAssignments.map((a) => a.role).sort()).toEqual([
      'SERVICE_DEFINER',
      'SERVICE_PROVIDER_CLINICIAN',
    ]);
    const before = await consultant.graphql(NEEDS_ROLE);
    expect(codeOf(before)).toBe('ROLE_NOT_SELECTED');
    expect(before.errors?.[0]?.message).toBe(errorMessage('ROLE_NOT_SELECTED'));
    const definer = consultant.roleAssignments.find((a) => a.role === 'SERVICE_DEFINER')!;
    const chosen = await consultant.graphql(SELECT_ROLE, { id: definer.id });
    expect(chosen.errors).toBeUndefined();
    expect(chosen.data).toEqual({
      selectRole: { acting: { roleAssignment: { role: 'SERVICE_DEFINER' }, onBehalfOf: null } },
    });
    expect((await consultant.graphql(NEEDS_ROLE)).errors).toBeUndefined();
  });

  it('refuses a wrong password and an unknown username with the same plain-English INVALID_CREDENTIALS', async () => {
    const wrong = await server.graphql(SIGN_IN, { username: 'ra.leeds', password: 'guess' });
    const unknown = await server.graphql(SIGN_IN, { username: 'nobody', password: 'guess' });
    for (const result of [wrong, unknown]) {
      expect(result.data).toBeNull();
      expect(result.errors).toEqual([
        {
          message: errorMessage('INVALID_CREDENTIALS'),
          path: ['signIn'],
          locations: expect.anything(),
          extensions: { code: 'INVALID_CREDENTIALS' },
        },
      ]);
    }
  });

  it('matches usernames without regard to case or surrounding spaces', async () => {
    const session = await server.signIn('  RA.Leeds ');
    expect(session.username).toBe('  RA.Leeds ');
    const me = await session.graphql<MeData>(ME);
    expect(me.data!.me!.user.username).toBe('ra.leeds');
  });

  it('refuses to act as a role assignment that belongs to someone else', async () => {
    const gp = await server.signIn('rc.leeds');
    const other = await server.signIn('ra.leeds');
    const result = await other.graphql(SELECT_ROLE, { id: gp.roleAssignments[0]!.id });
    expect(codeOf(result)).toBe('FORBIDDEN');
  });

  it('makes a provider clinician admin name a linked clinician, and only a linked one', async () => {
    const admin = await server.signIn('spca.leeds');
    const assignment = admin.roleAssignments[0]!;
    expect(assignment.role).toBe('SERVICE_PROVIDER_CLINICIAN_ADMIN');
    expect(assignment.clinicians.map((c) => c.username)).toEqual(['spc.leeds']);
    expect(codeOf(await admin.graphql(NEEDS_ROLE))).toBe('ROLE_NOT_SELECTED');

    expect(codeOf(await admin.graphql(SELECT_ROLE, { id: assignment.id }))).toBe(
      'ON_BEHALF_OF_REQUIRED',
    );
    // A clinician at the same trust who is not linked, and one at another trust.
    const unlinked = await server.signIn('spc2.leeds');
    const elsewhere = await server.signIn('spc.bradford');
    for (const clinician of [unlinked, elsewhere]) {
      const result = await admin.graphql(SELECT_ROLE, {
        id: assignment.id,
        onBehalfOf: clinician.userId,
      });
      expect(codeOf(result)).toBe('NOT_LINKED_CLINICIAN');
    }
    const linked = assignment.clinicians[0]!;
    const chosen = await admin.graphql(SELECT_ROLE, { id: assignment.id, onBehalfOf: linked.id });
    expect(chosen.errors).toBeUndefined();
    const me = await admin.graphql<MeData>(ME);
    expect(me.data!.me!.acting).toEqual({
      roleAssignment: {
        role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        organisation: { odsCode: 'R00' },
      },
      onBehalfOf: { username: 'spc.leeds' },
    });
  });

  it('lets a referring clinician admin act without naming a clinician, and lists the ones they may name', async () => {
    const admin = await server.signIn('rca.leeds');
    const me = await admin.graphql<MeData>(ME);
    expect(me.data!.me!.acting!.roleAssignment.role).toBe('REFERRING_CLINICIAN_ADMIN');
    expect(me.data!.me!.roleAssignments[0]!.clinicians.map((c) => c.username)).toEqual([
      'rc.leeds',
    ]);
    expect((await admin.graphql(NEEDS_ROLE)).errors).toBeUndefined();
  });

  it('accepts the session token as a bearer token from API clients', async () => {
    const gp = await server.signIn('rc.leeds');
    const me = await gp.graphql<MeData>(ME, {}, { via: 'bearer' });
    expect(me.data!.me!.user.username).toBe('rc.leeds');
    expect((await gp.graphql(NEEDS_ROLE, {}, { via: 'bearer' })).errors).toBeUndefined();
  });

  it('treats an unknown token as an ended session, and no token (or another scheme) as signed out', async () => {
    const forged = { authorization: `Bearer ${'A'.repeat(43)}` };
    expect(codeOf(await server.graphql(NEEDS_ROLE, {}, forged))).toBe('SESSION_EXPIRED');
    expect(codeOf(await server.graphql(NEEDS_ROLE, {}, { authorization: 'Basic abc' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await server.graphql(NEEDS_ROLE))).toBe('UNAUTHENTICATED');
    expect((await server.graphql<MeData>(ME)).data).toEqual({ me: null });
  });

  it('signs out: clears the cookie and revokes the token, wherever it was used', async () => {
    const gp = await server.signIn('rc.leeds');
    const response = await post(
      { query: 'mutation { signOut }' },
      { cookie: `${SESSION_COOKIE}=${gp.token}` },
    );
    expect(await response.json()).toEqual({ data: { signOut: true } });
    const cleared = parseSetCookie(
      response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!,
    );
    expect(cleared.value).toBe('');
    expect(cleared.maxAge).toBe(0);
    expect(codeOf(await gp.graphql(NEEDS_ROLE, {}, { via: 'bearer' }))).toBe('SESSION_EXPIRED');
    expect((await gp.graphql<MeData>(ME)).data).toEqual({ me: null });
    // Signing out again, or while signed out, is harmless.
    expect((await gp.graphql('mutation { signOut }')).data).toEqual({ signOut: true });
  });

  it('ends the previous session when a client signs in again', async () => {
    const first = await server.signIn('rc.leeds');
    const again = await first.graphql<{ signIn: { token: string } }>(SIGN_IN, {
      username: 'ra.leeds',
      password: DEMO_PASSWORD,
    });
    expect(again.data!.signIn.token).not.toBe(first.token);
    expect(codeOf(await first.graphql(NEEDS_ROLE, {}, { via: 'bearer' }))).toBe('SESSION_EXPIRED');
  });

  it('logs sign-ins and refusals as structured events, never with the password', () => {
    const events = captured.lines.map((l) => l.event);
    expect(events).toContain('sign_in');
    expect(events).toContain('sign_in_failed');
    expect(events).toContain('authorization_refused');
    const failed = captured.lines.find((l) => l.event === 'sign_in_failed')!;
    expect(failed).toMatchObject({ username: 'ra.leeds', reason: 'wrong_password' });
    expect(typeof failed.requestId).toBe('string');
    const refused = captured.lines.find(
      (l) => l.event === 'authorization_refused' && l.code === 'ROLE_NOT_SELECTED',
    )!;
    expect(refused).toMatchObject({ field: 'Query.searchServices', rules: ['ANY_ROLE'] });
    const everything = JSON.stringify(captured.lines);
    expect(everything).not.toContain(DEMO_PASSWORD);
    expect(everything).not.toContain('"guess"');
  });
});

describe('session lifetime', () => {
  let server: TestServer;
  let clock = NOW;
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
  const HOUR = 60 * 60 * 1000;

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      clock: () => clock,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        for (const username of ['idle', 'busy', 'leaver']) {
          await createUser(em, {
            username,
            roles: [{ role: 'REFERRING_ADMIN', organisation: practice }],
          });
        }
      },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('ends a session after 8 hours without a request, counting from its last request', async () => {
    clock = NOW;
    const used = await server.signIn('idle', TEST_PASSWORD);
    advance(6 * HOUR);
    expect((await used.graphql<MeData>(ME)).data!.me).not.toBeNull();
    // 11h59m after sign-in but under 8 hours since the last request: still going.
    advance(6 * HOUR - 60_000);
    expect((await used.graphql<MeData>(ME)).data!.me).not.toBeNull();

    const idle = await server.signIn('idle', TEST_PASSWORD);
    advance(8 * HOUR - 1000);
    expect((await idle.graphql<MeData>(ME)).data!.me).not.toBeNull();
    const later = await server.signIn('idle', TEST_PASSWORD);
    advance(8 * HOUR);
    expect((await later.graphql<MeData>(ME)).data!.me).toBeNull();
    expect(codeOf(await later.graphql(NEEDS_ROLE))).toBe('SESSION_EXPIRED');
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    clock = NOW;
    const session = await server.signIn('busy', TEST_PASSWORD);
    for (let hours = 0; hours < 11; hours++) {
      advance(HOUR);
      expect(
        (await session.graphql<MeData>(ME)).data!.me,
        `after ${hours + 1} hours`,
      ).not.toBeNull();
    }
    advance(HOUR);
    expect((await session.graphql<MeData>(ME)).data!.me).toBeNull();
  });

  it('stops the sessions of a user who is made inactive', async () => {
    clock = NOW;
    const session = await server.signIn('leaver', TEST_PASSWORD);
    await server.db.orm.em.fork().nativeUpdate(User, { username: 'leaver' }, { active: false });
    expect(codeOf(await session.graphql(NEEDS_ROLE))).toBe('SESSION_EXPIRED');
    await expect(server.signIn('leaver', TEST_PASSWORD)).rejects.toThrow(/INVALID_CREDENTIALS/);
  });
});

describe('login rate limiting over HTTP', () => {
  const signInAttempt = (server: TestServer, username: string, password: string) =>
    server.graphql(SIGN_IN, { username, password });

  it('refuses a sixth attempt after 5 failures, even with the right password, and leaves other users alone', async () => {
    const server = await startTestServer({
      now: NOW,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        for (const username of ['target', 'bystander']) {
          await createUser(em, {
            username,
            roles: [{ role: 'REFERRING_ADMIN', organisation: practice }],
          });
        }
      },
    });
    try {
      for (let i = 0; i < 5; i++) {
        expect(codeOf(await signInAttempt(server, 'target', `wrong ${i}`))).toBe(
          'INVALID_CREDENTIALS',
        );
      }
      const limited = await signInAttempt(server, 'target', TEST_PASSWORD);
      expect(codeOf(limited)).toBe('RATE_LIMITED');
      expect(limited.errors?.[0]?.message).toMatch(
        /^Too many failed sign-in attempts\. Wait \d+ minutes/,
      );
      expect(limited.errors?.[0]?.extensions?.details?.retryAfterSeconds).toBeGreaterThan(0);
      await expect(server.signIn('bystander', TEST_PASSWORD)).resolves.toBeDefined();
    } finally {
      await server.close();
    }
  });

  it('shares the count between server instances through Redis when REDIS_URL is set', async () => {
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redisKeyPrefix = `open-ers-test-${randomUUID()}`;
    const prepare = async ({ orm }: { orm: TestServer['db']['orm'] }) => {
      const em = orm.em.fork();
      const practice = await createOrganisation(em, 'GP_PRACTICE');
      await createUser(em, {
        username: 'shared',
        roles: [{ role: 'REFERRING_ADMIN', organisation: practice }],
      });
    };
    const first = await startTestServer({ now: NOW, redisUrl, redisKeyPrefix, prepare });
    const second = await startTestServer({ now: NOW, redisUrl, redisKeyPrefix, prepare });
    try {
      for (let i = 0; i < 5; i++) {
        await signInAttempt(i % 2 ? first : second, 'shared', `wrong ${i}`);
      }
      // Every failure was counted in Redis, none in a server's own fallback counters (a server
      // that took requests before its Redis connection was up would count some in-process).
      const redis = new Redis(redisUrl);
      try {
        const keys = await redis.keys(`${redisKeyPrefix}:login-fail-user-ip:*`);
        expect(keys).toHaveLength(1);
        expect(Number(await redis.get(keys[0]!))).toBe(5);
      } finally {
        redis.disconnect();
      }
      expect(codeOf(await signInAttempt(first, 'shared', TEST_PASSWORD))).toBe('RATE_LIMITED');
      expect(codeOf(await signInAttempt(second, 'shared', TEST_PASSWORD))).toBe('RATE_LIMITED');
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('the session cookie in production', () => {
  it('is Secure', async () => {
    const server = await startTestServer({
      now: NOW,
      production: true,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        await createUser(em, {
          username: 'prod',
          roles: [{ role: 'REFERRING_ADMIN', organisation: practice }],
        });
      },
    });
    try {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: SIGN_IN,
          variables: { username: 'prod', password: TEST_PASSWORD },
        }),
      });
      const cookie = parseSetCookie(response.headers.getSetCookie()[0]!);
      expect(cookie).toMatchObject({
        name: SESSION_COOKIE,
        httpOnly: true,
        secure: true,
        sameSite: 'lax',
      });
    } finally {
      await server.close();
    }
  });
});

describe('building a request context', () => {
  it('finds the session, user and acting role in one query, and none without a token', async () => {
    const server = await startTestServer({
      now: NOW,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        await createUser(em, {
          username: 'counted',
          roles: [{ role: 'REFERRING_CLINICIAN', organisation: practice }],
        });
      },
    });
    try {
      const session = await server.signIn('counted', TEST_PASSWORD);
      const { orm } = server.db;
      const log = pino({ level: 'silent' });
      const events = createEventBus({ log });
      const createContext = createContextFactory({
        orm,
        log,
        clock: () => NOW,
        sessions: DEFAULT_SESSION_SETTINGS,
        passwords: new PasswordIdentityProvider(new PasswordHasher(), LoginRateLimiter.inMemory()),
        events,
        settings: { changes: events.changes },
      });
      const queries: string[] = [];
      const knex = orm.em.getConnection().getKnex();
      const count = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', count);
      try {
        const transport = { issue() {}, clear() {} };
        const context = await createContext({
          requestId: 'r1',
          token: session.token,
          client: { ip: '127.0.0.1' },
          sessionTransport: transport,
        });
        expect(context.actor).toMatchObject({
          userId: session.userId,
          role: 'REFERRING_CLINICIAN',
        });
        expect(queries).toHaveLength(1);
        queries.length = 0;
        const anonymous = await createContext({
          requestId: 'r2',
          token: null,
          client: { ip: '127.0.0.1' },
          sessionTransport: transport,
        });
        expect(anonymous.actor).toBeNull();
        expect(queries).toHaveLength(0);
      } finally {
        knex.off('query', count);
        await events.close();
      }
    } finally {
      await server.close();
    }
  });
});
