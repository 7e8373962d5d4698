import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from '../test/test-database.js';

describe(`database connections (${TEST_DB_KIND})`, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it.skipIf(TEST_DB_KIND !== 'postgresql')(
    'run short OLTP statements on PostgreSQL: no parallel workers, no JIT, on every pooled connection',
    async () => {
      // Several at once, so more than one pooled connection answers.
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          db.orm.em.fork().transactional(async (tx) => {
            const connection = tx.getConnection();
            const [workers] = await connection.execute<
              { max_parallel_workers_per_gather: string }[]
            >('show max_parallel_workers_per_gather');
            const [jit] = await connection.execute<{ jit: string }[]>('show jit');
            const [backend] = await connection.execute<{ pid: number }[]>(
              'select pg_backend_pid() as pid',
            );
            return {
              workers: workers!.max_parallel_workers_per_gather,
              jit: jit!.jit,
              pid: backend!.pid,
            };
          }),
        ),
      );
      expect(new Set(answers.map((a) => a.pid)).size).toBeGreaterThan(1);
      for (const answer of answers) expect(answer).toMatchObject({ workers: '0', jit: 'off' });
    },
  );
});
