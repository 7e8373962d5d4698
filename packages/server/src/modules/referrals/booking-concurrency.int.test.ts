import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingGuards } from './referral-store.js';
import { Appointment } from './appointment.entity.js';
import { Slot } from '../slots/index.js';
import { MUTATIONS, showcase, slotsFor, type Payload } from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { Organisation } from '../directory/index.js';
import type { Actor } from '@open-ers/domain';
import { User } from '../identity/index.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T09:30:00Z');
const RACERS = 100;

/**
 * No double booking, under any concurrency: many clients confirm bookings at once over HTTP.
 * Run with the application's compare-and-swap on, and with it off (only the database's unique
 * index on a slot's active appointment standing between them).
 */
describe.each<[string, BookingGuards]>([
  ['with the application check', { applicationCheck: true }],
  ['with only the database constraint', { applicationCheck: false }],
])('simultaneous bookings %s', (_label, guards) => {
  let server: TestServer;
  let gp: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;
  let ubrns: string[];

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true, guards });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    // Referrals to race with, made through the services (faster than one request each).
    const em = server.db.orm.em.fork();
    const actor: Actor = {
      userId: (await em.findOneOrFail(User, { username: 'rc.leeds' })).id,
      role: 'REFERRING_CLINICIAN',
      organisationId: (await em.findOneOrFail(Organisation, { odsCode: 'A80000' })).id,
    };
    const { referrals } = workflowServices(server.db.orm, NOW);
    ubrns = [];
    for (let i = 0; i < RACERS * 2; i++) {
      const created = await referrals.create(
        {
          patientId: i % 2 ? places.margaret.id : places.david.id,
          priority: 'ROUTINE',
          serviceIds: [places.arrhythmia.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        actor,
      );
      ubrns.push(created.referral.ubrn);
    }
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  const book = (ubrn: string, slotId: string) =>
    gp.graphql<{ bookAppointment: Payload }>(MUTATIONS.bookAppointment, {
      input: { ubrn, slotId },
    });

  const activeBookingsPerSlot = async () => {
    const em = server.db.orm.em.fork();
    const active = await em.find(
      Appointment,
      { status: { $in: ['PENDING', 'BOOKED'] } },
      { fields: ['slot'] },
    );
    const counts = new Map<string, number>();
    for (const a of active) if (a.slot) counts.set(a.slot.id, (counts.get(a.slot.id) ?? 0) + 1);
    return counts;
  };

  it(`${RACERS} clients confirming one slot at once: exactly one booking, every other a clean SLOT_NOT_AVAILABLE`, async () => {
    const slot = (await slotsFor(gp, ubrns[0]!, places.arrhythmia.id)).edges[0]!.node.id;
    const results = await Promise.all(ubrns.slice(0, RACERS).map((ubrn) => book(ubrn, slot)));
    const winners = results.filter((r) => r.data?.bookAppointment?.referral.state === 'BOOKED');
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    for (const loser of losers) {
      // Refused either by the rules (the winner's booking already committed) or by the claim.
      expect(loser.errors![0]!.extensions).toMatchObject({
        code: 'SLOT_NOT_AVAILABLE',
        field: 'slotId',
      });
      expect(loser.errors![0]!.message).toBe(
        'That appointment is no longer available. Choose another.',
      );
    }
    expect((await activeBookingsPerSlot()).get(slot)).toBe(1);
    expect((await server.db.orm.em.fork().findOneOrFail(Slot, { id: slot })).status).toBe('BOOKED');
  });

  it('refuses a later booking of a slot already booked (with the check off, the database refuses it)', async () => {
    const taken = [...(await activeBookingsPerSlot()).keys()][0]!;
    const late = await book(ubrns[RACERS * 2 - 1]!, taken);
    expect(late.errors?.[0]?.extensions).toMatchObject({
      code: 'SLOT_NOT_AVAILABLE',
      field: 'slotId',
    });
    expect((await activeBookingsPerSlot()).get(taken)).toBe(1);
  });

  it(`${RACERS} clients racing for a pool of 10 slots: one booking per slot, never two`, async () => {
    const pool = (await slotsFor(gp, ubrns[RACERS]!, places.arrhythmia.id)).edges
      .slice(0, 10)
      .map((e) => e.node.id);
    expect(pool).toHaveLength(10);
    const results = await Promise.all(
      ubrns.slice(RACERS, RACERS * 2).map((ubrn, i) => book(ubrn, pool[i % pool.length]!)),
    );
    const winners = results.filter((r) => r.data?.bookAppointment);
    expect(winners).toHaveLength(10);
    expect(
      results
        .filter((r) => r.errors)
        .every((r) => r.errors![0]!.extensions?.code === 'SLOT_NOT_AVAILABLE'),
    ).toBe(true);
    const perSlot = await activeBookingsPerSlot();
    for (const slot of pool) expect(perSlot.get(slot)).toBe(1);
    expect(Math.max(...perSlot.values())).toBe(1);
  });
});
