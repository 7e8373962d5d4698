import { DomainError, type Actor } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferralWorld } from '../../test/fixtures/workflow.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { workflowServices } from '../../test/workflow-services.js';
import { WorklistService, type WorklistSort } from './worklists.service.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const MONDAY = new Date('2026-11-23T10:00:00Z');
const minutesLater = (n: number) => new Date(MONDAY.getTime() + n * 60_000);

describe('worklist sorting', () => {
  let db: TestDatabase;
  let world: Awaited<ReturnType<typeof createReferralWorld>>;
  /** UBRNs by creation order: routine, urgent, routine, urgent, a minute apart. */
  const created: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    world = await createReferralWorld(db.orm.em.fork(), MONDAY);
    const priorities = ['ROUTINE', 'URGENT', 'ROUTINE', 'URGENT'] as const;
    for (const [i, priority] of priorities.entries()) {
      const { referral } = await workflowServices(db.orm, minutesLater(i)).referrals.create(
        {
          patientId: world.patient.id,
          priority,
          serviceIds: [world.clinic.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        world.gp,
      );
      created.push(referral.ubrn);
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** Every UBRN on Awaiting booking, read two at a time in `sort` order. */
  async function readAll(actor: Actor, sort?: WorklistSort): Promise<string[]> {
    const service = new WorklistService(db.orm.em.fork());
    const ubrns: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await service.page(actor, 'AWAITING_BOOKING', {}, { first: 2, after }, sort);
      expect(page.totalCount).toBe(4);
      ubrns.push(...page.edges.map((e) => e.node.ubrn));
      if (!page.pageInfo.hasNextPage) return ubrns;
      after = page.pageInfo.endCursor;
    }
  }

  it('lists the most urgent first by default, oldest first within a priority', async () => {
    const [r1, u1, r2, u2] = created;
    expect(await readAll(world.gp)).toEqual([u1, u2, r1, r2]);
    expect(await readAll(world.gp, 'MOST_URGENT')).toEqual([u1, u2, r1, r2]);
  });

  it('lists by time in the current state, longest waiting or most recent first, across pages', async () => {
    expect(await readAll(world.gp, 'LONGEST_WAITING')).toEqual(created);
    expect(await readAll(world.gp, 'MOST_RECENT')).toEqual([...created].reverse());
  });

  it('refuses a cursor handed out for another sort', async () => {
    const service = new WorklistService(db.orm.em.fork());
    const first = await service.page(world.gp, 'AWAITING_BOOKING', {}, { first: 1 }, 'MOST_RECENT');
    const error = await service
      .page(
        world.gp,
        'AWAITING_BOOKING',
        {},
        { first: 1, after: first.pageInfo.endCursor },
        'LONGEST_WAITING',
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_CURSOR');
  });
});
