import { DomainError, type Actor } from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorAt, createReferralWorld, createSlots } from '../../test/fixtures/workflow.js';
import { createProviderWithSite, createService } from '../../test/fixtures/directory.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { Appointment, Referral, ReferralEventRecord } from '../referrals/index.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import { Slot } from './slot.entity.js';
import { SlotService } from './slots.service.js';
import { slotSupplyServices } from './slot-supply.test-support.js';
import { SLOT_MAINTENANCE_USER_ID } from './system-actors.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

describe('slot maintenance', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;
  let sd: Actor;
  const services = () => slotSupplyServices(db.orm, NOW);
  const slotRow = (id: string) => db.orm.em.fork().findOneOrFail(Slot, { id });
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (e: unknown) => e,
    );

  /** A referral to the clinic, booked into `slotId` by the GP. */
  const bookedReferral = async (slotId: string) => {
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
    const booked = await booking.book(created.referral.ubrn, { slotId }, world.gp);
    expect(booked.snapshot.state).toBe('BOOKED');
    return created.referral.ubrn;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(db.orm.em.fork(), NOW, 10);
    sd = actorAt(world.provider, 'SERVICE_DEFINER');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('shows each slot’s state by UK day, with no patient details', async () => {
    const [free, held, booked, blocked, offered] = world.slots;
    const em = db.orm.em.fork();
    await new SlotService(em).hold(held!.id, '000000000011', NOW);
    await bookedReferral(booked!.id);
    await services().maintenance.block(
      {
        serviceId: world.clinic.id,
        slotIds: [blocked!.id],
        reason: 'TRAINING',
        comment: 'Induction',
      },
      sd,
    );
    const until = new Date(NOW.getTime() + 48 * 3_600_000);
    expect(await new SlotService(em).offer(offered!.id, '000000000012', NOW, until)).toBe(true);
    // Published an hour ago at a service that keeps new slots for its staff for a day.
    await em.nativeUpdate('Service', { id: world.clinic.id }, { reservationDays: 1 });
    const [reserved] = await createSlots(
      em,
      world.clinic,
      new Date(NOW.getTime() + 40 * 3_600_000),
      1,
      {
        publishedAt: new Date(NOW.getTime() - 3_600_000),
      },
    );

    const days = await services().maintenance.calendar(
      world.clinic.id,
      '2026-11-23',
      '2026-11-25',
      sd,
    );
    const state = new Map(days.flatMap((d) => d.slots).map((s) => [s.id, s]));
    expect(state.get(free!.id)?.state).toBe('FREE');
    expect(state.get(held!.id)).toMatchObject({ state: 'HELD', heldUntil: expect.any(Date) });
    expect(state.get(booked!.id)?.state).toBe('BOOKED');
    expect(state.get(blocked!.id)).toMatchObject({
      state: 'BLOCKED',
      reason: 'TRAINING',
      comment: 'Induction',
    });
    expect(state.get(offered!.id)).toMatchObject({ state: 'OFFERED', heldUntil: until });
    expect(state.get(reserved!.id)?.state).toBe('RESERVED');
    expect(days.map((d) => d.date)).toEqual(['2026-11-24', '2026-11-25']);
    expect(JSON.stringify(days)).not.toMatch(/ubrn|0000000000/i);
    await em.nativeUpdate('Service', { id: world.clinic.id }, { reservationDays: 0 });
  });

  it('refuses a calendar longer than 62 days, or backwards', async () => {
    const { maintenance } = services();
    expect(
      await refusal(maintenance.calendar(world.clinic.id, '2026-11-23', '2027-01-24', sd)),
    ).toMatchObject({ code: 'INVALID_DATE_RANGE' });
    expect(
      await refusal(maintenance.calendar(world.clinic.id, '2026-11-23', '2026-11-22', sd)),
    ).toMatchObject({ code: 'INVALID_DATE_RANGE' });
    expect(
      await maintenance.calendar(world.clinic.id, '2026-11-23', '2027-01-23', sd),
    ).not.toHaveLength(0);
  });

  it('blocks and unblocks free slots, and asks for matching when capacity comes back', async () => {
    const slot = world.slots[5]!;
    const first = services();
    const blocked = await first.maintenance.block(
      { serviceId: world.clinic.id, slotIds: [slot.id], reason: 'OTHER', comment: 'Boiler' },
      sd,
    );
    expect(blocked).toEqual({ changed: 1, cancelledReferrals: [] });
    expect(await slotRow(slot.id)).toMatchObject({ status: 'BLOCKED', statusReason: 'OTHER' });
    // Again: already blocked, nothing changes.
    expect(
      (
        await first.maintenance.block(
          { serviceId: world.clinic.id, slotIds: [slot.id], reason: 'TRAINING' },
          sd,
        )
      ).changed,
    ).toBe(0);
    const second = services();
    expect(
      await second.maintenance.unblock({ serviceId: world.clinic.id, slotIds: [slot.id] }, sd),
    ).toEqual({ changed: 1, cancelledReferrals: [] });
    expect(await slotRow(slot.id)).toMatchObject({ status: 'FREE', statusReason: null });
    expect(second.jobs.asked).toEqual([
      { name: 'match-slot-issues', payload: { serviceId: world.clinic.id } },
    ]);
  });

  it('needs a comment with OTHER, and a known reason', async () => {
    const { maintenance } = services();
    const slotIds = [world.slots[6]!.id];
    expect(
      await refusal(
        maintenance.block({ serviceId: world.clinic.id, slotIds, reason: 'OTHER' }, sd),
      ),
    ).toMatchObject({ code: 'COMMENT_REQUIRED' });
    expect(
      await refusal(
        maintenance.cancel({ serviceId: world.clinic.id, slotIds, reason: 'PATIENT_ILL' }, sd),
      ),
    ).toMatchObject({ code: 'REASON_NOT_ALLOWED', field: 'reason' });
  });

  it('will not block or cancel a slot someone is booking, nor block a booked one', async () => {
    const [, held, booked] = world.slots;
    const { maintenance } = services();
    const error = await refusal(
      maintenance.block(
        { serviceId: world.clinic.id, slotIds: [world.slots[6]!.id, held!.id], reason: 'TRAINING' },
        sd,
      ),
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'SLOT_CHANGE_NOT_ALLOWED',
      details: { slotIds: [held!.id] },
    });
    // All or nothing: the free slot named with it was not blocked either.
    expect((await slotRow(world.slots[6]!.id)).status).toBe('FREE');
    expect(
      await refusal(
        maintenance.cancel(
          { serviceId: world.clinic.id, slotIds: [held!.id], reason: 'SLOT_CANCELLED' },
          sd,
        ),
      ),
    ).toMatchObject({ code: 'SLOT_CHANGE_NOT_ALLOWED' });
    expect(
      await refusal(
        maintenance.block(
          { serviceId: world.clinic.id, slotIds: [booked!.id], reason: 'TRAINING' },
          sd,
        ),
      ),
    ).toMatchObject({ code: 'SLOT_CHANGE_NOT_ALLOWED' });
  });

  it('cancels a free slot with the reason', async () => {
    const slot = world.slots[6]!;
    const result = await services().maintenance.cancel(
      { serviceId: world.clinic.id, slotIds: [slot.id], reason: 'CLINIC_CANCELLED' },
      sd,
    );
    expect(result).toEqual({ changed: 1, cancelledReferrals: [] });
    expect(await slotRow(slot.id)).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'CLINIC_CANCELLED',
    });
    expect(
      await refusal(
        services().maintenance.unblock({ serviceId: world.clinic.id, slotIds: [slot.id] }, sd),
      ),
    ).toMatchObject({ code: 'SLOT_CHANGE_NOT_ALLOWED' });
  });

  it('cancelling a booked slot cancels its appointment as the provider (T13), tells the GP, and lists the UBRN', async () => {
    const slot = world.slots[7]!;
    const ubrn = await bookedReferral(slot.id);
    const { maintenance, changes } = services();
    const result = await maintenance.cancel(
      {
        serviceId: world.clinic.id,
        slotIds: [slot.id, world.slots[8]!.id],
        reason: 'SLOT_CANCELLED',
        comment: 'Consultant on leave',
      },
      sd,
    );
    expect(result).toEqual({ changed: 2, cancelledReferrals: [ubrn] });

    const em = db.orm.em.fork();
    const referral = await em.findOneOrFail(Referral, { ubrn });
    expect(referral.state).toBe('APPT_CANCELLED_BY_PROVIDER');
    expect(await slotRow(slot.id)).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'SLOT_CANCELLED',
    });
    const appointment = await em.findOneOrFail(Appointment, {
      referral: referral.id,
      slot: slot.id,
    });
    expect(appointment).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'SLOT_CANCELLED',
    });
    // On the referrer's and the provider's worklists, as the domain says.
    const lists = await em.find(WorklistEntryRecord, { referral: referral.id });
    expect(lists.map((e) => [e.organisationId, e.worklist]).sort()).toEqual(
      [
        [world.practice.id, 'AWAITING_BOOKING'],
        [world.provider.id, 'APPOINTMENTS_FOR_BOOKING'],
      ].sort(),
    );
    // The history says slot maintenance did it, for the service definer.
    const event = await em.findOneOrFail(ReferralEventRecord, {
      referral: referral.id,
      type: 'CANCEL_APPOINTMENT',
    });
    expect(event).toMatchObject({
      userId: SLOT_MAINTENANCE_USER_ID,
      role: 'PROVIDER_AUTHORISED_APPLICATION',
      organisationId: world.provider.id,
      onBehalfOfUserId: sd.userId,
      reason: 'SLOT_CANCELLED',
      comment: 'Consultant on leave',
      toState: 'APPT_CANCELLED_BY_PROVIDER',
    });
    // The GP's worklists hear of it live.
    expect(changes).toContainEqual(
      expect.objectContaining({
        ubrn,
        event: 'CANCEL_APPOINTMENT',
        organisationIds: expect.arrayContaining([world.practice.id]),
      }),
    );
  });

  it('refuses another organisation’s service, and a slot of another service', async () => {
    const em = db.orm.em.fork();
    const other = await createProviderWithSite(em, { latitude: 53.8, longitude: -1.5 });
    const theirs = await createService(em, other);
    const [theirSlot] = await createSlots(em, theirs, new Date(NOW.getTime() + 86_400_000), 1);
    const { maintenance } = services();
    expect(
      await refusal(maintenance.calendar(theirs.id, '2026-11-23', '2026-11-30', sd)),
    ).toMatchObject({ code: 'REFERENCE_NOT_FOUND', field: 'serviceId' });
    expect(
      await refusal(
        maintenance.block(
          { serviceId: theirs.id, slotIds: [theirSlot!.id], reason: 'TRAINING' },
          sd,
        ),
      ),
    ).toMatchObject({ code: 'REFERENCE_NOT_FOUND' });
    expect(
      await refusal(
        maintenance.block(
          { serviceId: world.clinic.id, slotIds: [theirSlot!.id], reason: 'TRAINING' },
          sd,
        ),
      ),
    ).toMatchObject({ code: 'SLOT_NOT_AT_SERVICE', details: { slotIds: [theirSlot!.id] } });
    expect(
      await refusal(
        maintenance.block(
          { serviceId: world.clinic.id, slotIds: [randomUUID()], reason: 'TRAINING' },
          sd,
        ),
      ),
    ).toMatchObject({ code: 'REFERENCE_NOT_FOUND', field: 'slotIds' });
  });
});
