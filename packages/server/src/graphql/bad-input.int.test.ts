import type { Role } from '@open-ers/domain';
import { getNamedType, getNullableType, isListType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  argumentPositions,
  emittedSchema,
  NO_POOLS,
  requestWithValueAt,
  schemaOperations,
  type FuzzRequest,
} from '../harness/fuzz-inputs.js';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { UPLOAD_HEADER } from '../modules/referrals/documents.http.js';
import { DEMO_USERS } from '../seed/demo-users.js';
import { SeededRandom } from '../seed/random.js';
import { ACCESS_MATRIX } from '../test/access-matrix.js';
import {
  startTestServer,
  type GraphQLResponse,
  type TestServer,
  type TestSession,
} from '../test/test-server.js';
import { idKind } from './argument-guard.js';

const NOW = new Date('2026-11-21T10:00:00Z');

/** A template and a definition that are valid but for what each case puts in them. */
const TEMPLATE = {
  label: 'Mondays',
  weekdays: [1],
  startTime: '09:00',
  sessionMinutes: 60,
  slotMinutes: 15,
  priorities: ['ROUTINE'],
  validFrom: '2026-12-07',
};

/** The service definer's operations that take an id, each with the id as `$id`. */
const BY_ID: [string, string, Record<string, unknown>][] = [
  ['definedService', 'query ($id: ID!) { definedService(id: $id) { id } }', {}],
  [
    'publishService',
    'mutation ($id: ID!) { publishService(id: $id, expectedVersion: 1) { id } }',
    {},
  ],
  [
    'retireService',
    'mutation ($id: ID!) { retireService(id: $id, expectedVersion: 1, effectiveTo: "2027-01-01") { id } }',
    {},
  ],
  [
    'amendSite',
    'mutation ($id: ID!) { amendSite(id: $id, input: { odsCode: "RX9", name: "n", addressLine: "a", town: "t", postcode: "LS1 4AP" }) { id } }',
    {},
  ],
  ['schedules', 'query ($id: ID!) { schedules(serviceId: $id) { id } }', {}],
  [
    'createSchedule',
    'mutation ($id: ID!, $t: SessionTemplateInput!) { createSchedule(serviceId: $id, input: $t) { id } }',
    { t: TEMPLATE },
  ],
  ['endSchedule', 'mutation ($id: ID!) { endSchedule(id: $id, validTo: "2027-01-01") { id } }', {}],
  ['publishSlots', 'mutation ($id: ID!) { publishSlots(serviceId: $id) { created } }', {}],
  [
    'slotCalendar',
    'query ($id: ID!) { slotCalendar(serviceId: $id, from: "2026-12-07", to: "2026-12-13") { date } }',
    {},
  ],
  [
    'blockSlots',
    'mutation ($id: ID!) { blockSlots(input: { serviceId: $id, slotIds: [], reason: "TRAINING" }) { changed } }',
    {},
  ],
  [
    'cancelSlots',
    'mutation ($id: ID!) { cancelSlots(input: { serviceId: $id, slotIds: [], reason: "CLINIC_CANCELLED" }) { changed } }',
    {},
  ],
];

describe('bad input to the slot-supply operations', () => {
  let server: TestServer;
  let definer: TestSession;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    definer = await server.signInAs('SERVICE_DEFINER');
  });

  afterAll(async () => {
    await server?.close();
  });

  // Regression: on PostgreSQL a non-UUID id reached a uuid column, and on SQLite a NUL byte broke
  // the statement; both answered INTERNAL_SERVER_ERROR.
  it.each(BY_ID)(
    '%s: an id that is not a UUID is REFERENCE_NOT_FOUND',
    async (_name, query, extra) => {
      for (const id of ['abc', 'x'.repeat(10_000), "1' or '1'='1"]) {
        const answer = await definer.graphql(query, { id, ...extra });
        expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['REFERENCE_NOT_FOUND']);
      }
    },
  );

  it.each(BY_ID)(
    '%s: a NUL byte is INVALID_CHARACTERS, refused before it runs',
    async (_name, query, extra) => {
      const answer = await definer.graphql(query, { id: 'a\u0000b', ...extra });
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0]!.extensions).toMatchObject({
        code: 'INVALID_CHARACTERS',
        field: 'id',
      });
    },
  );

  it('refuses a control character anywhere in the variables or the document, naming where', async () => {
    const feed = await definer.graphql(
      'mutation ($slots: [FedSlotInput!]!) { feedSlots(slots: $slots) { created } }',
      {
        slots: [
          {
            externalId: 'PAS\u0000-1',
            serviceId: '00000000-0000-4000-8000-000000000000',
            startAt: '2027-03-01T09:00:00Z',
            endAt: '2027-03-01T09:15:00Z',
            priorities: ['ROUTINE'],
          },
        ],
      },
    );
    expect(feed.errors![0]!.extensions).toMatchObject({
      code: 'INVALID_CHARACTERS',
      field: 'slots.0.externalId',
    });
    const inline = await definer.graphql('{ definedServices(text: "a\\u0000b") { id } }');
    expect(inline.errors![0]!.extensions).toMatchObject({ code: 'INVALID_CHARACTERS' });
    // Line breaks and tabs in free text are fine.
    const text = await definer.graphql('query ($t: String) { definedServices(text: $t) { id } }', {
      t: 'Arrhythmia\n\tclinic',
    });
    expect(text.errors).toBeUndefined();
  });
});

/** A demo role the operation's rule lets through (null: signed out is enough). */
function allowedRole(operation: string): Role | null {
  const rule = ACCESS_MATRIX.find((c) => c.operation === operation)?.allowed;
  if (!rule || rule === 'PUBLIC') return null;
  if (rule === 'SIGNED_IN' || rule === 'ANY_ROLE') return 'REFERRING_CLINICIAN';
  const role = rule.find((r) => DEMO_USERS.some((u) => u.roles.some((held) => held.role === r)));
  if (!role) throw new Error(`no demo user may call ${operation}`);
  return role;
}

/** Every `String` and `ID` position of every operation's arguments, with what it must answer. */
const STRING_POSITIONS = schemaOperations(emittedSchema()).flatMap(([kind, field]) =>
  argumentPositions(field.args)
    .filter((p) => ['String', 'ID'].includes(getNamedType(p.type).name))
    // A list's own position is its element's (GraphQL makes a single value a list of one).
    .filter((p) => !isListType(getNullableType(p.type)))
    .map((position) => ({
      kind,
      field,
      position,
      uuid: getNamedType(position.type).name === 'ID' && idKind(position.name) === 'UUID',
      inForm: position.steps.some((s) => getNamedType(s.type).name === 'ServiceDefinitionInput'),
      label: `${kind}.${field.name}(${position.path})`,
    })),
);

describe('bad input to every operation, refused at the edge from the schema’s types', () => {
  let server: TestServer;
  const sessions = new Map<Role, TestSession>();

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
  });

  afterAll(async () => {
    await server?.close();
  });

  /** Calls the operation as a role its rule lets through: over graphql-ws for a subscription. */
  async function call(request: FuzzRequest) {
    const role = allowedRole(request.operation);
    let session: TestSession | null = null;
    if (role) {
      if (!sessions.has(role)) sessions.set(role, await server.signInAs(role));
      session = sessions.get(role)!;
    }
    if (request.operation.startsWith('Subscription.')) {
      return session
        ? session.subscribeOnce(request.document, request.variables, { waitMs: 5_000 })
        : server.subscribeOnce(request.document, request.variables, { waitMs: 5_000 });
    }
    return session
      ? session.graphql(request.document, request.variables)
      : server.graphql(request.document, request.variables);
  }

  const refusals = (answer: GraphQLResponse | null) =>
    answer?.errors?.map((e) => [e.extensions?.code, e.extensions?.field]);

  // Regression (issue 10): a string that is not a UUID in an id argument (selectRole's
  // roleAssignmentId, holdSlot's slotId, createReferral's documentIds, …) reached a PostgreSQL
  // uuid column and answered INTERNAL_SERVER_ERROR, logging the SQL at error level.
  it.each(STRING_POSITIONS.filter((p) => p.uuid).map((p) => [p.label, p] as const))(
    '%s: an id that is not a UUID is REFERENCE_NOT_FOUND, naming where',
    async (_label, { kind, field, position }) => {
      const request = requestWithValueAt(
        kind,
        field,
        position,
        'abc',
        new SeededRandom(1),
        NO_POOLS,
      );
      expect(refusals(await call(request))).toEqual([['REFERENCE_NOT_FOUND', position.path]]);
    },
  );

  // Regression (fuzz harness): an empty id reached the database from selectRole, releaseSlot,
  // deferToProvider, bookIndirectly, changeShortlist, createAdviceRequest and createReferral.
  // Only a form's input (the service definition) leaves it to the operation's own validation.
  it.each(STRING_POSITIONS.filter((p) => p.uuid && !p.inForm).map((p) => [p.label, p] as const))(
    '%s: an empty id is REFERENCE_NOT_FOUND, naming where',
    async (_label, p) => {
      const request = requestWithValueAt(
        p.kind,
        p.field,
        p.position,
        '',
        new SeededRandom(1),
        NO_POOLS,
      );
      expect(refusals(await call(request))).toEqual([['REFERENCE_NOT_FOUND', p.position.path]]);
    },
  );

  it.each(STRING_POSITIONS.map((p) => [p.label, p] as const))(
    '%s: a 100 KB string is refused before it reaches a column',
    async (_label, { kind, field, position, uuid }) => {
      const huge = 'x'.repeat(100 * 1024);
      const request = requestWithValueAt(
        kind,
        field,
        position,
        huge,
        new SeededRandom(1),
        NO_POOLS,
      );
      expect(refusals(await call(request))).toEqual([
        [uuid ? 'REFERENCE_NOT_FOUND' : 'FIELD_TOO_LONG', position.path],
      ]);
    },
  );

  // The request guard is an Apollo plugin, which subscriptions over graphql-ws never pass
  // through: a NUL byte here was caught only by the UBRN's format check (INVALID_UBRN), and
  // any other string argument of a subscription would have taken it to the database.
  it('refuses a control character in a subscription’s arguments over graphql-ws', async () => {
    const session = await server.signInAs('REFERRING_CLINICIAN');
    const answer = await session.subscribeOnce(
      'subscription ($ubrn: ID!) { referralChanged(ubrn: $ubrn) { ubrn } }',
      { ubrn: '0000\u00004961' },
      { waitMs: 5_000 },
    );
    expect(refusals(answer)).toEqual([['INVALID_CHARACTERS', 'ubrn']]);
  });

  // Regression (fuzz harness): graphql-js's own refusals arrive uncoded over graphql-ws, so a
  // variable of the wrong type was INTERNAL_SERVER_ERROR there (BAD_USER_INPUT over HTTP).
  it.each([
    ['an object for an ID', { ubrn: { a: 1 } }, 'BAD_USER_INPUT'],
    ['null for an ID!', { ubrn: null }, 'BAD_USER_INPUT'],
  ])('codes a subscription’s variable of %s as over HTTP', async (_what, variables, code) => {
    const session = await server.signInAs('REFERRING_CLINICIAN');
    const answer = await session.subscribeOnce(
      'subscription ($ubrn: ID!) { referralChanged(ubrn: $ubrn) { ubrn } }',
      variables,
      { waitMs: 5_000 },
    );
    expect(answer?.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  });

  // Regression (fuzz harness): a distance of 1e308 miles made the search's longitude bounds
  // Infinity, written into its SQL as a bare word: an internal error.
  it('searches within any distance, however large', async () => {
    const session = await server.signInAs('REFERRING_CLINICIAN');
    const answer = await session.graphql(
      'query ($input: ServiceSearchInput!) { searchServices(input: $input) { totalCount } }',
      {
        input: {
          patient: { ageYears: 54, sex: 'MALE', postcode: 'LS1 4AP' },
          priority: 'URGENT',
          specialty: 'CARDIOLOGY',
          maxDistanceMiles: 1e308,
        },
      },
    );
    expect(answer.errors).toBeUndefined();
  });

  it('codes a subscription the schema does not validate as over HTTP', async () => {
    const session = await server.signInAs('REFERRING_CLINICIAN');
    const answer = await session.subscribeOnce(
      'subscription { worklistsChanged { nope } }',
      {},
      {
        waitMs: 5_000,
      },
    );
    expect(answer?.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('bad uploads to the document route', () => {
  let server: TestServer;
  let session: TestSession;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    session = await server.signInAs('REFERRING_CLINICIAN');
  });

  afterAll(async () => {
    await server?.close();
  });

  const upload = (body: string) =>
    fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: {
        cookie: `${SESSION_COOKIE}=${session.token}`,
        [UPLOAD_HEADER]: '1',
        'content-type': 'multipart/form-data; boundary=b0undary',
      },
      body,
    });
  const file = (filename: string) =>
    `--b0undary\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b0undary--\r\n`;

  // Regression (found by the fuzz harness): busboy's 'error' event had no listener, so a body
  // that was not well-formed multipart ended the whole server process.
  it.each([
    ['no parts at all', 'garbage without parts'],
    ['a broken part header', '--b0undary\r\nContent-Disposition\r\n\r\nx\r\n--b0undary--\r\n'],
    ['a file cut short', file('letter.txt').replace(/\r\n--b0undary--\r\n$/, '')],
    ['a NUL byte in a part header', file('let\u0000ter.txt')],
  ])('answers an upload with %s as BAD_USER_INPUT and keeps serving', async (_what, body) => {
    const response = await upload(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expect((await server.graphql('{ specialties { code } }')).errors).toBeUndefined();
  });

  // Regression: a control character in a file name (sent percent-encoded in `filename*`, as a
  // raw one is a malformed header) was stored, or reached PostgreSQL as a NUL byte (HTTP 500).
  it.each([
    ['a bell', 'let%07ter.txt'],
    ['a NUL byte', 'let%00ter.txt'],
  ])('refuses a file name with %s with INVALID_CHARACTERS', async (_what, encoded) => {
    const response = await upload(file('x').replace('filename="x"', `filename*=utf-8''${encoded}`));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'INVALID_CHARACTERS', field: 'file' },
    });
  });

  // Regression: a name outside Latin-1 was read as Latin-1 (garbled), and one that reached the
  // download's header as sent failed it with HTTP 500.
  it('keeps a file name in any script, and downloads it with the name encoded', async () => {
    const name = 'Łódź clinic 🩺.txt';
    const response = await upload(file(name));
    expect(response.status).toBe(201);
    const { id, filename } = (await response.json()) as { id: string; filename: string };
    expect(filename).toBe(name);
    const download = await fetch(`${server.url}/api/documents/${id}`, {
      headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="__d_ clinic _.txt"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );
    expect(await download.text()).toBe('hello');
  });
});
