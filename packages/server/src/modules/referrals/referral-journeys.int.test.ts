import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priorityColumns, Slot } from '../slots/index.js';
import { AuditEvent } from '../audit/index.js';
import {
  act,
  allowed,
  codeOf,
  readReferral,
  refused,
  showcase,
  slotsFor,
  worklistUbrns,
  HOLD_SLOT,
  MUTATIONS,
  type Payload,
} from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { Appointment } from './appointment.entity.js';
import { Referral } from './referral.entity.js';
import { WorklistEntryRecord } from '../worklists/index.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

// A Monday morning; the demo data places slots from tomorrow for six weeks.
const NOW = new Date('2026-11-23T09:30:00Z');

/**
 * The main referral journeys through GraphQL, as the real roles, on the database of this run
 * (SQLite or PostgreSQL): the same tests on both.
 */
describe('referral journeys over GraphQL', () => {
  let server: TestServer;
  let gp: TestSession;
  let consultant: TestSession;
  let providerAdmin: TestSession;
  let practiceAdmin: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
    practiceAdmin = await server.signInAs('REFERRING_ADMIN', { username: 'ra.leeds' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const create = (serviceIds: string[], extra: Record<string, unknown> = {}) =>
    act(gp, 'createReferral', {
      patientId: places.margaret.id,
      priority: 'ROUTINE',
      serviceIds,
      letterStatus: 'NEED_TO_ADD_LATER',
      clinicalInformation: 'Intermittent palpitations for three months; ECG attached to follow.',
      ...extra,
    });

  /** Books the first bookable slot of a service for a referral, as `who`. */
  const bookFirstSlot = async (
    who: TestSession,
    ubrn: string,
    serviceId: string,
    version: number,
  ) => {
    const slots = await slotsFor(who, ubrn, serviceId);
    expect(slots.totalCount).toBeGreaterThan(0);
    const slotId = slots.edges[0]!.node.id;
    return {
      slotId,
      payload: await act(who, 'bookAppointment', { ubrn, slotId, expectedVersion: version }),
    };
  };

  const slotStatus = async (slotId: string) =>
    (await server.db.orm.em.fork().findOneOrFail(Slot, { id: slotId })).status;

  it('GP creates and books; the consultant sees it for review and accepts it', async () => {
    // With its clinical information and no letter to follow (an outstanding letter blocks
    // accepting: clinical-information.int.test.ts).
    const created = await create([places.arrhythmia.id], { letterStatus: 'NOT_INTENDING_TO_ADD' });
    expect(created.referral).toMatchObject({
      state: 'NOT_BOOKED',
      version: 1,
      letterStatus: 'NOT_INTENDING_TO_ADD',
    });
    expect(created.referral.ubrn).toMatch(/^\d{12}$/);
    expect(created.referral.accessCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(allowed(created.referral)).toEqual(
      expect.arrayContaining(['BOOK', 'CANCEL_REFERRAL', 'CHANGE_SHORTLIST']),
    );
    const { ubrn } = created.referral;
    // Not yet the provider's business: a provider sees a referral only once it reaches them.
    expect(codeOf(await consultant.graphql(MUTATIONS.acceptReferral, { input: { ubrn } }))).toBe(
      'NO_RELATIONSHIP',
    );

    const slots = await slotsFor(gp, ubrn, places.arrhythmia.id);
    const slotId = slots.edges[0]!.node.id;
    // A referrer is never told a slot is the provider's only: it is never offered one.
    expect(slots.edges.length).toBeGreaterThan(0);
    expect(slots.edges.every((e) => e.providerOnly === null)).toBe(true);
    const hold = await gp.graphql<{ holdSlot: { heldUntil: string } }>(HOLD_SLOT, {
      input: { ubrn, slotId },
    });
    expect(new Date(hold.data!.holdSlot.heldUntil).getTime()).toBe(NOW.getTime() + 5 * 60_000);
    // A held slot is not offered to anyone else.
    const other = await create([places.arrhythmia.id], { patientId: places.david.id });
    expect(
      (await slotsFor(gp, other.referral.ubrn, places.arrhythmia.id)).edges.map((e) => e.node.id),
    ).not.toContain(slotId);

    const booked = await act(gp, 'bookAppointment', {
      ubrn,
      slotId,
      expectedVersion: created.referral.version,
    });
    expect(booked.referral).toMatchObject({
      state: 'BOOKED',
      appointment: { status: 'BOOKED', slotId },
    });
    expect(await slotStatus(slotId)).toBe('BOOKED');

    expect(await worklistUbrns(consultant, 'REFERRALS_FOR_REVIEW')).toContain(ubrn);
    const forReview = await readReferral(consultant, ubrn);
    expect(allowed(forReview)).toEqual(
      expect.arrayContaining(['ACCEPT', 'REJECT', 'CANCEL_APPOINTMENT_ACTION_LATER']),
    );

    const accepted = await act(consultant, 'acceptReferral', {
      ubrn,
      expectedVersion: forReview.version,
      comment: 'Seen: appropriate.',
    });
    expect(accepted.referral.state).toBe('ACCEPTED');
    expect(await worklistUbrns(consultant, 'REFERRALS_FOR_REVIEW')).not.toContain(ubrn);
    const seenByGp = await readReferral(gp, ubrn);
    expect(seenByGp.state).toBe('ACCEPTED');
    expect(seenByGp.history.map((h) => [h.action, h.toState, h.role])).toEqual([
      ['CREATE_REFERRAL', 'NOT_BOOKED', 'REFERRING_CLINICIAN'],
      ['BOOK', 'BOOKED', 'REFERRING_CLINICIAN'],
      ['ACCEPT', 'ACCEPTED', 'SERVICE_PROVIDER_CLINICIAN'],
    ]);
  });

  it('tells a GP watching the referral when the provider changes it (subscription)', async () => {
    const created = await create([places.arrhythmia.id], { letterStatus: 'NOT_INTENDING_TO_ADD' });
    const { ubrn } = created.referral;
    await bookFirstSlot(gp, ubrn, places.arrhythmia.id, created.referral.version);
    const event = gp.subscribeOnce<{
      referralChanged: { ubrn: string; event: string; version: number };
    }>(
      'subscription ($ubrn: ID!) { referralChanged(ubrn: $ubrn) { ubrn event version } }',
      { ubrn },
      { waitMs: 5_000 },
    );
    await new Promise((r) => setTimeout(r, 200));
    await act(consultant, 'acceptReferral', { ubrn });
    expect((await event)?.data?.referralChanged).toEqual({ ubrn, event: 'ACCEPT', version: 3 });
  });

  it('with no slot to book, the GP defers; the provider admin books it from Appointment Slot Issues, including a slot reserved for the provider', async () => {
    const created = await create([places.heartFailure.id]);
    const { ubrn } = created.referral;
    expect(allowed(created.referral)).toContain('DEFER_TO_PROVIDER');
    const deferred = await act(gp, 'deferToProvider', {
      ubrn,
      serviceId: places.heartFailure.id,
      expectedVersion: 1,
    });
    expect(deferred.referral).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      appointment: { status: 'PROPOSED', proposalReason: 'NO_SLOTS_AT_SERVICE' },
    });
    expect(await worklistUbrns(gp, 'AWAITING_BOOKING')).toContain(ubrn);
    expect(await worklistUbrns(providerAdmin, 'APPOINTMENT_SLOT_ISSUES')).toContain(ubrn);

    // The trust publishes a clinic, reserved for its own staff for two days.
    const em = server.db.orm.em.fork();
    await em.nativeUpdate('Service', { id: places.heartFailure.id }, { reservationDays: 2 });
    const slot = em.create(Slot, {
      id: randomUUID(),
      service: places.heartFailure.id,
      startAt: new Date(NOW.getTime() + 2 * 86_400_000),
      endAt: new Date(NOW.getTime() + 2 * 86_400_000 + 30 * 60_000),
      ...priorityColumns(['ROUTINE', 'URGENT']),
      publishedAt: NOW,
    });
    // And, published long ago, one slot sooner and one further ahead than referrers may book.
    const longAgo = new Date(NOW.getTime() - 30 * 86_400_000);
    const soon = em.create(Slot, {
      id: randomUUID(),
      service: places.heartFailure.id,
      startAt: new Date(NOW.getTime() + 30 * 60_000),
      endAt: new Date(NOW.getTime() + 60 * 60_000),
      ...priorityColumns(['ROUTINE', 'URGENT']),
      publishedAt: longAgo,
    });
    const farAhead = em.create(Slot, {
      id: randomUUID(),
      service: places.heartFailure.id,
      startAt: new Date(NOW.getTime() + 300 * 86_400_000),
      endAt: new Date(NOW.getTime() + 300 * 86_400_000 + 30 * 60_000),
      ...priorityColumns(['ROUTINE', 'URGENT']),
      publishedAt: longAgo,
    });
    await em.flush();
    const gpSlots = await slotsFor(gp, ubrn, places.heartFailure.id);
    expect(gpSlots.totalCount).toBe(0);
    const adminSlots = await slotsFor(providerAdmin, ubrn, places.heartFailure.id);
    // The provider's staff see all three, each marked with why a referrer could not book it.
    expect(adminSlots.edges.map((e) => [e.node.id, e.providerOnly])).toEqual([
      [soon.id, 'TOO_SOON'],
      [slot.id, 'RESERVED_FOR_PROVIDER'],
      [farAhead.id, 'TOO_FAR_AHEAD'],
    ]);

    const booked = await act(providerAdmin, 'bookAppointment', {
      ubrn,
      slotId: slot.id,
      expectedVersion: deferred.referral.version,
    });
    expect(booked.referral.state).toBe('BOOKED');
    expect(booked.referral.clinicalInformation).toBeNull(); // an admin role never receives it
    expect(await worklistUbrns(providerAdmin, 'APPOINTMENT_SLOT_ISSUES')).not.toContain(ubrn);
    // Booked without clinical review, so it goes to the consultant for review.
    expect(await worklistUbrns(consultant, 'REFERRALS_FOR_REVIEW')).toContain(ubrn);
  });

  it('refuses to defer while the service has bookable slots', async () => {
    const created = await create([places.arrhythmia.id]);
    expect(
      await refused(gp, 'deferToProvider', {
        ubrn: created.referral.ubrn,
        serviceId: places.arrhythmia.id,
      }),
    ).toBe('SLOTS_CURRENTLY_AVAILABLE');
  });

  it('triage: the consultant returns it with advice, and the GP rebooks', async () => {
    const created = await create([places.triage.id, places.arrhythmia.id], { priority: 'URGENT' });
    const { ubrn } = created.referral;
    const sent = await act(gp, 'sendForTriage', {
      ubrn,
      serviceId: places.triage.id,
      comment: 'Please advise.',
    });
    expect(sent.referral.state).toBe('AWAITING_TRIAGE');
    expect(await worklistUbrns(consultant, 'REFERRALS_FOR_REVIEW')).toContain(ubrn);
    const triage = await readReferral(consultant, ubrn);
    expect(
      triage.allowedActions
        .find((a) => a.action === 'RECORD_TRIAGE_OUTCOME')
        ?.reasons.map((r) => r.code),
    ).toEqual(
      expect.arrayContaining(['ACCEPT_REFER_BOOK_LATER', 'RETURN_TO_REFERRER_WITH_ADVICE']),
    );
    expect(
      await refused(consultant, 'recordTriageOutcome', {
        ubrn,
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        comment: 'Trial of beta blocker first.',
        newPriority: 'ROUTINE',
      }),
    ).toBe('PRIORITY_NOT_CURRENT');
    const returned = await act(consultant, 'recordTriageOutcome', {
      ubrn,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      comment: 'Trial of beta blocker first; book the arrhythmia clinic if symptoms persist.',
    });
    expect(returned.referral.state).toBe('TRIAGE_RESPONSE');
    expect(await worklistUbrns(gp, 'REJECTED_TRIAGE_RESPONSE')).toContain(ubrn);
    const advice = await readReferral(gp, ubrn);
    expect(advice.stateComment).toContain('beta blocker');
    const { payload } = await bookFirstSlot(gp, ubrn, places.arrhythmia.id, advice.version);
    expect(payload.referral.state).toBe('BOOKED');
    expect(await worklistUbrns(gp, 'REJECTED_TRIAGE_RESPONSE')).not.toContain(ubrn);
  });

  it('the consultant rejects a booked referral with a reason; the slot is freed and the GP is told', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { slotId, payload } = await bookFirstSlot(gp, ubrn, places.arrhythmia.id, 1);
    expect(await refused(consultant, 'rejectReferral', { ubrn, reason: 'NOT_A_REASON' })).toBe(
      'INVALID_CODE',
    );
    const rejected = await act(consultant, 'rejectReferral', {
      ubrn,
      reason: 'SERVICE_INAPPROPRIATE',
      comment: 'Refer to the community heart failure team instead.',
      expectedVersion: payload.referral.version,
    });
    expect(rejected.referral).toMatchObject({
      state: 'REJECTED',
      stateReason: 'SERVICE_INAPPROPRIATE',
    });
    expect(await slotStatus(slotId)).toBe('FREE');
    expect(await worklistUbrns(gp, 'REJECTED_TRIAGE_RESPONSE')).toContain(ubrn);
  });

  it('the patient cancels (through the practice) and rebooks', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { slotId, payload } = await bookFirstSlot(gp, ubrn, places.arrhythmia.id, 1);
    const cancelled = await act(practiceAdmin, 'cancelAppointment', {
      ubrn,
      reason: 'PATIENT_HOLIDAY',
      expectedVersion: payload.referral.version,
    });
    expect(cancelled.referral.state).toBe('APPT_CANCELLED_BY_PATIENT');
    expect(await slotStatus(slotId)).toBe('FREE');
    expect(await worklistUbrns(gp, 'AWAITING_BOOKING')).toContain(ubrn);
    const rebooked = await bookFirstSlot(
      practiceAdmin,
      ubrn,
      places.arrhythmia.id,
      cancelled.referral.version,
    );
    expect(rebooked.payload.referral.state).toBe('BOOKED');
    const appointments = await server.db.orm.em
      .fork()
      .find(Appointment, { referral: { ubrn } }, { orderBy: { createdAt: 'asc' } });
    expect(appointments.map((a) => [a.status, a.isCurrent])).toEqual([
      ['CANCELLED', false],
      ['BOOKED', true],
    ]);
  });

  it('cancelling the referral ends everything: appointment, slot, worklists and any further action', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { slotId } = await bookFirstSlot(gp, ubrn, places.arrhythmia.id, 1);
    const cancelled = await act(gp, 'cancelReferral', {
      ubrn,
      reason: 'TREATMENT_NO_LONGER_REQUIRED',
      comment: 'Symptoms resolved.',
    });
    expect(cancelled.referral.state).toBe('CANCELLED_REFERRAL');
    expect(cancelled.referral.allowedActions.filter((a) => a.action !== 'ACKNOWLEDGE')).toEqual([]);
    expect(await slotStatus(slotId)).toBe('FREE');
    const em = server.db.orm.em.fork();
    expect(
      await em.count(Appointment, { referral: { ubrn }, status: { $in: ['BOOKED', 'PENDING'] } }),
    ).toBe(0);
    expect(await em.count(WorklistEntryRecord, { ubrn })).toBe(0);
    expect(await refused(gp, 'changeShortlist', { ubrn, serviceIds: [places.arrhythmia.id] })).toBe(
      'INVALID_REQUEST_STATE',
    );
    expect(await refused(consultant, 'acceptReferral', { ubrn })).toBe('INVALID_REQUEST_STATE');
  });

  it('refuses a change based on a stale version, and changes nothing', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn, version } = created.referral;
    await act(gp, 'changeShortlist', {
      ubrn,
      serviceIds: [places.arrhythmia.id, places.triage.id],
      expectedVersion: version,
    });
    const stale = await gp.graphql(MUTATIONS.changeShortlist, {
      input: { ubrn, serviceIds: [places.heartFailure.id], expectedVersion: version },
    });
    expect(codeOf(stale)).toBe('STALE_VERSION');
    expect(stale.errors?.[0]?.message).toMatch(/Refresh/);
    const now = await readReferral(gp, ubrn);
    expect(now.version).toBe(version + 1);
  });

  it('a retry with the same idempotency key returns the first result and does nothing twice', async () => {
    const key = randomUUID();
    const input = {
      patientId: places.david.id,
      priority: 'ROUTINE',
      serviceIds: [places.arrhythmia.id],
      letterStatus: 'NOT_INTENDING_TO_ADD',
      ...WITH_CLINICAL_INFORMATION,
      idempotencyKey: key,
    };
    const before = await server.db.orm.em.fork().count(Referral, {});
    const first = await act(gp, 'createReferral', input);
    const retries = await Promise.all([1, 2, 3].map(() => act(gp, 'createReferral', input)));
    expect(first.replayed).toBe(false);
    for (const retry of retries) {
      expect(retry).toMatchObject({ replayed: true, referral: { ubrn: first.referral.ubrn } });
    }
    expect(await server.db.orm.em.fork().count(Referral, {})).toBe(before + 1);
    const misuse = await gp.graphql(MUTATIONS.createReferral, {
      input: { ...input, priority: 'URGENT' },
    });
    expect(codeOf(misuse)).toBe('IDEMPOTENCY_KEY_REUSED');

    // Booking too: the retry does not book a second slot.
    const bookKey = randomUUID();
    const slotId = (await slotsFor(gp, first.referral.ubrn, places.arrhythmia.id)).edges[0]!.node
      .id;
    const booking = { ubrn: first.referral.ubrn, slotId, idempotencyKey: bookKey };
    // A key longer than the column is bad input on the booking path too, and books nothing.
    const tooLong = await gp.graphql(MUTATIONS.bookAppointment, {
      input: { ...booking, idempotencyKey: 'k'.repeat(256) },
    });
    expect(codeOf(tooLong)).toBe('BAD_USER_INPUT');
    expect((await server.db.orm.em.fork().findOneOrFail(Slot, { id: slotId })).status).toBe('FREE');

    // The same key sent several times at once books once; the others replay it or are told
    // the first is still running.
    const attempts = await Promise.all(
      [1, 2, 3, 4].map(() =>
        gp.graphql<{ bookAppointment: Payload }>(MUTATIONS.bookAppointment, { input: booking }),
      ),
    );
    const answers = attempts.map((a) =>
      a.errors ? codeOf(a) : a.data!.bookAppointment.replayed ? 'REPLAYED' : 'BOOKED',
    );
    expect(answers.filter((a) => a === 'BOOKED')).toHaveLength(1);
    for (const answer of answers) {
      expect(['BOOKED', 'REPLAYED', 'REQUEST_IN_PROGRESS']).toContain(answer);
    }
    const booked = attempts.find((a) => a.data && !a.data.bookAppointment.replayed)!.data!
      .bookAppointment;
    const again = await act(gp, 'bookAppointment', booking);
    expect(again).toMatchObject({
      replayed: true,
      referral: { state: 'BOOKED', version: booked.referral.version },
    });
    expect(
      await server.db.orm.em.fork().count(Appointment, { referral: { ubrn: booking.ubrn } }),
    ).toBe(1);
  });

  it('reading a referral as a clinician writes exactly one audit record; admin roles see no clinical content', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn } = created.referral;
    await bookFirstSlot(gp, ubrn, places.arrhythmia.id, 1);
    const em = server.db.orm.em.fork();
    const requestId = `read-${randomUUID()}`;
    const result = await gp.graphql(
      'query R($ubrn: ID!) { referral(ubrn: $ubrn) { ubrn clinicalInformation history { comment } } }',
      { ubrn },
      { headers: { 'x-request-id': requestId } },
    );
    expect(result.errors).toBeUndefined();
    const lines = await em.find(AuditEvent, { requestId });
    expect(lines.map((l) => [l.action, l.ubrn, l.role])).toEqual([
      ['VIEW_REFERRAL', ubrn, 'REFERRING_CLINICIAN'],
    ]);
    expect(lines[0]!.patientId).toBe(places.margaret.id);

    for (const admin of [practiceAdmin, providerAdmin]) {
      const seen = await readReferral(admin, ubrn);
      expect(seen.accessLevel).toBe('ADMINISTRATIVE');
      expect(seen.clinicalInformation).toBeNull();
      expect(seen.stateComment).toBeNull();
      expect(seen.history.every((h) => h.comment === null)).toBe(true);
    }
    expect((await readReferral(gp, ubrn)).clinicalInformation).toContain('palpitations');
  });
});
