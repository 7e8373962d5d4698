import type { Actor } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemoPlaces } from '../../seed/demo-users.js';
import { createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { showcase } from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { User } from '../identity/index.js';
import { Slot } from '../slots/index.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-23T09:00:00Z');

const CHOICES = /* GraphQL */ `
  {
    worklistFilterChoices {
      services {
        id
        name
      }
      clinicians {
        id
        name
      }
    }
  }
`;

const COUNTS = /* GraphQL */ `
  query C($filter: WorklistFilterInput) {
    worklistCounts(filter: $filter) {
      worklist
      count
    }
  }
`;

interface Choice {
  id: string;
  name: string;
}
interface Choices {
  worklistFilterChoices: { services: Choice[]; clinicians: Choice[] };
}

describe('worklist filter choices', () => {
  let server: TestServer;
  const named: { id: string; name: string }[] = [];
  let places: Awaited<ReturnType<typeof showcase>>;
  let secondGp: { id: string; displayName: string };

  /** Entries on the acting organisation's worklists, with and without a filter. */
  async function total(session: TestSession, filter: Record<string, string> | null = null) {
    const result = await session.graphql<{ worklistCounts: { count: number }[] }>(COUNTS, {
      filter,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.worklistCounts.reduce((sum, c) => sum + c.count, 0);
  }

  async function choices(session: TestSession) {
    const result = await session.graphql<Choices>(CHOICES);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.worklistFilterChoices;
  }

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      seedDemo: true,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const demo = (await findDemoPlaces(em))!;
        await createUser(em, {
          username: 'rc2.leeds',
          displayName: 'Dr Aisha Second',
          roles: [{ role: 'REFERRING_CLINICIAN', organisation: demo.LEEDS_PRACTICE }],
        });
        await createUser(em, {
          username: 'spa.elsewhere',
          roles: [{ role: 'SERVICE_PROVIDER_ADMIN', organisation: demo.BRADFORD_PROVIDER }],
        });
      },
    });
    const em = server.db.orm.em.fork();
    places = await showcase(em);
    const demo = (await findDemoPlaces(em))!;
    const gpUser = await em.findOneOrFail(User, { username: 'rc.leeds' });
    const second = await em.findOneOrFail(User, { username: 'rc2.leeds' });
    secondGp = { id: second.id, displayName: second.displayName };
    const gp: Actor = {
      userId: gpUser.id,
      role: 'REFERRING_CLINICIAN',
      organisationId: demo.LEEDS_PRACTICE.id,
    };
    const gp2: Actor = { ...gp, userId: second.id };

    // Three slots of the bookable clinic: two in named clinicians' lists, one in nobody's.
    const slots = await em.find(
      Slot,
      { service: places.arrhythmia.id, status: 'FREE', forRoutine: true, startAt: { $gt: NOW } },
      { orderBy: { startAt: 'asc' }, limit: 3 },
    );
    expect(slots).toHaveLength(3);
    named.push(
      { id: 'clin-zadams', name: 'Dr Zoe Adams' },
      { id: 'clin-bcarter', name: 'Mr Ben Carter' },
    );
    for (const [i, slot] of slots.entries()) {
      await em.nativeUpdate(
        Slot,
        { id: slot.id },
        { clinicianId: named[i]?.id ?? null, clinicianName: named[i]?.name ?? null },
      );
    }

    const { referrals, commands, booking } = workflowServices(server.db.orm, NOW);
    const create = (actor: Actor, serviceId: string) =>
      referrals.create(
        {
          patientId: places.margaret.id,
          priority: 'ROUTINE',
          serviceIds: [serviceId],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        actor,
      );
    for (const slot of slots) {
      const created = await create(gp, places.arrhythmia.id);
      await booking.book(created.referral.ubrn, { slotId: slot.id }, gp);
    }
    // The second GP's referral waits at the clinic that has no slots.
    const deferred = await create(gp2, places.heartFailure.id);
    await commands.deferToProvider(
      deferred.referral.ubrn,
      gp2,
      { serviceId: places.heartFailure.id },
      {},
    );
    // And one of the first GP's is not booked yet.
    await create(gp, places.arrhythmia.id);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('offers the provider its services and the named clinicians of booked slots, by name', async () => {
    const admin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
    const found = await choices(admin);
    expect(found.services).toEqual(
      [
        { id: places.arrhythmia.id, name: places.arrhythmia.name },
        { id: places.heartFailure.id, name: places.heartFailure.name },
      ].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    );
    expect(found.clinicians).toEqual(
      [...named].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    );
    // Each choice narrows the worklists to its own entries.
    const all = await total(admin);
    const byService = await Promise.all(
      found.services.map((s) => total(admin, { serviceId: s.id })),
    );
    expect(byService.every((n) => n > 0)).toBe(true);
    expect(byService.reduce((a, b) => a + b, 0)).toBe(all);
    for (const clinician of found.clinicians) {
      expect(await total(admin, { clinicianId: clinician.id })).toBe(1);
    }
  });

  it('offers the practice its referring clinicians, by name', async () => {
    const gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    const found = await choices(gp);
    const me = await server.db.orm.em.fork().findOneOrFail(User, { username: 'rc.leeds' });
    expect(found.clinicians).toEqual(
      [
        { id: me.id, name: me.displayName },
        { id: secondGp.id, name: secondGp.displayName },
      ].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')),
    );
    // Every entry on the practice's worklists belongs to one of them.
    const all = await total(gp);
    const mine = await total(gp, { clinicianId: me.id });
    const theirs = await total(gp, { clinicianId: secondGp.id });
    expect(mine).toBeGreaterThan(0);
    expect(theirs).toBeGreaterThan(0);
    expect(mine + theirs).toBe(all);
  });

  it('offers another organisation nothing of these', async () => {
    const session = await server.signIn('spa.elsewhere', TEST_PASSWORD);
    await session.selectRole(session.roleAssignments[0]!.id, null);
    expect(await choices(session)).toEqual({ services: [], clinicians: [] });
  });
});
