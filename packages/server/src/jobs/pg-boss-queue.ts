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
    for (const [name, handler] of this.handlers) {
      await this.boss.work<Record<string, unknown>>(
        name,
        {
          // pg-boss waits a polling interval between fetches, so each fetch takes a batch.
          batchSize: this.options.batchSize ?? 20,
          includeMetadata: true,
          pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 1,
        },
        async (jobs) => {
          // One at a time; a failure fails only its own job (retried as its settings say).
          // pg-boss completes the batch's other jobs when this resolves.
          for (const job of jobs) {
            const context = { id: job.id, name, attempt: job.retryCount + 1 };
            try {
              await handler(job.data ?? {}, context);
            } catch (error) {
              logAttemptFailure(this.options.log, context, error, job.retryLimit + 1);
              await this.boss.fail(name, job.id, { message: describeError(error) });
            }
          }
        },
      );
    }
    this.started = true;
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
