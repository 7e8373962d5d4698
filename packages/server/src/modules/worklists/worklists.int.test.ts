import type { Actor } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { showcase } from '../../test/referral-client.js';
import { TEST_DB_KIND } from '../../test/test-database.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const START = new Date('2026-11-23T09:00:00Z');

const PAGE = /* GraphQL */ `
  query W($worklist: WorklistCode!, $first: Int, $after: String, $filter: WorklistFilterInput) {
    worklist(worklist: $worklist, first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ubrn
          priority
          state
          sortAt
          serviceName
          contactDatePassed
          patient {
            nhsNumber
            familyName
          }
          referrer {
            clinicianName
            actingAdminName
          }
        }
      }
    }
  }
`;

interface PageData {
  worklist: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: { ubrn: string; priority: string; sortAt: string; serviceName: string | null };
    }[];
  };
}

describe('worklists', () => {
  let server: TestServer;
  let providerAdmin: TestSession;
  let gp: TestSession;
  const deferred: { ubrn: string; priority: string; at: Date }[] = [];

  beforeAll(async () => {
    server = await startTestServer({
      now: new Date(START.getTime() + 40 * 60_000),
      seedDemo: true,
    });
    const em = server.db.orm.em.fork();
    const places = await showcase(em);
    const actor: Actor = {
      userId: (await em.findOneOrFail(User, { username: 'rc.leeds' })).id,
      role: 'REFERRING_CLINICIAN',
      organisationId: (await em.findOneOrFail(Organisation, { odsCode: 'A80000' })).id,
    };
    // 30 referrals deferred to the Leeds trust a minute apart, of mixed priority.
    const priorities = ['ROUTINE', 'URGENT', 'ROUTINE', 'TWO_WEEK_WAIT', 'ROUTINE'] as const;
    for (let i = 0; i < 30; i++) {
      const at = new Date(START.getTime() + i * 60_000);
      const { referrals, commands } = workflowServices(server.db.orm, at);
      const priority = priorities[i % priorities.length]!;
      const created = await referrals.create(
        {
          patientId: i % 2 ? places.margaret.id : places.david.id,
          priority: priority === 'TWO_WEEK_WAIT' ? 'URGENT' : priority,
          serviceIds: [places.heartFailure.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        actor,
      );
      await commands.deferToProvider(
        created.referral.ubrn,
        actor,
        { serviceId: places.heartFailure.id },
        {},
      );
      deferred.push({ ubrn: created.referral.ubrn, priority: created.snapshot.priority, at });
    }
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('counts each worklist of the acting role’s side for the dashboard tiles', async () => {
    const tiles = await providerAdmin.graphql<{
      worklistCounts: { worklist: string; count: number }[];
    }>('{ worklistCounts { worklist count } }');
    expect(tiles.data!.worklistCounts).toEqual(
      expect.arrayContaining([
        { worklist: 'APPOINTMENT_SLOT_ISSUES', count: 30 },
        { worklist: 'REFERRALS_FOR_REVIEW', count: 0 },
        { worklist: 'APPOINTMENTS_FOR_BOOKING', count: 0 },
      ]),
    );
    const referrerTiles = await gp.graphql<{
      worklistCounts: { worklist: string; count: number }[];
    }>('{ worklistCounts { worklist count } }');
    expect(referrerTiles.data!.worklistCounts.map((t) => t.worklist)).toEqual(
      expect.arrayContaining([
        'AWAITING_BOOKING',
        'LETTERS_OUTSTANDING',
        'REJECTED_TRIAGE_RESPONSE',
      ]),
    );
    expect(
      referrerTiles.data!.worklistCounts.find((t) => t.worklist === 'AWAITING_BOOKING')!.count,
    ).toBe(30);
  });

  it('lists most urgent first, then soonest contact-by date, across pages without gaps or repeats', async () => {
    const seen: PageData['worklist']['edges'][number]['node'][] = [];
    let after: string | null = null;
    do {
      const page: { data?: PageData | null } = await providerAdmin.graphql<PageData>(PAGE, {
        worklist: 'APPOINTMENT_SLOT_ISSUES',
        first: 7,
        after,
      });
      seen.push(...page.data!.worklist.edges.map((e) => e.node));
      after = page.data!.worklist.pageInfo.hasNextPage
        ? page.data!.worklist.pageInfo.endCursor
        : null;
    } while (after);
    expect(seen.map((s) => s.ubrn).sort()).toEqual(deferred.map((d) => d.ubrn).sort());
    const rank = { TWO_WEEK_WAIT: 0, URGENT: 1, ROUTINE: 2 } as Record<string, number>;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      expect(rank[a.priority]! <= rank[b.priority]!).toBe(true);
      if (a.priority === b.priority) expect(a.sortAt <= b.sortAt).toBe(true);
    }
    expect(seen[0]!.priority).toBe('URGENT');
    expect(seen[0]!.serviceName).toMatch(/Heart Failure Clinic/);
  });

  it('filters by priority', async () => {
    const urgent = await providerAdmin.graphql<PageData>(PAGE, {
      worklist: 'APPOINTMENT_SLOT_ISSUES',
      filter: { priority: 'URGENT' },
      first: 50,
    });
    expect(urgent.data!.worklist.totalCount).toBe(
      deferred.filter((d) => d.priority === 'URGENT').length,
    );
    expect(urgent.data!.worklist.edges.every((e) => e.node.priority === 'URGENT')).toBe(true);
  });

  it('refuses another side’s worklist', async () => {
    const result = await gp.graphql(PAGE, { worklist: 'APPOINTMENT_SLOT_ISSUES' });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('reads a page in the same number of queries whatever its size (no N+1)', async () => {
    const knex = server.db.orm.em.getConnection().getKnex();
    const countQueries = async (first: number) => {
      const queries: string[] = [];
      const listener = (q: { sql: string }) => queries.push(q.sql);
      knex.on('query', listener);
      try {
        const result = await providerAdmin.graphql<PageData>(PAGE, {
          worklist: 'APPOINTMENT_SLOT_ISSUES',
          first,
        });
        expect(result.data!.worklist.edges).toHaveLength(first);
        // Each row names who referred, from the same fixed number of queries.
        expect(
          result.data!.worklist.edges.every(
            (e) => (e.node as { referrer?: { clinicianName: string } }).referrer?.clinicianName,
          ),
        ).toBe(true);
      } finally {
        knex.off('query', listener);
      }
      return queries.length;
    };
    const small = await countQueries(3);
    const large = await countQueries(25);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });

  it('reads pages through the worklist index', async () => {
    const org = (await server.db.orm.em.fork().findOneOrFail(Organisation, { odsCode: 'R00' })).id;
    const sql =
      'select * from worklist_entry where organisation_id = ? and worklist = ? ' +
      'order by priority_rank, sort_at, ubrn limit 20';
    const connection = server.db.orm.em.fork().getConnection();
    if (TEST_DB_KIND === 'sqlite') {
      const plan = await connection.execute<{ detail: string }[]>(`explain query plan ${sql}`, [
        org,
        'APPOINTMENT_SLOT_ISSUES',
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
            `explain ${sql.replace('?', `'${org}'`).replace('?', "'APPOINTMENT_SLOT_ISSUES'")}`,
            [],
            'all',
            tx.getTransactionContext(),
          );
      });
      expect(plan.map((p) => Object.values(p)[0]).join('\n')).toMatch(/worklist_entry_page/);
    }
  });
});
