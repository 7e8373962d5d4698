import { errorMessage } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { SESSION_COOKIE } from './session-cookie.js';

const NOW = new Date('2026-11-21T10:00:00Z');

interface ErrorBody {
  errors?: { message: string; extensions?: { code?: string } }[];
  error?: { code: string; message: string };
}

async function readJson(response: Response): Promise<ErrorBody> {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return (await response.json()) as ErrorBody;
}

const SEARCH_WITH_VARIABLES = /* GraphQL */ `
  query ($input: ServiceSearchInput!) {
    searchServices(input: $input) {
      totalCount
    }
  }
`;

const MISTYPED_PRIORITY = {
  patient: { ageYears: 54, sex: 'MALE', postcode: 'LS1 4AP' },
  priority: 'URGNT',
  specialty: 'CARDIOLOGY',
};

async function postGraphql(server: TestServer, body: unknown) {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return readJson(response);
}

describe('error shapes outside GraphQL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('answers a malformed JSON body to /graphql with a JSON BAD_REQUEST', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ specialties { code } }"',
    });
    expect(response.status).toBe(400);
    expect(await readJson(response)).toEqual({
      errors: [{ message: errorMessage('BAD_REQUEST'), extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers a body over the size limit with a JSON PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        variables: { x: 'a'.repeat(7 * 1024 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
    expect(await readJson(response)).toEqual({
      errors: [
        { message: errorMessage('PAYLOAD_TOO_LARGE'), extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    });
  });

  it('answers an unknown /api path with a JSON NOT_FOUND', async () => {
    for (const accept of ['application/json', 'text/html']) {
      const response = await fetch(`${server.url}/api/nothing-here`, { headers: { accept } });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toEqual({
        error: { code: 'NOT_FOUND', message: errorMessage('NOT_FOUND'), field: null },
      });
    }
  });

  it('answers a document id that is not a UUID with a JSON 404, without asking the database', async () => {
    const gp = await server.signInAs('REFERRING_CLINICIAN');
    for (const id of ['abc', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g']) {
      const response = await fetch(`${server.url}/api/documents/${encodeURIComponent(id)}`, {
        headers: { cookie: `${SESSION_COOKIE}=${gp.token}` },
      });
      expect(response.status).toBe(404);
      expect(await readJson(response)).toEqual({
        error: {
          code: 'REFERENCE_NOT_FOUND',
          message: errorMessage('REFERENCE_NOT_FOUND'),
          field: null,
        },
      });
    }
  });

  it('outside production, still suggests the field or enum value meant', async () => {
    const typo = await postGraphql(server, { query: '{ specialtie { code } }' });
    expect(typo.errors?.[0]?.message).toMatch(/Did you mean/);
    const variable = await postGraphql(server, {
      query: SEARCH_WITH_VARIABLES,
      variables: { input: MISTYPED_PRIORITY },
    });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('error messages in production', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, production: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('suggests no field for a misspelt one', async () => {
    const typo = await postGraphql(server, { query: '{ specialtie { code } }' });
    expect(typo.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(typo.errors?.[0]?.message).toBe('Cannot query field "specialtie" on type "Query".');
  });

  it('suggests no enum value for a variable of a wrong one', async () => {
    const variable = await postGraphql(server, {
      query: SEARCH_WITH_VARIABLES,
      variables: { input: MISTYPED_PRIORITY },
    });
    expect(variable.errors).toHaveLength(1);
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toMatch(/"URGNT"/);
    expect(variable.errors?.[0]?.message).not.toMatch(/Did you mean|URGENT/);
  });

  it('suggests no enum value written inline in the document', async () => {
    const inline = await postGraphql(server, {
      query: `{ searchServices(input: { patient: { ageYears: 54, sex: MALE, postcode: "LS1 4AP" }, priority: URGNT, specialty: "CARDIOLOGY" }) { totalCount } }`,
    });
    expect(inline.errors?.[0]?.message).toMatch(/URGNT/);
    expect(inline.errors?.[0]?.message).not.toMatch(/Did you mean|URGENT/);
  });
});
