import type { Actor, Priority } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderWithSite, createService } from '../../test/fixtures/directory.js';
import { actorAt, createReferralWorld } from '../../test/fixtures/workflow.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { Referral } from '../referrals/index.js';
import type { FedSlotInput } from './slot-maintenance.types.js';
import { Slot } from './slot.entity.js';
import { slotSupplyServices } from './slot-supply.test-support.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday
const HOUR = 3_600_000;

describe('the provider-system slot feed', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;
  let pas: Actor;
  const services = () => slotSupplyServices(db.orm, NOW);

  /** A fed slot `hours` from now, 20 minutes long. */
  const fed = (externalId: string, hours: number, extra: Partial<FedSlotInput> = {}) => ({
    externalId,
    serviceId: world.clinic.id,
    startAt: new Date(NOW.getTime() + hours * HOUR),
    endAt: new Date(NOW.getTime() + hours * HOUR + 20 * 60_000),
    priorities: ['ROUTINE', 'URGENT'] as Priority[],
    withdrawn: false,
    ...extra,
  });
  const feed = (slots: FedSlotInput[], actor = pas) => services().maintenance.feed(slots, actor);
  const slotOf = (externalId: string) =>
    db.orm.em
      .fork()
      .findOneOrFail(Slot, { service: world.clinic.id, sourceKey: `x:${externalId}` });

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(db.orm.em.fork(), NOW, 0);
    pas = actorAt(world.provider, 'PROVIDER_AUTHORISED_APPLICATION');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('creates slots, and a retry changes nothing', async () => {
    const slots = [fed('A1', 30), fed('A2', 31), fed('A3', 32)];
    const { maintenance, jobs } = services();
    const first = await maintenance.feed(slots, pas);
    expect(first).toMatchObject({
      created: 3,
      updated: 0,
      unchanged: 0,
      withdrawn: 0,
      rejected: 0,
    });
    expect(first.results.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    expect(first.results[0]!.slotId).toBe((await slotOf('A1')).id);
    expect(await slotOf('A2')).toMatchObject({
      status: 'FREE',
      forRoutine: true,
      forTwoWeekWait: false,
    });
    expect(jobs.asked).toEqual([
      { name: 'match-slot-issues', payload: { serviceId: world.clinic.id } },
    ]);
    const again = await feed(slots);
    expect(again).toMatchObject({ created: 0, unchanged: 3 });
    expect(again.results.map((r) => r.slotId)).toEqual(first.results.map((r) => r.slotId));
  });

  it('changes a slot’s times, priorities and clinician', async () => {
    const result = await feed([
      fed('A1', 33, { priorities: ['URGENT'], clinicianName: 'Dr Ada Khan' }),
    ]);
    expect(result.results[0]).toMatchObject({ outcome: 'UPDATED', code: null });
    expect(await slotOf('A1')).toMatchObject({
      startAt: new Date(NOW.getTime() + 33 * HOUR),
      forRoutine: false,
      forUrgent: true,
      clinicianName: 'Dr Ada Khan',
    });
  });

  it('withdraws a free slot, once', async () => {
    const first = await feed([fed('A2', 31, { withdrawn: true })]);
    expect(first.results[0]).toMatchObject({ outcome: 'WITHDRAWN', cancelledUbrn: null });
    expect(await slotOf('A2')).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'SLOT_CANCELLED',
    });
    expect((await feed([fed('A2', 31, { withdrawn: true })])).results[0]!.outcome).toBe(
      'UNCHANGED',
    );
    // Sent again as a live slot: withdrawn slots are not brought back.
    expect((await feed([fed('A2', 31)])).results[0]).toMatchObject({
      outcome: 'REJECTED',
      code: 'SLOT_CHANGE_NOT_ALLOWED',
    });
  });

  it('never moves a booked slot, and withdrawing it cancels the appointment as the provider (T13)', async () => {
    await feed([fed('B1', 50)]);
    const slot = await slotOf('B1');
    const { referrals, booking } = services();
    const created = await referrals.create(
      {
        patientId: world.patient.id,
        priority: 'ROUTINE',
        serviceIds: [world.clinic.id],
        letterStatus: 'NOT_INTENDING_TO_ADD',
        ...WITH_CLINICAL_INFORMATION,
      },
      world.gp,
    );
    const ubrn = created.referral.ubrn;
    await booking.book(ubrn, { slotId: slot.id }, world.gp);

    const moved = await feed([fed('B1', 51)]);
    expect(moved.results[0]).toMatchObject({
      outcome: 'REJECTED',
      code: 'SLOT_CHANGE_NOT_ALLOWED',
    });
    expect((await slotOf('B1')).startAt).toEqual(slot.startAt);

    const { maintenance, changes } = services();
    const withdrawn = await maintenance.feed([fed('B1', 50, { withdrawn: true })], pas);
    expect(withdrawn.results[0]).toMatchObject({ outcome: 'WITHDRAWN', cancelledUbrn: ubrn });
    expect(await db.orm.em.fork().findOneOrFail(Referral, { ubrn })).toMatchObject({
      state: 'APPT_CANCELLED_BY_PROVIDER',
    });
    expect(changes).toContainEqual(expect.objectContaining({ ubrn, event: 'CANCEL_APPOINTMENT' }));
    expect((await slotOf('B1')).status).toBe('CANCELLED');
  });

  it('rejects what it cannot take, slot by slot, and takes the rest', async () => {
    const em = db.orm.em.fork();
    const phoneBooked = await createService(
      em,
      { provider: world.provider, site: world.clinic.site.getEntity() },
      { bookableType: 'INDIRECTLY_BOOKABLE' },
    );
    const other = await createProviderWithSite(em, { latitude: 53.8, longitude: -1.5 });
    const theirs = await createService(em, other);
    const result = await feed([
      fed('R1', 40, { endAt: new Date(NOW.getTime() + 39 * HOUR) }),
      fed('R2', -2),
      fed('R3', 40, { serviceId: theirs.id }),
      fed('R4', 40, { serviceId: phoneBooked.id }),
      fed('R5', 40, { priorities: ['TWO_WEEK_WAIT'] }),
      fed('R6', 40, { priorities: [] }),
      fed('R7', 40, { withdrawn: true }),
      fed('R8', 40, { clinicianId: 'nobody' }),
      fed('x'.repeat(101), 40),
      fed('OK1', 41),
      fed('OK1', 42),
    ]);
    expect(result.results.map((r) => [r.outcome, r.code])).toEqual([
      ['REJECTED', 'INVALID_SLOT_TIMES'],
      ['REJECTED', 'INVALID_SLOT_TIMES'],
      ['REJECTED', 'REFERENCE_NOT_FOUND'],
      ['REJECTED', 'SERVICE_NOT_SUITABLE'],
      ['REJECTED', 'UNSUPPORTED_PRIORITY'],
      ['REJECTED', 'PRIORITY_REQUIRED'],
      ['REJECTED', 'REFERENCE_NOT_FOUND'],
      ['REJECTED', 'INVALID_NAMED_CLINICIAN'],
      ['REJECTED', 'FIELD_TOO_LONG'],
      ['CREATED', null],
      ['REJECTED', 'BAD_USER_INPUT'],
    ]);
    expect(result.results.every((r) => r.outcome !== 'REJECTED' || r.message)).toBe(true);
    expect(result).toMatchObject({ created: 1, rejected: 10 });
  });

  it('takes 10,000 slots in one call, quickly, and refuses more', async () => {
    const slots = Array.from({ length: 10_000 }, (_, i) => fed(`BULK-${i}`, 100 + i));
    const started = Date.now();
    const first = await feed(slots);
    const elapsed = Date.now() - started;
    expect(first.created).toBe(10_000);
    expect(elapsed).toBeLessThan(60_000);
    let at = Date.now();
    const retry = await feed(slots);
    expect(retry.unchanged).toBe(10_000);
    const retried = Date.now() - at;
    at = Date.now();
    const moved = await feed(
      slots.map((s) => ({ ...s, endAt: new Date(s.endAt.getTime() + 5 * 60_000) })),
    );
    expect(moved.updated).toBe(10_000);
    console.info(
      `feed of 10,000 slots: created in ${elapsed} ms, retried (unchanged) in ${retried} ms, all moved in ${Date.now() - at} ms`,
    );
    await expect(feed([...slots, fed('ONE-TOO-MANY', 99)])).rejects.toMatchObject({
      code: 'TOO_MANY_ITEMS_IN_REQUEST',
    });
  }, 180_000);
});

describe('the slot feed over HTTP', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW });
  });

  afterAll(async () => {
    await server?.close();
  });

  const FEED = /* GraphQL */ `
    mutation Feed($slots: [FedSlotInput!]!) {
      feedSlots(slots: $slots) {
        created
      }
    }
  `;
  const slots = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      externalId: `PAS-SLOT-${String(i).padStart(8, '0')}`,
      serviceId: '00000000-0000-4000-8000-000000000001',
      startAt: new Date(NOW.getTime() + (i + 2) * HOUR).toISOString(),
      endAt: new Date(NOW.getTime() + (i + 2) * HOUR + 20 * 60_000).toISOString(),
      priorities: ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'],
      clinicianId: 'CLINICIAN-0001',
      clinicianName: 'Dr Example Clinician-Name',
    }));

  it('lets a 10,000-slot call through the body and query limits (to the sign-in check)', async () => {
    const response = await server.graphql(FEED, { slots: slots(10_000) });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('still refuses a body far beyond any feed', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: FEED, variables: { slots: slots(30_000) } }),
    });
    expect(response.status).toBe(413);
  });
});
