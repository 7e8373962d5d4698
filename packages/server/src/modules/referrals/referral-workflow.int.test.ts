import { DomainError } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralWorld } from '../../test/fixtures/workflow.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { workflowServices } from '../../test/workflow-services.js';
import { WorklistEntryRecord } from '../worklists/index.js';
import { Slot } from '../slots/index.js';
import { Appointment } from './appointment.entity.js';
import { ReferralEventRecord } from './referral-event.entity.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('referral workflow services', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(db.orm.em.fork(), NOW);
  });

  afterAll(async () => {
    await db?.drop();
  });

  const create = (serviceIds = [world.clinic.id], priority: 'ROUTINE' | 'URGENT' = 'ROUTINE') =>
    workflowServices(db.orm, NOW).referrals.create(
      {
        patientId: world.patient.id,
        priority,
        serviceIds,
        // Nothing to follow, so a consultant may accept it (not while a letter is outstanding).
        letterStatus: 'NOT_INTENDING_TO_ADD',
        clinicalInformation: 'Palpitations for three months.',
      },
      world.gp,
    );

  it('creates, books and accepts a referral, keeping worklists and history in step', async () => {
    const created = await create();
    expect(created.snapshot.state).toBe('NOT_BOOKED');
    expect(created.referral.ubrn).toMatch(/^\d{12}$/);
    expect(created.referral.accessCode).toMatch(/^[0-9A-Z]{8}$/);

    const { booking, commands, changes } = workflowServices(db.orm, NOW);
    const booked = await booking.book(
      created.referral.ubrn,
      { slotId: world.slots[0]!.id },
      world.gp,
      {
        expectedVersion: created.snapshot.version,
      },
    );
    expect(booked.snapshot.state).toBe('BOOKED');
    expect(booked.snapshot.appointment).toMatchObject({
      slotId: world.slots[0]!.id,
      status: 'BOOKED',
    });
    expect(changes.map((c) => c.event)).toEqual(['BOOK']);
    expect(changes[0]!.organisationIds).toContain(world.provider.id);

    const em = db.orm.em.fork();
    expect((await em.findOneOrFail(Slot, world.slots[0]!.id)).status).toBe('BOOKED');
    const onReview = await em.find(WorklistEntryRecord, { ubrn: created.referral.ubrn });
    expect(onReview.map((e) => [e.worklist, e.organisationId])).toContainEqual([
      'REFERRALS_FOR_REVIEW',
      world.provider.id,
    ]);

    const accepted = await commands.accept(
      created.referral.ubrn,
      world.consultant,
      {},
      {
        expectedVersion: booked.snapshot.version,
      },
    );
    expect(accepted.snapshot.state).toBe('ACCEPTED');
    const history = await db.orm.em
      .fork()
      .find(
        ReferralEventRecord,
        { referral: created.referral.id },
        { orderBy: { version: 'asc' } },
      );
    expect(history.map((h) => [h.type, h.toState, h.role])).toEqual([
      ['CREATE_REFERRAL', 'NOT_BOOKED', 'REFERRING_CLINICIAN'],
      ['BOOK', 'BOOKED', 'REFERRING_CLINICIAN'],
      ['ACCEPT', 'ACCEPTED', 'SERVICE_PROVIDER_CLINICIAN'],
    ]);
  });

  it('refuses a write based on a stale version, and changes nothing', async () => {
    const created = await create();
    const { commands } = workflowServices(db.orm, NOW);
    await commands.changeShortlist(
      created.referral.ubrn,
      world.gp,
      { serviceIds: [world.clinic.id, world.triage.id] },
      {
        expectedVersion: created.snapshot.version,
      },
    );
    const stale = await refusal(
      commands.changeShortlist(
        created.referral.ubrn,
        world.gp,
        { serviceIds: [world.clinic.id] },
        {
          expectedVersion: created.snapshot.version,
        },
      ),
    );
    expect(stale.code).toBe('STALE_VERSION');
  });

  it('refuses to defer while slots are available, and defers when there are none', async () => {
    const created = await create([world.clinic.id, world.emptyClinic.id]);
    const { commands } = workflowServices(db.orm, NOW);
    const withSlots = await refusal(
      commands.deferToProvider(created.referral.ubrn, world.gp, { serviceId: world.clinic.id }, {}),
    );
    expect(withSlots.code).toBe('SLOTS_CURRENTLY_AVAILABLE');
    const deferred = await commands.deferToProvider(
      created.referral.ubrn,
      world.gp,
      { serviceId: world.emptyClinic.id },
      {},
    );
    expect(deferred.snapshot.state).toBe('DEFERRED_TO_PROVIDER');
    const entries = await db.orm.em
      .fork()
      .find(WorklistEntryRecord, { ubrn: created.referral.ubrn });
    expect(entries.map((e) => e.worklist)).toContain('APPOINTMENT_SLOT_ISSUES');
  });

  it('lets exactly one of many simultaneous bookings of one slot succeed', async () => {
    const referrals = await Promise.all(Array.from({ length: 20 }, () => create()));
    const [slot] = await createSlotsForRace();
    const results = await Promise.allSettled(
      referrals.map((r) =>
        workflowServices(db.orm, NOW).booking.book(r.referral.ubrn, { slotId: slot!.id }, world.gp),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    for (const r of refused) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'SLOT_NOT_AVAILABLE' });
    }
    const active = await db.orm.em
      .fork()
      .count(Appointment, { slot: slot!.id, status: { $in: ['PENDING', 'BOOKED'] } });
    expect(active).toBe(1);
  });

  async function createSlotsForRace() {
    const { createSlots } = await import('../../test/fixtures/workflow.js');
    return createSlots(db.orm.em.fork(), world.clinic, new Date(NOW.getTime() + 48 * 3_600_000), 1);
  }
});
