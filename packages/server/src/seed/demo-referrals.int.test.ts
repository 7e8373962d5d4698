import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../db/entities.js';
import { Organisation } from '../modules/directory/index.js';
import { Referral } from '../modules/referrals/index.js';
import { WorklistEntryRecord } from '../modules/worklists/index.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { seedDemoData } from './demo-seed.js';
import { seedDemoReferrals } from './demo-referrals.js';
import { seedDemoUsers } from './demo-users.js';

const NOW = new Date('2026-11-23T09:30:00Z');

describe('demo referrals', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.orm.em.fork(), { today: '2026-11-23', now: NOW });
    await seedDemoUsers(db.orm.em.fork(), { now: NOW });
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('leaves the Leeds practice and trust with referrals in a spread of states on their worklists', async () => {
    expect(await seedDemoReferrals(db.orm, { now: NOW })).toBe(19);
    const em = db.orm.em.fork();
    const states = new Map<string, number>();
    for (const r of await em.find(Referral, {}))
      states.set(r.state, (states.get(r.state) ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({
      NOT_BOOKED: 3,
      BOOKED: 4,
      ACCEPTED: 2,
      DEFERRED_TO_PROVIDER: 3,
      AWAITING_TRIAGE: 2,
      TRIAGE_RESPONSE: 1,
      TRIAGED_PROVIDER_TO_ACTION: 1,
      REJECTED: 1,
      APPT_CANCELLED_BY_PATIENT: 1,
      CANCELLED_REFERRAL: 1,
    });
    const trust = await em.findOneOrFail(Organisation, { odsCode: 'R00' });
    const practice = await em.findOneOrFail(Organisation, { odsCode: 'A80000' });
    const lists = async (organisationId: string) => {
      const counts = new Map<string, number>();
      for (const e of await em.find(WorklistEntryRecord, { organisationId })) {
        counts.set(e.worklist, (counts.get(e.worklist) ?? 0) + 1);
      }
      return Object.fromEntries(counts);
    };
    expect(await lists(trust.id)).toMatchObject({
      REFERRALS_FOR_REVIEW: 6,
      APPOINTMENT_SLOT_ISSUES: 3,
      APPOINTMENTS_FOR_BOOKING: 2,
    });
    expect(await lists(practice.id)).toMatchObject({
      LETTERS_OUTSTANDING: 3,
      REJECTED_TRIAGE_RESPONSE: 2,
    });
  });

  // MikroORM compared a SQLite timestamp read back as a Date with the number it would write, so
  // every entity with a `datetime` column looked changed: each referral written beside a loaded
  // service bumped that service's version. Reading must never write.
  it('reads every kind of record without finding anything to write back', async () => {
    if ((await db.orm.em.fork().count(Referral)) === 0)
      await seedDemoReferrals(db.orm, { now: NOW });
    const em = db.orm.em.fork();
    const loaded: Record<string, number> = {};
    for (const entity of ENTITIES) {
      loaded[entity.name] = (await em.find(entity, {}, { limit: 200 })).length;
    }
    // Every kind of record a demo database holds was read (so would have been caught).
    for (const name of [
      'Organisation',
      'Site',
      'Service',
      'Patient',
      'Slot',
      'User',
      'RoleAssignment',
      'Referral',
      'Appointment',
      'ReferralEventRecord',
      'WorklistEntryRecord',
    ]) {
      expect(loaded[name], name).toBeGreaterThan(0);
    }
    const uow = em.getUnitOfWork();
    uow.computeChangeSets();
    expect(uow.getChangeSets().map((c) => `${c.name} ${JSON.stringify(c.payload)}`)).toEqual([]);
  });
});
