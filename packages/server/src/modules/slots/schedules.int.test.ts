import { localDate } from '@open-ers/domain';
import { englandBankHolidays } from '@open-ers/domain/holidays';
import { SILENT_FEED } from '../../realtime/change-feed.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/orm.js';
import { createRequestServices } from '../../graphql/context.js';
import { createProviderWithSite, createService } from '../../test/fixtures/directory.js';
import { createOrganisation, createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { Service } from '../directory/index.js';
import { Slot } from './slot.entity.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const LONDON = 'Europe/London';
const england = englandBankHolidays();

const CREATE = /* GraphQL */ `
  mutation ($serviceId: ID!, $input: SessionTemplateInput!) {
    createSchedule(serviceId: $serviceId, input: $input) {
      id
      serviceId
      label
      weekdays
      startTime
      clinicianId
      clinicianName
      validFrom
      validTo
      everyWeeks
      active
    }
  }
`;
const PREVIEW = /* GraphQL */ `
  query ($serviceId: ID!, $input: SessionTemplateInput!) {
    previewSchedule(serviceId: $serviceId, input: $input) {
      from
      to
      slotCount
      skippedBankHolidays
      firstSlots {
        startAt
        endAt
        priorities
        clinicianName
      }
    }
  }
`;
const PUBLISH = /* GraphQL */ `
  mutation ($serviceId: ID!) {
    publishSlots(serviceId: $serviceId) {
      serviceId
      created
      alreadyPublished
      horizonEnd
    }
  }
`;
const EXCEPTION = /* GraphQL */ `
  mutation ($serviceId: ID!, $input: ScheduleExceptionInput!) {
    addScheduleException(serviceId: $serviceId, input: $input) {
      id
      date
      kind
      scheduleId
      startTime
      priorities
      clinicianName
      reason
    }
  }
`;

interface Publication {
  publishSlots: { created: number; alreadyPublished: number; horizonEnd: string };
}
interface Preview {
  previewSchedule: {
    from: string;
    to: string;
    slotCount: number;
    skippedBankHolidays: string[];
    firstSlots: {
      startAt: string;
      endAt: string;
      priorities: string[];
      clinicianName: string | null;
    }[];
  };
}

/** Weekday mornings at 09:00: three 20-minute slots for routine and urgent referrals. */
const WEEKDAY_MORNINGS = {
  label: 'Weekday mornings',
  weekdays: [1, 2, 3, 4, 5],
  startTime: '09:00',
  sessionMinutes: 60,
  slotMinutes: 20,
  priorities: ['ROUTINE', 'URGENT'],
  validFrom: '2026-11-01',
};

describe('schedules and publication', () => {
  let server: TestServer;
  let sd: TestSession;
  let otherSd: TestSession;
  let gp: TestSession;
  const services: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const trust = await createProviderWithSite(
          em,
          { latitude: 53.79765, longitude: -1.55129 },
          'Schedule Trust',
        );
        for (const name of ['preview', 'fortnightly', 'exceptions', 'race', 'search', 'roles']) {
          const service = await createService(em, trust, {
            name: `Schedule ${name}`,
            ...(name === 'search' ? { clinicType: 'CARD_HEART_FAILURE' } : {}),
          });
          services[name] = service.id;
        }
        const named = await createService(em, trust, { name: 'Schedule named' });
        named.namedClinicians = [{ id: 'c-okafor', name: 'Dr A. Okafor' }];
        await em.flush();
        services.named = named.id;
        const other = await createProviderWithSite(
          em,
          { latitude: 53.8, longitude: -1.5 },
          'Other Trust',
        );
        await createUser(em, {
          username: 'sd',
          roles: [{ role: 'SERVICE_DEFINER', organisation: trust.provider }],
        });
        await createUser(em, {
          username: 'sd.other',
          roles: [{ role: 'SERVICE_DEFINER', organisation: other.provider }],
        });
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        await createUser(em, {
          username: 'gp',
          roles: [{ role: 'REFERRING_CLINICIAN', organisation: practice }],
        });
      },
    });
    sd = await server.signIn('sd', TEST_PASSWORD);
    otherSd = await server.signIn('sd.other', TEST_PASSWORD);
    gp = await server.signIn('gp', TEST_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  const createSchedule = async (serviceId: string, input: Record<string, unknown>) => {
    const result = await sd.graphql<{ createSchedule: { id: string } }>(CREATE, {
      serviceId,
      input,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createSchedule;
  };
  const publish = async (serviceId: string, as = sd) => {
    const result = await as.graphql<Publication>(PUBLISH, { serviceId });
    expect(result.errors).toBeUndefined();
    return result.data!.publishSlots;
  };
  const slotsOf = (serviceId: string) =>
    server.db.orm.em.fork().find(Slot, { service: serviceId }, { orderBy: { startAt: 'asc' } });

  it('previews exactly what publishing then makes: 26 weeks from tomorrow, no slot on a bank holiday', async () => {
    const serviceId = services.preview!;
    const preview = await sd.graphql<Preview>(PREVIEW, { serviceId, input: WEEKDAY_MORNINGS });
    expect(preview.errors).toBeUndefined();
    const plan = preview.data!.previewSchedule;
    expect(plan).toMatchObject({ from: '2026-11-24', to: '2027-05-24' });
    expect(plan.firstSlots[0]).toEqual({
      startAt: '2026-11-24T09:00:00.000Z',
      endAt: '2026-11-24T09:20:00.000Z',
      priorities: ['ROUTINE', 'URGENT'],
      clinicianName: null,
    });
    // Christmas, the Boxing Day substitute, New Year, Good Friday, Easter Monday, early May.
    expect(plan.skippedBankHolidays).toEqual([
      '2026-12-25',
      '2026-12-28',
      '2027-01-01',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
    ]);
    // 26 weeks of weekdays, less the six bank holidays, three slots a day.
    expect(plan.slotCount).toBe((26 * 5 - 6) * 3);

    const schedule = await createSchedule(serviceId, WEEKDAY_MORNINGS);
    const published = await publish(serviceId);
    expect(published).toEqual({
      serviceId,
      created: plan.slotCount,
      alreadyPublished: 0,
      horizonEnd: '2027-05-24',
    });
    const slots = await slotsOf(serviceId);
    expect(slots).toHaveLength(plan.slotCount);
    for (const slot of slots) {
      const date = localDate(slot.startAt, LONDON);
      expect(england.isHoliday(date), date).toBe(false);
      // 09:00, 09:20 or 09:40 UK time, in winter and in summer alike.
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, timeStyle: 'short' }).format(
          slot.startAt,
        ),
      ).toMatch(/^09:[024]0$/);
      expect(slot.scheduleId).toBe(schedule.id);
      expect(slot.sourceKey).toBe(`s:${schedule.id}:${slot.startAt.toISOString()}`);
      expect(slot.publishedAt.toISOString()).toBe(NOW.toISOString());
      expect(slot.status).toBe('FREE');
    }
    expect(localDate(slots.at(-1)!.startAt, LONDON)).toBe('2027-05-24');
    expect(slots.slice(0, plan.firstSlots.length).map((s) => s.startAt.toISOString())).toEqual(
      plan.firstSlots.map((s) => s.startAt),
    );
  });

  it('publishes nothing the second time', async () => {
    const serviceId = services.preview!;
    const before = (await slotsOf(serviceId)).length;
    expect(await publish(serviceId)).toMatchObject({ created: 0, alreadyPublished: before });
    expect(await slotsOf(serviceId)).toHaveLength(before);
  });

  it('runs an every-2-weeks template on alternate weeks from the week it starts', async () => {
    const serviceId = services.fortnightly!;
    await createSchedule(serviceId, {
      ...WEEKDAY_MORNINGS,
      weekdays: [3],
      sessionMinutes: 20,
      everyWeeks: 2,
      validFrom: '2026-11-25',
    });
    await publish(serviceId);
    const dates = (await slotsOf(serviceId)).map((s) => localDate(s.startAt, LONDON));
    expect(dates.slice(0, 4)).toEqual(['2026-11-25', '2026-12-09', '2026-12-23', '2027-01-06']);
    expect(dates).toHaveLength(13);
  });

  it('leaves a cancelled session out and publishes an extra session', async () => {
    const serviceId = services.exceptions!;
    const schedule = await createSchedule(serviceId, WEEKDAY_MORNINGS);
    const cancel = await sd.graphql<{ addScheduleException: { kind: string; scheduleId: string } }>(
      EXCEPTION,
      {
        serviceId,
        input: {
          date: '2026-12-02',
          kind: 'CANCEL_SESSION',
          scheduleId: schedule.id,
          reason: 'CLINIC_CANCELLED',
        },
      },
    );
    expect(cancel.errors).toBeUndefined();
    expect(cancel.data!.addScheduleException).toMatchObject({
      kind: 'CANCEL_SESSION',
      scheduleId: schedule.id,
    });
    const extra = await sd.graphql(EXCEPTION, {
      serviceId,
      input: {
        date: '2026-12-05',
        kind: 'EXTRA_SESSION',
        startTime: '10:00',
        sessionMinutes: 30,
        slotMinutes: 15,
        priorities: ['TWO_WEEK_WAIT'],
      },
    });
    expect(extra.errors).toBeUndefined();
    await publish(serviceId);
    const slots = await slotsOf(serviceId);
    const on = (date: string) => slots.filter((s) => localDate(s.startAt, LONDON) === date);
    expect(on('2026-12-01')).toHaveLength(3);
    expect(on('2026-12-02')).toHaveLength(0);
    expect(on('2026-12-05').map((s) => [s.startAt.toISOString(), s.priorities])).toEqual([
      ['2026-12-05T10:00:00.000Z', ['TWO_WEEK_WAIT']],
      ['2026-12-05T10:15:00.000Z', ['TWO_WEEK_WAIT']],
    ]);
    const listed = await sd.graphql<{ scheduleExceptions: { date: string }[] }>(
      'query ($id: ID!) { scheduleExceptions(serviceId: $id) { date kind } }',
      { id: serviceId },
    );
    expect(listed.data!.scheduleExceptions.map((e) => e.date)).toEqual([
      '2026-12-02',
      '2026-12-05',
    ]);
  });

  it('withdraws the published slots of a session cancelled afterwards, with its reason', async () => {
    const serviceId = services.exceptions!;
    const onThe3rd = async () =>
      (await slotsOf(serviceId)).filter((s) => localDate(s.startAt, LONDON) === '2026-12-03');
    expect((await onThe3rd()).map((s) => s.status)).toEqual(['FREE', 'FREE', 'FREE']);
    const input = { date: '2026-12-03', kind: 'CANCEL_SESSION' };
    const unexplained = await sd.graphql(EXCEPTION, { serviceId, input });
    expect(unexplained.errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');
    expect((await onThe3rd()).map((s) => s.status)).toEqual(['FREE', 'FREE', 'FREE']);
    const cancelled = await sd.graphql(EXCEPTION, {
      serviceId,
      input: { ...input, reason: 'CLINIC_CANCELLED' },
    });
    expect(cancelled.errors).toBeUndefined();
    const slots = await onThe3rd();
    expect(slots.map((s) => [s.status, s.statusReason])).toEqual([
      ['CANCELLED', 'CLINIC_CANCELLED'],
      ['CANCELLED', 'CLINIC_CANCELLED'],
      ['CANCELLED', 'CLINIC_CANCELLED'],
    ]);
    // Publishing again does not bring them back.
    expect(await publish(serviceId)).toMatchObject({ created: 0 });
  });

  it('makes no duplicate when two instances publish the same service at once', async () => {
    const serviceId = services.race!;
    await createSchedule(serviceId, { ...WEEKDAY_MORNINGS, weekdays: [1, 2, 3, 4, 5, 6] });
    const second = await openDatabase(server.db.config, { migrate: false });
    try {
      const publisher = (orm: typeof second) =>
        createRequestServices(
          orm.em.fork(),
          { now: NOW, requestId: null },
          { changes: SILENT_FEED },
        ).schedules;
      const planned = (
        await publisher(second).plan(
          await second.em.fork().findOneOrFail(Service, { id: serviceId }),
        )
      ).slots.length;
      const outcomes = await Promise.all([
        publisher(server.db.orm).publish(serviceId),
        publisher(second).publish(serviceId),
        publisher(second).publish(serviceId),
      ]);
      expect(outcomes.reduce((sum, o) => sum + o.created, 0)).toBe(planned);
      for (const outcome of outcomes)
        expect(outcome.created + outcome.alreadyPublished).toBe(planned);
      const slots = await slotsOf(serviceId);
      expect(slots).toHaveLength(planned);
      expect(new Set(slots.map((s) => s.sourceKey)).size).toBe(planned);
    } finally {
      await second.close(true);
    }
  });

  it('puts a newly published service in a GP’s search with its earliest slot', async () => {
    const serviceId = services.search!;
    const SEARCH = /* GraphQL */ `
      query ($input: ServiceSearchInput!) {
        searchServices(input: $input, first: 20) {
          edges {
            node {
              earliestSlotStart
              service {
                id
              }
            }
          }
        }
      }
    `;
    const input = {
      patient: { ageYears: 54, sex: 'MALE', postcode: 'LS1 4AP' },
      priority: 'ROUTINE',
      specialty: 'CARDIOLOGY',
      clinicType: 'CARD_HEART_FAILURE',
    };
    type Found = {
      searchServices: {
        edges: { node: { earliestSlotStart: string | null; service: { id: string } } }[];
      };
    };
    const earliest = async () =>
      (await gp.graphql<Found>(SEARCH, { input })).data!.searchServices.edges.find(
        (e) => e.node.service.id === serviceId,
      )?.node.earliestSlotStart;
    expect(await earliest()).toBeNull();
    await createSchedule(serviceId, { ...WEEKDAY_MORNINGS, startTime: '13:30' });
    await publish(serviceId);
    expect(await earliest()).toBe('2026-11-24T13:30:00.000Z');
  });

  it('names only the service’s own clinicians, and refuses a template field by field', async () => {
    const serviceId = services.named!;
    const named = await createSchedule(serviceId, { ...WEEKDAY_MORNINGS, clinicianId: 'c-okafor' });
    expect(named).toMatchObject({ clinicianId: 'c-okafor', clinicianName: 'Dr A. Okafor' });
    const refused = await sd.graphql(CREATE, {
      serviceId,
      input: {
        ...WEEKDAY_MORNINGS,
        clinicianId: 'c-nobody',
        weekdays: [],
        startTime: '25:00',
        slotMinutes: 90,
      },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    const fieldErrors = (
      refused.errors?.[0]?.extensions?.details as { fieldErrors: { field: string; code: string }[] }
    ).fieldErrors;
    expect(fieldErrors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'weekdays:WEEKDAY_REQUIRED',
      'startTime:INVALID_TIME',
      'slotMinutes:INVALID_SLOT_LENGTH',
      'clinicianId:INVALID_NAMED_CLINICIAN',
    ]);
    const ended = await sd.graphql<{ endSchedule: { validTo: string; active: boolean } }>(
      'mutation ($id: ID!) { endSchedule(id: $id, validTo: "2027-01-31") { validTo active } }',
      { id: (named as { id: string }).id },
    );
    expect(ended.data!.endSchedule).toEqual({ validTo: '2027-01-31', active: true });
    const listed = await sd.graphql<{ schedules: { label: string; validTo: string }[] }>(
      'query ($id: ID!) { schedules(serviceId: $id) { label validTo } }',
      { id: serviceId },
    );
    expect(listed.data!.schedules).toEqual([{ label: 'Weekday mornings', validTo: '2027-01-31' }]);
  });

  it('keeps other organisations’ services out of reach, and other roles out altogether', async () => {
    const serviceId = services.roles!;
    const elsewhere = await otherSd.graphql(PUBLISH, { serviceId });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('REFERENCE_NOT_FOUND');
    const preview = await otherSd.graphql(PREVIEW, { serviceId, input: WEEKDAY_MORNINGS });
    expect(preview.errors?.[0]?.extensions?.code).toBe('REFERENCE_NOT_FOUND');
    const notYours = await otherSd.graphql(
      'query ($id: ID!) { schedules(serviceId: $id) { id } }',
      { id: serviceId },
    );
    expect(notYours.errors?.[0]?.extensions?.code).toBe('REFERENCE_NOT_FOUND');
    const asGp = await gp.graphql(PUBLISH, { serviceId });
    expect(asGp.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await slotsOf(serviceId)).toHaveLength(0);
  });
});
