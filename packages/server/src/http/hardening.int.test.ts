import { errorMessage } from '@open-ers/domain';
import { validate, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SERVER_PACKAGE_ROOT } from '../config.js';
import { DEFAULT_QUERY_LIMITS, queryLimitRules } from '../graphql/limits.js';
import { createSchema } from '../graphql/schema.js';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';
import { UPLOAD_HEADER } from '../modules/referrals/index.js';
import { SESSION_COOKIE } from './session-cookie.js';

const NOW = new Date('2026-11-21T10:00:00Z');

const SEARCH = /* GraphQL */ `
  {
    searchServices(
      input: {
        patient: { ageYears: 54, sex: MALE, postcode: "LS1 4AP" }
        priority: URGENT
        specialty: "CARDIOLOGY"
      }
    ) {
      edges {
        node {
          service {
            name
            provider {
              name
            }
          }
        }
      }
    }
  }
`;

interface RawResponse {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(
  server: TestServer,
  query: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as RawResponse['body'] };
}

function expectTooComplex(response: RawResponse, reason: RegExp) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([
    {
      message: errorMessage('QUERY_TOO_COMPLEX'),
      extensions: { code: 'QUERY_TOO_COMPLEX', details: { reason: expect.stringMatching(reason) } },
    },
  ]);
}

describe('query limits', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses more aliases than the limit before running anything', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: specialties { code }`).join(' ')} }`;
    expect((await post(server, aliases(DEFAULT_QUERY_LIMITS.maxAliases))).status).toBe(200);
    expectTooComplex(await post(server, aliases(DEFAULT_QUERY_LIMITS.maxAliases + 1)), /aliases/i);
  });

  it('refuses a document with more tokens than the limit before parsing all of it', async () => {
    const huge = `{ ${'__typename '.repeat(DEFAULT_QUERY_LIMITS.maxTokens + 1)}}`;
    expectTooComplex(await post(server, huge), /more than 2000 tokens/);
  });

  it('refuses an operation of a signed-out client on its size, before authorization runs', async () => {
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `s${i}: searchServices(input: $input) { totalCount }`,
    );
    const response = await post(
      server,
      `query ($input: ServiceSearchInput!) { ${aliases.join(' ')} }`,
    );
    // Not UNAUTHENTICATED: the operation never reached a resolver.
    expectTooComplex(response, /aliases/i);
  });
});

describe('query limits set lower', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      queryLimits: { ...DEFAULT_QUERY_LIMITS, maxDepth: 4, maxCost: 40 },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('refuses an operation nested deeper than the limit', async () => {
    expectTooComplex(await post(server, SEARCH), /depth limit of 4 exceeded, found 6/);
  });

  it('refuses an operation above the cost budget, and lets a cheap one through', async () => {
    const wide = `{ ${Array.from({ length: 8 }, (_, i) => `x${i}: clinicTypes { code name specialtyCode }`).join(' ')} }`;
    expectTooComplex(await post(server, wide), /cost/i);
    expect((await post(server, '{ specialties { code } }')).status).toBe(200);
  });
});

describe('the web app’s operations', () => {
  it('are all within the default limits', async () => {
    // The typed documents graphql-codegen generates for the web app, read as the JSON they are.
    const file = path.resolve(SERVER_PACKAGE_ROOT, '..', 'web', 'src', 'gql', 'graphql.ts');
    const documents = [
      ...readFileSync(file, 'utf8').matchAll(
        /^export const (\w+Document) = (\{.*\}) as unknown as/gm,
      ),
    ].map(([, name, json]) => ({ name: name!, document: JSON.parse(json!) as DocumentNode }));
    expect(documents.length).toBeGreaterThan(0);
    const schema = await createSchema();
    for (const { name, document } of documents) {
      expect(validate(schema, document, queryLimitRules()), name).toEqual([]);
    }
  });
});

describe('cross-site request forgery', () => {
  let server: TestServer;
  let gp: TestSession;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    gp = await server.signInAs('REFERRING_CLINICIAN');
  });

  afterAll(async () => {
    await server?.close();
  });

  const stillSignedIn = async () => {
    const me = await gp.graphql<{ me: { user: { id: string } } | null }>('{ me { user { id } } }');
    return me.data?.me != null;
  };

  it.each([
    ['application/x-www-form-urlencoded', 'query=mutation%20%7B%20signOut%20%7D'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\nmutation { signOut }\r\n--x--',
    ],
    ['text/plain', JSON.stringify({ query: 'mutation { signOut }' })],
  ])(
    'refuses a cross-site form post (%s) that carries the session cookie, and does nothing',
    async (contentType, body) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          cookie: `${SESSION_COOKIE}=${gp.token}`,
          origin: 'https://attacker.example',
        },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/CSRF/i);
      expect(await stillSignedIn()).toBe(true);
    },
  );

  it('refuses a simple cross-site GET that carries the session cookie', async () => {
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('{ me { user { id } } }')}`,
      {
        headers: { cookie: `${SESSION_COOKIE}=${gp.token}` },
      },
    );
    expect(response.status).toBe(400);
  });

  it('accepts the same-origin JSON request the web app sends', async () => {
    expect(await stillSignedIn()).toBe(true);
  });
});

describe('subscriptions over WebSocket', () => {
  let server: TestServer;
  let gp: TestSession;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    gp = await server.signInAs('REFERRING_CLINICIAN');
  });

  afterAll(async () => {
    await server?.close();
  });

  const upgrade = (headers: Record<string, string>) =>
    new Promise<number | 'open'>((resolve) => {
      const socket = new WebSocket(
        `${server.url.replace(/^http/, 'ws')}/graphql`,
        'graphql-transport-ws',
        {
          headers,
        },
      );
      socket.on('open', () => {
        socket.close();
        resolve('open');
      });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('error', () => undefined);
    });

  it('refuses an upgrade from another site’s page, even with the session cookie', async () => {
    const cookie = `${SESSION_COOKIE}=${gp.token}`;
    expect(await upgrade({ cookie, origin: 'https://attacker.example' })).toBe(401);
    expect(await upgrade({ cookie, origin: server.url })).toBe('open');
    // Clients that are not browsers send no Origin.
    expect(await upgrade({ cookie })).toBe('open');
  });

  it('knows the signed-in user from the upgrade’s cookie, and refuses a signed-out client', async () => {
    const accepted = await gp.subscribeOnce('subscription { worklistsChanged { ubrn } }');
    expect(accepted).toBeNull(); // subscribed, waiting for changes
    const refused = await server.subscribeOnce('subscription { worklistsChanged { ubrn } }');
    expect(refused?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(refused?.errors?.[0]?.message).toBe(errorMessage('UNAUTHENTICATED'));
  });

  it('applies the same size limits as HTTP', async () => {
    const aliases = Array.from(
      { length: DEFAULT_QUERY_LIMITS.maxAliases + 1 },
      (_, i) => `a${i}: ubrn`,
    );
    const result = await gp.subscribeOnce(
      `subscription { worklistsChanged { ${aliases.join(' ')} } }`,
    );
    expect(result?.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(result?.errors?.[0]?.message).toBe(errorMessage('QUERY_TOO_COMPLEX'));
  });
});

describe('document downloads and uploads over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  const upload = (headers: Record<string, string>) => {
    const form = new FormData();
    form.append('file', new Blob(['Referral letter'], { type: 'text/plain' }), 'letter.txt');
    return fetch(`${server.url}/api/documents`, { method: 'POST', headers, body: form });
  };

  it('knows the user from the session cookie, refuses signed-out clients, and keeps documents within the organisation', async () => {
    const gp = await server.signInAs('REFERRING_CLINICIAN');
    const cookie = (session: TestSession) => ({ cookie: `${SESSION_COOKIE}=${session.token}` });
    expect((await upload({ [UPLOAD_HEADER]: '1' })).status).toBe(401);
    const uploaded = await upload({ ...cookie(gp), [UPLOAD_HEADER]: '1' });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };

    const download = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/documents/${id}`, { headers });
    expect((await download({})).status).toBe(401);
    const own = await download(cookie(gp));
    expect(own.status).toBe(200);
    expect(await own.text()).toBe('Referral letter');
    const elsewhere = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.bradford' });
    expect((await download(cookie(elsewhere))).status).toBe(404);
    expect((await download({ authorization: `Bearer ${gp.token}` })).status).toBe(200);
  });
});

describe('kept-alive connections', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
  });

  afterAll(async () => {
    await server?.close();
  });

  /**
   * A server that times out an idle connection before its client does resets the request the
   * client sends on it at that moment (on a loaded machine the two timers run late together).
   * The server keeps idle connections longer than clients and load balancers keep theirs (60 s
   * is common) and says so, so clients always close first.
   */
  it('keeps an idle connection open longer than clients do, and tells them how long', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const timeout = /timeout=(\d+)/.exec(response.headers.get('keep-alive') ?? '')?.[1];
    expect(Number(timeout)).toBeGreaterThan(60);
  });
});
