import { DomainError } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralWorld } from '../../test/fixtures/workflow.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { workflowServices } from '../../test/workflow-services.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T10:00:00Z'); // a Monday

describe('holding a slot at another service (provider redirect)', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;
  let ubrn: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(db.orm.em.fork(), NOW);
    // Deferred to the clinic with no slots: on the provider's Appointment slot issues.
    const { referrals, commands } = workflowServices(db.orm, NOW);
    const created = await referrals.create(
      {
        patientId: world.patient.id,
        priority: 'ROUTINE',
        serviceIds: [world.emptyClinic.id],
        letterStatus: 'NOT_INTENDING_TO_ADD',
        ...WITH_CLINICAL_INFORMATION,
      },
      world.gp,
    );
    ubrn = created.referral.ubrn;
    const deferred = await commands.deferToProvider(
      ubrn,
      world.gp,
      { serviceId: world.emptyClinic.id },
      { expectedVersion: created.snapshot.version },
    );
    expect(deferred.snapshot.state).toBe('DEFERRED_TO_PROVIDER');
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('refuses to hold without the redirect reason the booking will need', async () => {
    const error = await workflowServices(db.orm, NOW)
      .booking.hold(ubrn, world.slots[0]!.id, world.providerAdmin)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'REASON_REQUIRED', field: 'redirectReason' });
  });

  it('holds the slot with a redirect reason, and the booking with it succeeds', async () => {
    const { booking } = workflowServices(db.orm, NOW);
    const held = await booking.hold(ubrn, world.slots[0]!.id, world.providerAdmin, {
      redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC',
    });
    expect(held.heldUntil.getTime()).toBeGreaterThan(NOW.getTime());
    expect(held.slot.heldForUbrn).toBe(ubrn);

    const booked = await workflowServices(db.orm, NOW).booking.book(
      ubrn,
      { slotId: world.slots[0]!.id, redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC' },
      world.providerAdmin,
    );
    expect(booked.snapshot.state).toBe('BOOKED');
    expect(booked.snapshot.appointment?.serviceId).toBe(world.clinic.id);
    expect(booked.snapshot.stateReason).toBe('REDIRECTED_APPROPRIATE_CLINIC');
  });
});
