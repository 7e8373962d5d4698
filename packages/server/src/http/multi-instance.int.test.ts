import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Appointment } from '../modules/referrals/index.js';
import { act, MUTATIONS, showcase, slotsFor, type Payload } from '../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T09:30:00Z');
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two server instances sharing one database and one Redis, as behind a load balancer: live
 * updates cross from one to the other through Redis pub/sub, and bookings through both never
 * double book (the database decides).
 */
describe('two server instances over one database and one Redis', () => {
  // Each run gets its own channels, so parallel runs on one Redis never hear each other.
  const prefix = `open-ers-test-${randomUUID()}:`;
  let first: TestServer;
  let second: TestServer;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    first = await startTestServer({
      now: NOW,
      seedDemo: true,
      redisUrl: REDIS_URL,
      redisKeyPrefix: prefix,
    });
    second = await startTestServer({
      now: NOW,
      sharing: first.db,
      redisUrl: REDIS_URL,
      redisKeyPrefix: prefix,
    });
    places = await showcase(first.db.orm.em.fork());
  }, 120_000);

  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const newReferral = async (gp: TestSession) =>
    (
      await act(gp, 'createReferral', {
        patientId: places.david.id,
        priority: 'ROUTINE',
        serviceIds: [places.arrhythmia.id],
        letterStatus: 'NOT_INTENDING_TO_ADD',
        ...WITH_CLINICAL_INFORMATION,
      })
    ).referral;

  it('a change made through one instance reaches a subscriber connected to the other', async () => {
    const gp = await first.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    const consultant = await second.signInAs('SERVICE_PROVIDER_CLINICIAN', {
      username: 'spc.leeds',
    });
    const heard = consultant.subscribeOnce<{ worklistsChanged: { ubrn: string; event: string } }>(
      'subscription { worklistsChanged { ubrn event } }',
      {},
      { waitMs: 8_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    const referral = await newReferral(gp);
    const slotId = (await slotsFor(gp, referral.ubrn, places.arrhythmia.id)).edges[0]!.node.id;
    await act(gp, 'bookAppointment', { ubrn: referral.ubrn, slotId });
    expect((await heard)?.data?.worklistsChanged).toEqual({ ubrn: referral.ubrn, event: 'BOOK' });
  });

  it('bookings racing through both instances for one slot give exactly one booking', async () => {
    const gpOnFirst = await first.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    const gpOnSecond = await second.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    const referrals = [];
    for (let i = 0; i < 30; i++) referrals.push(await newReferral(i % 2 ? gpOnFirst : gpOnSecond));
    const slotId = (await slotsFor(gpOnFirst, referrals[0]!.ubrn, places.arrhythmia.id)).edges[0]!
      .node.id;
    const results = await Promise.all(
      referrals.map((r, i) =>
        (i % 2 ? gpOnFirst : gpOnSecond).graphql<{ bookAppointment: Payload }>(
          MUTATIONS.bookAppointment,
          {
            input: { ubrn: r.ubrn, slotId },
          },
        ),
      ),
    );
    expect(results.filter((r) => r.data?.bookAppointment)).toHaveLength(1);
    expect(
      results.filter((r) => r.errors?.[0]?.extensions?.code === 'SLOT_NOT_AVAILABLE'),
    ).toHaveLength(29);
    expect(
      await first.db.orm.em
        .fork()
        .count(Appointment, { slot: slotId, status: { $in: ['PENDING', 'BOOKED'] } }),
    ).toBe(1);
  });
});
