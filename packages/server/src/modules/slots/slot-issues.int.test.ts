import type { Priority } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from '../../db/orm.js';
import { createService } from '../../test/fixtures/directory.js';
import { createReferralWorld, createSlots } from '../../test/fixtures/workflow.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import type { Service } from '../directory/index.js';
import { Appointment, Referral, ReferralEventRecord } from '../referrals/index.js';
import { Slot } from './slot.entity.js';
import { slotSupplyServices } from './slot-supply.test-support.js';
import { SLOT_ISSUE_RESOLUTION_USER_ID } from './system-actors.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const START = new Date('2026-11-23T09:00:00Z'); // a Monday
const HOUR = 3_600_000;

describe('automatic resolution of Appointment Slot Issues', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;
  const em = () => db.orm.em.fork();

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(em(), START, 0);
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** A service with no slots, the given policy, and referrals deferred to it in this order. */
  async function deferredAt(
    policy: 'LEAVE' | 'OFFER' | 'BOOK',
    priorities: Priority[],
    overrides: Partial<Pick<Service, 'bookingWindows' | 'reservationDays'>> = {},
  ) {
    const service = await createService(
      em(),
      { provider: world.provider, site: world.clinic.site.getEntity() },
      { priorities: ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'] },
    );
    await em().nativeUpdate(
      'Service',
      { id: service.id },
      { slotIssuePolicy: policy, ...overrides },
    );
    const ubrns: string[] = [];
    for (const [i, priority] of priorities.entries()) {
      // Each deferred a minute after the one before: the first has waited longest.
      const { referrals, commands } = slotSupplyServices(
        db.orm,
        new Date(START.getTime() + i * 60_000),
      );
      const created = await referrals.create(
        {
          patientId: world.patient.id,
          priority,
          serviceIds: [service.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        world.gp,
      );
      await commands.deferToProvider(
        created.referral.ubrn,
        world.gp,
        { serviceId: service.id },
        {},
      );
      ubrns.push(created.referral.ubrn);
    }
    return { service: (await em().findOneOrFail('Service', { id: service.id })) as Service, ubrns };
  }

  const at = (hours: number) => new Date(START.getTime() + hours * HOUR);
  const NOW = at(1);
  const stateOf = async (ubrn: string) => (await em().findOneOrFail(Referral, { ubrn })).state;
  const slotHeldFor = async (x: EntityManager, ubrn: string) =>
    x.findOne(Slot, { heldForUbrn: ubrn, status: 'HELD', offer: true });

  it('leaves slot issues alone under LEAVE', async () => {
    const { service, ubrns } = await deferredAt('LEAVE', ['ROUTINE']);
    await createSlots(em(), service, at(72), 2);
    const run = await slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id);
    expect(run).toMatchObject({ offered: 0, booked: 0 });
    expect(await stateOf(ubrns[0]!)).toBe('DEFERRED_TO_PROVIDER');
  });

  it('offers in clinical priority order, then longest waiting, and records it', async () => {
    const { service, ubrns } = await deferredAt('OFFER', [
      'ROUTINE', // waited longest of the routine ones
      'URGENT',
      'ROUTINE',
      'TWO_WEEK_WAIT',
      'ROUTINE', // gets nothing: three slots
    ]);
    const slots = await createSlots(em(), service, at(72), 3);
    const run = await slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id);
    expect(run).toMatchObject({ offered: 3, booked: 0 });
    const x = em();
    expect((await slotHeldFor(x, ubrns[3]!))?.id).toBe(slots[0]!.id); // two-week wait
    expect((await slotHeldFor(x, ubrns[1]!))?.id).toBe(slots[1]!.id); // urgent
    expect((await slotHeldFor(x, ubrns[0]!))?.id).toBe(slots[2]!.id); // longest-waiting routine
    expect(await slotHeldFor(x, ubrns[2]!)).toBeNull();
    const offer = await x.findOneOrFail(Slot, { id: slots[0]!.id });
    expect(offer.heldUntil).toEqual(new Date(NOW.getTime() + service.offerHoldHours * HOUR));
    const event = await x.findOneOrFail(ReferralEventRecord, {
      type: 'OFFER_SLOT',
      referral: (await x.findOneOrFail(Referral, { ubrn: ubrns[3]! })).id,
    });
    expect(event).toMatchObject({
      userId: SLOT_ISSUE_RESOLUTION_USER_ID,
      role: 'PROVIDER_AUTHORISED_APPLICATION',
      toState: 'DEFERRED_TO_PROVIDER',
    });
    // A retry changes nothing: each offered referral keeps its one offer.
    const retry = await slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id);
    expect(retry.offered).toBe(0);
    // The provider's admin confirms an offer in one call, and the worklist showed it first.
    const offers = await slotSupplyServices(db.orm, NOW).slotIssues.offeredSlots(ubrns);
    expect(offers.get(ubrns[1]!)).toMatchObject({ slotId: slots[1]!.id });
    const { booking } = slotSupplyServices(db.orm, NOW);
    const confirmed = await booking.book(ubrns[1]!, { slotId: slots[1]!.id }, world.providerAdmin);
    expect(confirmed.snapshot.state).toBe('BOOKED');
    expect((await em().findOneOrFail(Slot, { id: slots[1]!.id })).offer).toBe(false);
  });

  it('books straight away under BOOK, as the provider’s system, and tells the GP', async () => {
    const { service, ubrns } = await deferredAt('BOOK', ['ROUTINE', 'TWO_WEEK_WAIT']);
    const slots = await createSlots(em(), service, at(72), 1);
    const services = slotSupplyServices(db.orm, NOW);
    const run = await services.slotIssues.resolveForService(service.id);
    expect(run).toMatchObject({ booked: 1, offered: 0 });
    expect(await stateOf(ubrns[1]!)).toBe('BOOKED');
    expect(await stateOf(ubrns[0]!)).toBe('DEFERRED_TO_PROVIDER');
    const x = em();
    const referral = await x.findOneOrFail(Referral, { ubrn: ubrns[1]! });
    expect(
      await x.findOneOrFail(Appointment, { referral: referral.id, status: 'BOOKED' }),
    ).toMatchObject({ slot: expect.objectContaining({ id: slots[0]!.id }) });
    expect(
      await x.findOneOrFail(ReferralEventRecord, { referral: referral.id, type: 'BOOK' }),
    ).toMatchObject({
      userId: SLOT_ISSUE_RESOLUTION_USER_ID,
      role: 'PROVIDER_AUTHORISED_APPLICATION',
    });
    expect(services.changes).toContainEqual(
      expect.objectContaining({
        ubrn: ubrns[1],
        event: 'BOOK',
        organisationIds: expect.arrayContaining([world.practice.id]),
      }),
    );
    // Retrying is a no-op: the booked referral is no longer a slot issue, and no slot is left.
    expect(
      (await slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id)).booked,
    ).toBe(0);
  });

  it('honours booking windows, the provider reservation and ring-fenced priorities', async () => {
    const { service, ubrns } = await deferredAt('BOOK', ['ROUTINE', 'URGENT'], {
      bookingWindows: { ROUTINE: { opensHoursAhead: 24 * 7, closesDaysAhead: 28 } },
      reservationDays: 1,
    });
    await createSlots(em(), service, at(48), 1); // too soon for routine
    await createSlots(em(), service, at(24 * 10), 1, { priorities: ['TWO_WEEK_WAIT'] }); // ring-fenced
    await createSlots(em(), service, at(24 * 11), 1, { publishedAt: at(0) }); // still reserved
    const run = await slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id);
    // The urgent referral may have the slot in two days; nothing is left a routine one may have.
    expect(run.booked).toBe(1);
    expect(await stateOf(ubrns[1]!)).toBe('BOOKED');
    expect(await stateOf(ubrns[0]!)).toBe('DEFERRED_TO_PROVIDER');
  });

  it('never double books when staff book the same referrals and slots at the same moment', async () => {
    const { service, ubrns } = await deferredAt('BOOK', [
      'ROUTINE',
      'ROUTINE',
      'ROUTINE',
      'ROUTINE',
    ]);
    const slots = await createSlots(em(), service, at(72), 4);
    const results = await Promise.allSettled([
      slotSupplyServices(db.orm, NOW).slotIssues.resolveForService(service.id),
      ...ubrns.map((ubrn, i) =>
        slotSupplyServices(db.orm, NOW).booking.book(
          ubrn,
          { slotId: slots[(i + 1) % 4]!.id },
          world.providerAdmin,
        ),
      ),
    ]);
    // Automatic resolution swallows the races it loses; staff may see SLOT_NOT_AVAILABLE/STALE_VERSION.
    expect(results[0]!.status).toBe('fulfilled');
    for (const r of results.slice(1)) {
      if (r.status === 'rejected') {
        expect(['SLOT_NOT_AVAILABLE', 'STALE_VERSION', 'INVALID_REQUEST_STATE']).toContain(
          (r.reason as { code?: string }).code,
        );
      }
    }
    const x = em();
    const active = await x.find(Appointment, {
      slot: { $in: slots.map((s) => s.id) },
      status: { $in: ['PENDING', 'BOOKED'] },
    });
    expect(new Set(active.map((a) => a.slot!.id)).size).toBe(active.length);
    const perReferral = await x.find(Appointment, {
      referral: { ubrn: { $in: ubrns } },
      status: 'BOOKED',
    });
    expect(new Set(perReferral.map((a) => a.referral.id)).size).toBe(perReferral.length);
    const booked = await x.find(Referral, { ubrn: { $in: ubrns }, state: 'BOOKED' });
    expect(booked.length).toBe(perReferral.length);
    expect(booked.length).toBeGreaterThan(0);
  });
});
