import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { JOB_NAMES, type EnqueueOptions, type JobName } from './queue.js';
import {
  DEFAULT_RETRY,
  describeError,
  logAttemptFailure,
  type JobCounts,
  type JobHandler,
  type JobRunner,
  type RetrySettings,
} from './runner.js';

/** PostgreSQL's SQLSTATE for a transaction aborted to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

export interface PgBossQueueOptions {
  /** The PostgreSQL database (the application's own: pg-boss keeps its tables in `schema`). */
  readonly url: string;
  readonly log: Logger;
  readonly schema?: string;
  readonly retry?: RetrySettings;
  /**
   * How long a job may stay active before pg-boss counts its worker as dead and retries it
   * (default 15 minutes; the national publication of one service takes well under a second).
   */
  readonly expireInSeconds?: number;
  /** How often each worker polls for jobs (default 1 s; pg-boss's minimum is 0.5 s). */
  readonly pollingIntervalSeconds?: number;
  /** Jobs a worker takes per fetch (default 20): pg-boss waits the polling interval between. */
  readonly batchSize?: number;
  /** How often pg-boss's maintenance (expiring dead workers' jobs, archiving) runs (default 60 s). */
  readonly maintenanceIntervalSeconds?: number;
  /** Connections in pg-boss's own pool (default 4). */
  readonly poolSize?: number;
}

/**
 * The job queue on PostgreSQL: pg-boss (see README.md for why). Jobs are rows in pg-boss's
 * schema, fetched with `SELECT … FOR UPDATE SKIP LOCKED`, so each runs once however many server
 * instances work the queue; a job whose worker dies is expired after `expireInSeconds` and
 * retried; a job that keeps failing ends in the `failed` state, where operators see it. Every
 * queue uses pg-boss's `short` policy: at most one queued job per singleton key.
 */
export class PgBossJobQueue implements JobRunner {
  readonly kind = 'pg-boss' as const;
  /** The pg-boss instance (tests use it to play a worker that dies mid-job). */
  readonly boss: PgBoss;
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly retry: RetrySettings;
  private readonly schema: string;
  private started = false;
  private stopping = false;
  /** The running worker loops, one per handled queue. */
  private readonly workers: Promise<void>[] = [];
  /** Wakes the worker loops sleeping between polls (when stopping). */
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly options: PgBossQueueOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.schema = options.schema ?? 'pgboss';
    this.boss = new PgBoss({
      connectionString: options.url,
      schema: this.schema,
      max: options.poolSize ?? 4,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
      // Cron schedules are not used: recurring jobs are enqueued by the server (see jobs.ts).
      schedule: false,
    });
    this.boss.on('error', (error) => options.log.error({ err: error }, 'pg-boss error'));
  }

  handle(name: JobName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const name of JOB_NAMES) await this.createQueue(name);
    this.stopping = false;
    for (const [name, handler] of this.handlers) this.workers.push(this.work(name, handler));
    this.started = true;
  }

  /**
   * Works one queue until stopped: fetch a batch, run its jobs one at a time (a failure fails
   * only its own job, retried as its settings say), complete or fail each. pg-boss's own
   * `work()` does not await its complete and fail calls, so when the database goes away
   * mid-batch their rejection is unhandled and kills the process (a PostgreSQL restart killed
   * every server instance in the crash harness). Here a database error is logged and the loop
   * polls again; a job it could not complete stays active until pg-boss expires it and runs it
   * again, as for a worker that died.
   */
  private async work(name: JobName, handler: JobHandler): Promise<void> {
    const pollMs = (this.options.pollingIntervalSeconds ?? 1) * 1000;
    while (!this.stopping) {
      let fetched = 0;
      try {
        const jobs = await this.boss.fetch<Record<string, unknown>>(name, {
          batchSize: this.options.batchSize ?? 20,
          includeMetadata: true,
        });
        fetched = jobs.length;
        for (const job of jobs) {
          const context = { id: job.id, name, attempt: job.retryCount + 1 };
          try {
            await handler(job.data ?? {}, context);
          } catch (error) {
            logAttemptFailure(this.options.log, context, error, job.retryLimit + 1);
            await this.boss.fail(name, job.id, { message: describeError(error) });
            continue;
          }
          await this.boss.complete(name, job.id);
        }
      } catch (error) {
        this.options.log.warn({ err: error, queue: name }, 'job queue unavailable; polling again');
      }
      // After a batch, fetch again at once: more may be waiting.
      if (fetched === 0 && !this.stopping) await this.sleep(pollMs);
    }
  }

  /** Waits `ms`, or until the queue stops. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /**
   * Creates a queue unless it exists. A queue keeps the settings it was created with; each job
   * carries this server's own. Servers starting at once on a fresh database deadlock in
   * pg-boss's `create_queue` (each creates the queue's partition and inserts its row), and
   * PostgreSQL aborts all but one: the others try again and find the queue made.
   */
  private async createQueue(name: JobName): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.boss.createQueue(name, { name, policy: 'short', ...this.jobSettings() });
        return;
      } catch (error) {
        if (attempt >= 8 || (error as { code?: string }).code !== DEADLOCK_DETECTED) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt * (0.5 + Math.random())));
      }
    }
  }

  /** Retries, backoff and the dead-worker timeout of this server's jobs. */
  private jobSettings() {
    return {
      retryLimit: this.retry.maxAttempts - 1,
      retryDelay: Math.max(1, Math.round(this.retry.retryDelayMs / 1000)),
      retryBackoff: true,
      expireInSeconds: this.options.expireInSeconds ?? 15 * 60,
    };
  }

  async enqueue(
    name: JobName,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    await this.boss.send(name, payload, {
      ...this.jobSettings(),
      // The `short` policy allows one queued job per key, and a job without a key counts as the
      // key '': a job that is not a singleton gets a key of its own.
      singletonKey: options.singletonKey ?? randomUUID(),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  }

  async stop(): Promise<void> {
    // The running jobs finish first (as pg-boss's graceful stop would wait for them).
    this.stopping = true;
    for (const wake of [...this.sleepers]) wake();
    await Promise.all(this.workers.splice(0));
    await this.boss.stop({ graceful: true, timeout: 30_000, wait: true });
    this.started = false;
  }

  async counts(): Promise<JobCounts> {
    const { rows } = await this.boss.getDb().executeSql(
      `select count(*) filter (where state in ('created', 'retry', 'active')) as queued,
                count(*) filter (where state = 'failed') as failed
           from ${this.schema}.job`,
      [],
    );
    const row = (rows[0] ?? {}) as { queued?: string | number; failed?: string | number };
    return { queued: Number(row.queued ?? 0), failed: Number(row.failed ?? 0) };
  }
}
