import { wrap } from '@mikro-orm/core';
import type { Actor, Priority } from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adviceAct, ADVICE_WORKLIST, worklistItems } from '../../test/advice-client.js';
import { showcase } from '../../test/referral-client.js';
import { TEST_DB_KIND } from '../../test/test-database.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { AuditEvent } from '../audit/index.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';
import { WorklistEntryRecord } from '../worklists/index.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const START = new Date('2026-11-23T09:00:00Z');

interface PageData {
  worklist: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { ubrn: string; priority: string; sortAt: string; kind: string } }[];
  };
}

const RANK: Record<string, number> = { TWO_WEEK_WAIT: 0, URGENT: 1, ROUTINE: 2 };

/**
 * The advice worklists: the provider's Advice and Guidance Requests and the practice's Active
 * Advice Requests, served by the same worklist queries as the referral worklists.
 */
describe('advice worklists', () => {
  let server: TestServer;
  let consultant: TestSession;
  let providerAdmin: TestSession;
  let gp: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;
  const asked: { ubrn: string; priority: Priority }[] = [];
  let gpActor: Actor;

  beforeAll(async () => {
    server = await startTestServer({
      now: new Date(START.getTime() + 40 * 60_000),
      seedDemo: true,
    });
    const em = server.db.orm.em.fork();
    places = await showcase(em);
    gpActor = {
      userId: (await em.findOneOrFail(User, { username: 'rc.leeds' })).id,
      role: 'REFERRING_CLINICIAN',
      organisationId: (await em.findOneOrFail(Organisation, { odsCode: 'A80000' })).id,
    };
    // 24 advice requests to the Leeds trust a minute apart, urgent and routine.
    const priorities: Priority[] = ['ROUTINE', 'URGENT', 'ROUTINE'];
    for (let i = 0; i < 24; i++) {
      const { advice } = workflowServices(server.db.orm, new Date(START.getTime() + i * 60_000));
      const priority = priorities[i % priorities.length]!;
      const created = await advice.create(
        {
          patientId: i % 2 ? places.margaret.id : places.david.id,
          serviceId: places.advice.id,
          priority,
          request: `Question ${i}`,
          providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
        },
        gpActor,
      );
      asked.push({ ubrn: created.snapshot.ubrn, priority });
    }
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  const tiles = async (session: TestSession) => {
    const result = await session.graphql<{
      worklistCounts: { worklist: string; count: number }[];
    }>('{ worklistCounts { worklist count } }');
    expect(result.errors).toBeUndefined();
    return new Map(result.data!.worklistCounts.map((t) => [t.worklist, t.count]));
  };

  it('counts the advice worklists among each side’s dashboard tiles', async () => {
    const provider = await tiles(consultant);
    expect(provider.get('ADVICE_AND_GUIDANCE_REQUESTS')).toBe(24);
    expect(provider.get('APPOINTMENT_SLOT_ISSUES')).toBe(0);
    expect(provider.has('ACTIVE_ADVICE_REQUESTS')).toBe(false);
    const practice = await tiles(gp);
    expect(practice.get('ACTIVE_ADVICE_REQUESTS')).toBe(24);
    expect(practice.get('AWAITING_BOOKING')).toBe(0);
    expect(practice.has('ADVICE_AND_GUIDANCE_REQUESTS')).toBe(false);
    // The provider's admin team sees the list too (administrative facts only).
    expect((await tiles(providerAdmin)).get('ADVICE_AND_GUIDANCE_REQUESTS')).toBe(24);
  });

  it('lists most urgent first, then longest waiting, across pages without gaps or repeats', async () => {
    const seen: PageData['worklist']['edges'][number]['node'][] = [];
    let after: string | null = null;
    do {
      const page: { data?: PageData | null } = await consultant.graphql<PageData>(ADVICE_WORKLIST, {
        worklist: 'ADVICE_AND_GUIDANCE_REQUESTS',
        first: 5,
        after,
      });
      seen.push(...page.data!.worklist.edges.map((e) => e.node));
      after = page.data!.worklist.pageInfo.hasNextPage
        ? page.data!.worklist.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen.map((s) => s.ubrn).sort()).toEqual(asked.map((a) => a.ubrn).sort());
    expect(seen.every((s) => s.kind === 'ADVICE_REQUEST')).toBe(true);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(RANK[a.priority]! <= RANK[b.priority]!).toBe(true);
      if (a.priority === b.priority) expect(a.sortAt < b.sortAt).toBe(true);
    }
    expect(seen[0]).toMatchObject({ ubrn: asked[1]!.ubrn, priority: 'URGENT' });
  });

  it('filters by priority and by service', async () => {
    const urgent = await worklistItems(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS', {
      priority: 'URGENT',
    });
    expect(urgent.map((i) => i.ubrn).sort()).toEqual(
      asked
        .filter((a) => a.priority === 'URGENT')
        .map((a) => a.ubrn)
        .sort(),
    );
    expect(
      await worklistItems(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS', {
        serviceId: places.arrhythmia.id,
      }),
    ).toEqual([]);
    const byService = await worklistItems(gp, 'ACTIVE_ADVICE_REQUESTS', {
      serviceId: places.advice.id,
    });
    expect(byService).toHaveLength(24);
    expect(byService[0]).toMatchObject({
      kind: 'ADVICE_REQUEST',
      state: null,
      adviceState: 'PROVIDER_RESPONSE_REQUIRED',
      awaitingReferrer: false,
      serviceId: places.advice.id,
      serviceName: places.advice.name,
    });
  });

  it('moves a request between the lists as the conversation goes, and tells both organisations', async () => {
    const { ubrn } = asked[0]!;
    const practiceEvent = gp.subscribeOnce<{ worklistsChanged: { ubrn: string; event: string } }>(
      'subscription { worklistsChanged { ubrn event version } }',
      {},
      { waitMs: 5_000 },
    );
    const providerEvent = consultant.subscribeOnce<{
      worklistsChanged: { ubrn: string; event: string };
    }>('subscription { worklistsChanged { ubrn event version } }', {}, { waitMs: 5_000 });
    const elsewhere = (
      await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.bradford' })
    ).subscribeOnce('subscription { worklistsChanged { ubrn } }', {}, { waitMs: 1_500 });
    await new Promise((r) => setTimeout(r, 200));
    await adviceAct(consultant, 'respondToAdviceRequest', {
      ubrn,
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      guidance: 'Please send the latest ECG.',
      updatedPriority: 'ROUTINE',
    });
    for (const event of [await practiceEvent, await providerEvent]) {
      expect(event?.data?.worklistsChanged).toMatchObject({ ubrn, event: 'RESPOND' });
    }
    expect(await elsewhere).toBeNull();

    expect(
      (await worklistItems(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).map((i) => i.ubrn),
    ).not.toContain(ubrn);
    expect((await tiles(consultant)).get('ADVICE_AND_GUIDANCE_REQUESTS')).toBe(23);
    const active = (await worklistItems(gp, 'ACTIVE_ADVICE_REQUESTS')).find((i) => i.ubrn === ubrn);
    expect(active).toMatchObject({
      adviceState: 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
      awaitingReferrer: true,
    });
  });

  it('tells the provider when a new request arrives', async () => {
    const event = consultant.subscribeOnce<{
      worklistsChanged: { ubrn: string; event: string; version: number };
    }>('subscription { worklistsChanged { ubrn event version } }', {}, { waitMs: 5_000 });
    await new Promise((r) => setTimeout(r, 200));
    const created = await adviceAct(gp, 'createAdviceRequest', {
      patientId: places.margaret.id,
      serviceId: places.advice.id,
      priority: 'ROUTINE',
      request: 'Should she stop the NSAID?',
      providerConversionAuthorisation: 'NOT_AUTHORISED_TO_CONVERT',
    });
    expect((await event)?.data?.worklistsChanged).toEqual({
      ubrn: created.adviceRequest.ubrn,
      event: 'CREATE_ADVICE_REQUEST',
      version: 1,
    });
  });

  it('records one audit line for each patient a page shows', async () => {
    const requestId = `advice-page-${Date.now()}`;
    const result = await consultant.graphql<PageData>(
      ADVICE_WORKLIST,
      { worklist: 'ADVICE_AND_GUIDANCE_REQUESTS', first: 4 },
      { headers: { 'x-request-id': requestId } },
    );
    const shown = result.data!.worklist.edges.map((e) => e.node.ubrn);
    expect(shown).toHaveLength(4);
    const lines = await server.db.orm.em.fork().find(AuditEvent, { requestId });
    expect(lines.map((l) => l.action)).toEqual(Array(4).fill('VIEW_WORKLIST'));
    expect(lines.map((l) => l.ubrn).sort()).toEqual([...shown].sort());
    expect(
      lines.every((l) => l.patientId === places.margaret.id || l.patientId === places.david.id),
    ).toBe(true);
  });

  it('reads an advice page in the same number of queries whatever its size (no N+1)', async () => {
    const knex = server.db.orm.em.getConnection().getKnex();
    const countQueries = async (first: number) => {
      const queries: string[] = [];
      const listener = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', listener);
      try {
        const result = await consultant.graphql<PageData>(ADVICE_WORKLIST, {
          worklist: 'ADVICE_AND_GUIDANCE_REQUESTS',
          first,
        });
        expect(result.data!.worklist.edges).toHaveLength(first);
      } finally {
        knex.off('query', listener);
      }
      return queries.length;
    };
    const small = await countQueries(3);
    const large = await countQueries(20);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });

  it(`refuses, in the database (${TEST_DB_KIND}), an entry that is both a referral's and an advice request's, or neither`, async () => {
    const em = server.db.orm.em.fork();
    const [entry] = await em.find(
      WorklistEntryRecord,
      { adviceRequest: { $ne: null } },
      {
        limit: 1,
      },
    );
    const { referrals } = workflowServices(server.db.orm, START);
    const { referral } = await referrals.create(
      {
        patientId: places.david.id,
        priority: 'ROUTINE',
        serviceIds: [places.arrhythmia.id],
        letterStatus: 'NOT_INTENDING_TO_ADD',
        ...WITH_CLINICAL_INFORMATION,
      },
      gpActor,
    );
    const row = { ...wrap(entry!).toObject(), id: randomUUID() };
    await expect(
      em.fork().insert(WorklistEntryRecord, { ...row, adviceRequest: null }),
    ).rejects.toThrow(/worklist_entry_one_subject/);
    await expect(
      em.fork().insert(WorklistEntryRecord, { ...row, referral: referral.id }),
    ).rejects.toThrow(/worklist_entry_one_subject/);
  });

  it('reads advice pages through the worklist index', async () => {
    const org = (await server.db.orm.em.fork().findOneOrFail(Organisation, { odsCode: 'R00' })).id;
    const sql =
      'select * from worklist_entry where organisation_id = ? and worklist = ? ' +
      'order by priority_rank, sort_at, ubrn limit 20';
    if (TEST_DB_KIND === 'sqlite') {
      const plan = await server.db.orm.em
        .fork()
        .getConnection()
        .execute<{ detail: string }[]>(`explain query plan ${sql}`, [
          org,
          'ADVICE_AND_GUIDANCE_REQUESTS',
        ]);
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX worklist_entry_page/);
    } else {
      // With so few rows PostgreSQL would scan the table; forbid that (in one transaction, so on
      // one connection) to show the index serves the query.
      const plan = await server.db.orm.em.fork().transactional(async (tx) => {
        await tx
          .getConnection()
          .execute('set local enable_seqscan = off', [], 'run', tx.getTransactionContext());
        return tx
          .getConnection()
          .execute<Record<string, string>[]>(
            `explain ${sql.replace('?', `'${org}'`).replace('?', "'ADVICE_AND_GUIDANCE_REQUESTS'")}`,
            [],
            'all',
            tx.getTransactionContext(),
          );
      });
      expect(plan.map((p) => Object.values(p)[0]).join('\n')).toMatch(/worklist_entry_page/);
    }
  });
});
