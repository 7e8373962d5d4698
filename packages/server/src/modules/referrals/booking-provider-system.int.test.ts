import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../jobs/scheduler.js';
import {
  act,
  MUTATIONS,
  readReferral,
  showcase,
  slotsFor,
  worklistUbrns,
} from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { Slot } from '../slots/index.js';
import { Appointment } from './appointment.entity.js';
import type { BookingConfirmation, ProviderBookingAdapter } from './provider-adapter.js';
import { claimSlot, DEFAULT_BOOKING_GUARDS } from './referral-store.js';
import { Referral } from './referral.entity.js';

const NOW = new Date('2026-11-23T09:30:00Z');

/** A provider system whose behaviour each test sets. */
class ScriptedProviderSystem implements ProviderBookingAdapter {
  behaviour: 'confirm' | 'hang' | 'fail' | 'slot-gone' = 'confirm';
  calls = 0;
  async confirmBooking(_request: unknown, signal: AbortSignal): Promise<BookingConfirmation> {
    this.calls++;
    switch (this.behaviour) {
      case 'confirm':
        return { status: 'CONFIRMED' };
      case 'slot-gone':
        return { status: 'SLOT_NOT_AVAILABLE' };
      case 'fail':
        throw new Error('PAS responded with error 502');
      case 'hang':
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
    }
  }
}

describe('booking when the provider’s system does not confirm', () => {
  let server: TestServer;
  let gp: TestSession;
  let providerAdmin: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;
  const pas = new ScriptedProviderSystem();

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      seedDemo: true,
      booking: { adapter: pas, confirmationTimeoutMs: 200 },
    });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const newReferral = async (serviceIds = [places.arrhythmia.id]) =>
    (
      await act(gp, 'createReferral', {
        patientId: places.margaret.id,
        priority: 'URGENT',
        serviceIds,
        letterStatus: 'NOT_INTENDING_TO_ADD',
        clinicalInformation: 'Syncope on exertion.',
      })
    ).referral;

  const firstSlot = async (ubrn: string) =>
    (await slotsFor(gp, ubrn, places.arrhythmia.id)).edges[0]!.node.id;
  const em = () => server.db.orm.em.fork();

  it.each(['hang', 'fail'] as const)(
    'when the provider’s system %s, the referral is deferred to the provider with BOOKING_ATTEMPT_PROBLEM and nothing is lost',
    async (behaviour) => {
      pas.behaviour = behaviour;
      const referral = await newReferral();
      const slotId = await firstSlot(referral.ubrn);
      const result = await act(gp, 'bookAppointment', {
        ubrn: referral.ubrn,
        slotId,
        expectedVersion: referral.version,
      });
      expect(result.notice).toBe('BOOKING_ATTEMPT_PROBLEM');
      expect(result.noticeMessage).toMatch(/could not confirm the booking/);
      expect(result.referral).toMatchObject({
        state: 'DEFERRED_TO_PROVIDER',
        appointment: {
          status: 'PROPOSED',
          proposalReason: 'BOOKING_ATTEMPT_PROBLEM',
          serviceId: places.arrhythmia.id,
        },
      });
      // The clinical information and everything else entered is still there.
      expect((await readReferral(gp, referral.ubrn)).clinicalInformation).toBe(
        'Syncope on exertion.',
      );
      // The slot is free again for someone else; the claim is marked failed.
      expect((await em().findOneOrFail(Slot, { id: slotId })).status).toBe('FREE');
      expect(
        await em().count(Appointment, { slot: slotId, status: 'FAILED' }),
      ).toBeGreaterThanOrEqual(1);
      expect(await worklistUbrns(providerAdmin, 'APPOINTMENT_SLOT_ISSUES')).toContain(
        referral.ubrn,
      );
    },
  );

  it('when the provider’s system says the slot does not exist, the referral is deferred and the phantom slot withdrawn', async () => {
    pas.behaviour = 'slot-gone';
    const referral = await newReferral();
    const slotId = await firstSlot(referral.ubrn);
    const result = await act(gp, 'bookAppointment', { ubrn: referral.ubrn, slotId });
    expect(result.referral).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      appointment: { proposalReason: 'SLOT_NOT_AVAILABLE' },
    });
    expect((await em().findOneOrFail(Slot, { id: slotId })).status).toBe('CANCELLED');
    expect(
      (await slotsFor(gp, (await newReferral()).ubrn, places.arrhythmia.id)).edges.map(
        (e) => e.node.id,
      ),
    ).not.toContain(slotId);
  });

  it('a provider admin booking from the slot-issue list is told it failed, and the referral stays as it was', async () => {
    pas.behaviour = 'confirm';
    const referral = await newReferral([places.arrhythmia.id, places.heartFailure.id]);
    const deferredFirst = await act(gp, 'deferToProvider', {
      ubrn: referral.ubrn,
      serviceId: places.heartFailure.id,
    });
    expect(deferredFirst.referral.state).toBe('DEFERRED_TO_PROVIDER');
    pas.behaviour = 'fail';
    const slot = await em().findOneOrFail(
      Slot,
      { service: places.arrhythmia.id, status: 'FREE' },
      { orderBy: { startAt: 'desc' } },
    );
    const attempt = await providerAdmin.graphql(MUTATIONS.bookAppointment, {
      input: {
        ubrn: referral.ubrn,
        slotId: slot.id,
        redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC',
      },
    });
    expect(attempt.errors?.[0]?.extensions?.code).toBe('BOOKING_ATTEMPT_PROBLEM');
    const after = await readReferral(providerAdmin, referral.ubrn);
    expect(after).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      version: deferredFirst.referral.version,
    });
    expect((await em().findOneOrFail(Slot, { id: slot.id })).status).toBe('FREE');
  });

  it('a claim left behind by a server that stopped mid-booking is cleared by housekeeping', async () => {
    const referral = await newReferral();
    const slotId = await firstSlot(referral.ubrn);
    const row = await em().findOneOrFail(Referral, { ubrn: referral.ubrn });
    // What a server that died after claiming, before confirming, leaves: a PENDING claim.
    const tx = em();
    await claimSlot(tx, slotId, referral.ubrn, NOW, DEFAULT_BOOKING_GUARDS, {
      id: randomUUID(),
      referralId: row.id,
      serviceId: places.arrhythmia.id,
      start: new Date(NOW.getTime() + 86_400_000),
      end: new Date(NOW.getTime() + 86_400_000 + 1_200_000),
      clinicianId: null,
      status: 'PENDING',
    });
    await tx.flush();
    expect((await em().findOneOrFail(Slot, { id: slotId })).status).toBe('BOOKED');

    const later = new Date(NOW.getTime() + 10 * 60_000);
    const housekeeping = startHousekeeping({
      orm: server.db.orm,
      log: pino({ level: 'silent' }),
      clock: () => later,
      everyMs: 3_600_000,
      confirmationTimeoutMs: 200,
    });
    await housekeeping.runOnce();
    housekeeping.stop();
    expect((await em().findOneOrFail(Slot, { id: slotId })).status).toBe('FREE');
    expect(await em().count(Appointment, { slot: slotId, status: 'PENDING' })).toBe(0);
    // The referral was never changed, and the user was never told it was booked.
    expect((await readReferral(gp, referral.ubrn)).state).toBe('NOT_BOOKED');
  });
});
