import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Orm } from '../db/orm.js';
import { Slot, SlotSchedule } from '../modules/slots/index.js';
import { SILENT_FEED } from '../realtime/change-feed.js';
import { createProviderWithSite, createService } from '../test/fixtures/directory.js';
import { createTestDatabase, TEST_DB_KIND, type TestDatabase } from '../test/test-database.js';
import { createJobRunner, registerJobHandlers } from './background-jobs.js';
import { BackgroundJob } from './job.entity.js';
import type { PgBossJobQueue } from './pg-boss-queue.js';
import type { JobRunner } from './runner.js';

/** Fast settings: retries a second apart, quick polling, dead workers noticed after 2 s. */
const FAST = {
  retry: { maxAttempts: 3, retryDelayMs: 1000 },
  pollIntervalMs: 100,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  expireInSeconds: 2,
};

/** Waits until `condition` holds (checked again and again), failing after `timeoutMs`. */
async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  await vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error('timed out waiting');
    },
    { timeout: timeoutMs, interval: 50 },
  );
}

/**
 * Waits until the queue has nothing waiting or running: after that no handler can run again, so
 * what the handlers recorded is final (no waiting a while "to be sure").
 */
const drained = (queue: JobRunner) => waitFor(async () => (await queue.counts()).queued === 0);

describe(`the background job queue (${TEST_DB_KIND})`, () => {
  let db: TestDatabase;
  const runners: JobRunner[] = [];
  const extraOrms: Orm[] = [];
  const logged: { level: number; msg: string; job?: string }[] = [];
  const log = pino(
    { level: 'warn' },
    { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) },
  );

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
  });

  afterAll(async () => {
    await Promise.all(extraOrms.map((orm) => orm.close(true)));
    await db?.drop();
  });

  /** A queue on the test database (or through another connection pool to it). */
  const runner = (orm: Orm = db.orm, overrides: Partial<typeof FAST> = {}) => {
    const queue = createJobRunner(db.config, { orm, log, ...FAST, ...overrides });
    runners.push(queue);
    return queue;
  };
  const secondOrm = async () => {
    const orm = await openDatabase(db.config, { migrate: false });
    extraOrms.push(orm);
    return orm;
  };

  it('retries a job that fails once, and completes it', async () => {
    const queue = runner();
    const attempts: number[] = [];
    const key = randomUUID();
    queue.handle('match-slot-issues', async (payload, job) => {
      if (payload.serviceId !== key) return;
      attempts.push(job.attempt);
      if (job.attempt === 1) throw new Error('the database blinked');
    });
    await queue.start();
    await queue.enqueue('match-slot-issues', { serviceId: key });
    await waitFor(async () => attempts.length === 2 && (await queue.counts()).queued === 0);
    expect(attempts).toEqual([1, 2]);
    expect((await queue.counts()).failed).toBe(0);
    expect(logged.some((l) => l.level === 40 && l.msg.includes('will be retried'))).toBe(true);
  });

  it('keeps a job that always fails as failed, logged at error level and counted for operators', async () => {
    const queue = runner(db.orm, { retry: { maxAttempts: 2, retryDelayMs: 1000 } });
    let calls = 0;
    const key = randomUUID();
    queue.handle('publish-slots', async (payload) => {
      if (payload.serviceId !== key) return;
      calls++;
      throw new Error('no such service');
    });
    await queue.start();
    const before = (await queue.counts()).failed;
    await queue.enqueue('publish-slots', { serviceId: key });
    await waitFor(async () => (await queue.counts()).failed === before + 1);
    expect(calls).toBe(2);
    const errors = logged.filter((l) => l.level === 50 && l.job === 'publish-slots');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toContain('no retries left');
    if (queue.kind === 'embedded') {
      const failed = await db.orm.em.fork().findOneOrFail(BackgroundJob, { state: 'FAILED' });
      expect(failed.lastError).toContain('no such service');
      expect(failed.attempts).toBe(2);
    }
  });

  it('runs again a job a crashed worker left running', async () => {
    const key = randomUUID();
    const ran: string[] = [];
    if (TEST_DB_KIND === 'postgresql') {
      // A worker takes the job and dies without finishing it (no graceful stop: it stays active).
      const crashed = runner() as PgBossJobQueue;
      await crashed.start();
      await crashed.enqueue('expire-holds', { key });
      const [taken] = await crashed.boss.fetch('expire-holds');
      expect(taken?.data).toEqual({ key });
      await crashed.boss.stop({ graceful: false });
    } else {
      // The row a worker that was killed mid-job leaves behind.
      await db.orm.em.fork().insert(BackgroundJob, {
        id: randomUUID(),
        name: 'expire-holds',
        payload: { key },
        state: 'ACTIVE',
        attempts: 1,
        maxAttempts: 3,
        runAfter: new Date(Date.now() - 3_600_000),
        createdAt: new Date(Date.now() - 3_600_000),
        updatedAt: new Date(Date.now() - 3_600_000),
      });
    }
    const survivor = runner();
    survivor.handle('expire-holds', async (payload) => {
      if (payload.key === key) ran.push(String(payload.key));
    });
    await survivor.start();
    await waitFor(() => ran.length === 1);
    await drained(survivor);
    expect(ran).toEqual([key]);
  });

  it('queues at most one job per singleton key while one waits', async () => {
    const queue = runner();
    const ran: string[] = [];
    queue.handle('publish-slots', async (payload) => {
      ran.push(String(payload.serviceId));
    });
    await queue.start();
    const later = new Date(Date.now() + 1500);
    const [a, b] = [randomUUID(), randomUUID()];
    for (const serviceId of [a, a, b, a]) {
      await queue.enqueue(
        'publish-slots',
        { serviceId },
        { singletonKey: serviceId, startAfter: later },
      );
    }
    await waitFor(() => ran.length >= 2);
    // Had a duplicate been queued it would still be waiting or running here, and run before this
    // resolves.
    await drained(queue);
    expect(ran.sort()).toEqual([a, b].sort());
  });

  it.skipIf(TEST_DB_KIND !== 'postgresql')(
    'starts with other servers at once on a fresh database (pg-boss deadlocked creating its queues)',
    async () => {
      const schema = `boss_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const queues = Array.from({ length: 4 }, () => {
        const queue = createJobRunner(db.config, { orm: db.orm, log, ...FAST, schema });
        runners.push(queue);
        return queue;
      });
      await Promise.all(queues.map((queue) => queue.start()));
    },
    60_000,
  );

  it.skipIf(TEST_DB_KIND !== 'postgresql')(
    'keeps working when the database fails while it completes a job (pg-boss left that rejection unhandled, killing the server)',
    async () => {
      const schema = `boss_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const queue = createJobRunner(db.config, { orm: db.orm, log, ...FAST, schema });
      runners.push(queue);
      const sql = (statement: string) => db.orm.em.getConnection().execute(statement);
      const key = randomUUID();
      let runs = 0;
      queue.handle('expire-holds', async (payload) => {
        if (payload.key !== key) return;
        runs++;
        // The queue's tables go away under the first run, as the database does when it
        // restarts mid-job: completing the job fails.
        if (runs === 1) await sql(`alter schema "${schema}" rename to "${schema}_away"`);
      });
      await queue.start();
      await queue.enqueue('expire-holds', { key });
      await waitFor(() => logged.some((l) => l.msg === 'job queue unavailable; polling again'));
      await sql(`alter schema "${schema}_away" rename to "${schema}"`);
      // The job it could not complete expires, runs again and completes.
      await waitFor(() => runs === 2);
      await drained(queue);
    },
    60_000,
  );

  it('runs each job exactly once with two queue instances on one database', async () => {
    const [first, second] = [runner(), runner(await secondOrm())];
    const runs = new Map<string, number>();
    const batch = randomUUID();
    for (const queue of [first, second]) {
      queue.handle('match-slot-issues', async (payload) => {
        if (payload.batch !== batch) return;
        await new Promise((resolve) => setTimeout(resolve, 10));
        const id = String(payload.serviceId);
        runs.set(id, (runs.get(id) ?? 0) + 1);
      });
    }
    await Promise.all([first.start(), second.start()]);
    const ids = Array.from({ length: 30 }, () => randomUUID());
    for (const [i, serviceId] of ids.entries()) {
      await (i % 2 ? first : second).enqueue('match-slot-issues', { serviceId, batch });
    }
    await waitFor(async () => [...runs.values()].reduce((a, b) => a + b, 0) >= ids.length);
    await Promise.all([drained(first), drained(second)]);
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
  });

  it('publishes every service with an active schedule from the daily job', async () => {
    const em = db.orm.em.fork();
    const trust = await createProviderWithSite(em, { latitude: 53.8, longitude: -1.55 });
    const service = await createService(em, trust);
    em.create(SlotSchedule, {
      id: randomUUID(),
      service,
      label: 'Tuesdays',
      weekdays: [2],
      startTime: '09:00',
      sessionMinutes: 60,
      slotMinutes: 30,
      priorities: ['ROUTINE'],
      validFrom: '2026-01-01',
    });
    await em.flush();
    const queue = runner();
    registerJobHandlers(queue, {
      orm: db.orm,
      log,
      clock: () => new Date('2026-11-23T10:00:00Z'),
      settings: { changes: SILENT_FEED },
    });
    await queue.start();
    await queue.enqueue('publish-all-slots', {});
    // 26 Tuesdays (none a bank holiday), two slots each.
    await waitFor(async () => (await db.orm.em.fork().count(Slot, { service: service.id })) === 52);
  });
});
