import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';

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
