import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { EntityManager, Orm } from '../db/orm.js';
import { BackgroundJob } from './job.entity.js';
import type { EnqueueOptions, JobName } from './queue.js';
import {
  DEFAULT_RETRY,
  describeError,
  logAttemptFailure,
  type JobCounts,
  type JobHandler,
  type JobRunner,
  type RetrySettings,
} from './runner.js';

export interface EmbeddedQueueOptions {
  readonly orm: Orm;
  readonly log: Logger;
  readonly retry?: RetrySettings;
  /** How often the poller looks for due jobs when it finds none (default 1 s). */
  readonly pollIntervalMs?: number;
  /**
   * A job ACTIVE for longer than this when the queue starts was left by a worker that died
   * (the process crashed or was killed): it is requeued (default 10 minutes).
   */
  readonly activeTimeoutMs?: number;
  /** Completed jobs are kept this long, then deleted at start-up (default 7 days). */
  readonly keepCompletedMs?: number;
  /** The queue's own clock for run-after times and backoff (real time unless a test sets it). */
  readonly timer?: () => Date;
}

const QUEUED = 'QUEUED';
const ACTIVE = 'ACTIVE';
const COMPLETED = 'COMPLETED';
const FAILED = 'FAILED';

/**
 * The job queue of the embedded SQLite database: jobs are rows of `background_job`, written
 * before they run, so they survive a restart. A poller in the server process claims a due job
 * with a compare-and-swap (QUEUED → ACTIVE, so two pollers, even in two processes on the same
 * file, never run one job twice), runs its handler, and marks it COMPLETED; a failure is
 * retried with exponential backoff until its attempts are used up, then kept as FAILED with the
 * last error. Jobs a crashed worker left ACTIVE are requeued when a queue starts.
 */
export class EmbeddedJobQueue implements JobRunner {
  readonly kind = 'embedded' as const;
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly retry: RetrySettings;
  private readonly timer: () => Date;
  private pollTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Set by `stop()`: a drain in progress finishes its current job and ends. */
  private stopping = false;

  constructor(private readonly options: EmbeddedQueueOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timer = options.timer ?? (() => new Date());
  }

  handle(name: JobName, handler: JobHandler): void {
    this.handlers.set(name, handler);
  }

  private em(): EntityManager {
    return this.options.orm.em.fork();
  }

  async enqueue(
    name: JobName,
    payload: Record<string, unknown>,
    options: EnqueueOptions = {},
  ): Promise<void> {
    const em = this.em();
    const now = this.timer();
    const row = {
      id: randomUUID(),
      name,
      payload,
      state: QUEUED,
      singletonKey: options.singletonKey ?? null,
      attempts: 0,
      maxAttempts: this.retry.maxAttempts,
      runAfter: options.startAfter ?? now,
      lastError: null,
      createdAt: now,
      updatedAt: now,
    };
    if (!options.singletonKey) {
      await em.insert(BackgroundJob, row);
      return;
    }
    // One statement, so the check and the insert cannot be split by another writer.
    const toDb = (instant: Date) => em.getPlatform().processDateProperty(instant);
    await em.getConnection().execute(
      `insert into background_job
         (id, name, payload, state, singleton_key, attempts, max_attempts, run_after, created_at, updated_at)
       select ?, ?, ?, ?, ?, 0, ?, ?, ?, ?
       where not exists (
         select 1 from background_job where name = ? and singleton_key = ? and state = ?)`,
      [
        row.id,
        name,
        JSON.stringify(payload),
        QUEUED,
        options.singletonKey,
        row.maxAttempts,
        toDb(row.runAfter),
        toDb(now),
        toDb(now),
        name,
        options.singletonKey,
        QUEUED,
      ],
    );
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    await this.recoverAbandoned();
    const keep = this.options.keepCompletedMs ?? 7 * 86_400_000;
    await this.em().nativeDelete(BackgroundJob, {
      state: COMPLETED,
      updatedAt: { $lt: new Date(this.timer().getTime() - keep) },
    });
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    await this.running;
  }

  async counts(): Promise<JobCounts> {
    const em = this.em();
    const [queued, failed] = await Promise.all([
      em.count(BackgroundJob, { state: { $in: [QUEUED, ACTIVE] } }),
      em.count(BackgroundJob, { state: FAILED }),
    ]);
    return { queued, failed };
  }

  /**
   * Requeues jobs left ACTIVE longer than the timeout: their worker died mid-job. The attempt
   * it was on counts; a job with none left is failed.
   */
  async recoverAbandoned(): Promise<number> {
    const em = this.em();
    const now = this.timer();
    const timeout = this.options.activeTimeoutMs ?? 10 * 60_000;
    const abandoned = await em.find(BackgroundJob, {
      state: ACTIVE,
      updatedAt: { $lt: new Date(now.getTime() - timeout) },
    });
    for (const job of abandoned) {
      const exhausted = job.attempts >= job.maxAttempts;
      await em.nativeUpdate(
        BackgroundJob,
        { id: job.id, state: ACTIVE, attempts: job.attempts },
        {
          state: exhausted ? FAILED : QUEUED,
          runAfter: now,
          updatedAt: now,
          lastError: 'The worker running this job stopped before it finished.',
        },
      );
      if (exhausted) {
        this.options.log.error(
          { job: job.name, jobId: job.id, attempts: job.attempts },
          'background job abandoned by a crashed worker; no retries left',
        );
      }
    }
    if (abandoned.length > 0) {
      this.options.log.warn({ jobs: abandoned.length }, 'requeued jobs left running by a worker');
    }
    return abandoned.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      this.running = this.drain()
        .catch((error: unknown) =>
          this.options.log.error({ err: error }, 'background job poller failed'),
        )
        .then((ran) => {
          this.running = null;
          // Straight on while there is work; otherwise wait for the next poll.
          this.schedule(
            typeof ran === 'number' && ran > 0 ? 0 : (this.options.pollIntervalMs ?? 1000),
          );
        });
    }, delayMs);
    this.pollTimer.unref();
  }

  /** Runs the jobs due now, one at a time; resolves with how many it ran. */
  async drain(limit = 20): Promise<number> {
    let ran = 0;
    while (ran < limit && !this.stopping) {
      const claimed = await this.claim();
      if (!claimed) break;
      await this.run(claimed);
      ran++;
    }
    return ran;
  }

  /** Claims the next due job (compare-and-swap on its state and attempts), or null. */
  private async claim(): Promise<BackgroundJob | null> {
    const em = this.em();
    for (let tries = 0; tries < 5; tries++) {
      const now = this.timer();
      const next = await em.findOne(
        BackgroundJob,
        { state: QUEUED, runAfter: { $lte: now } },
        { orderBy: { runAfter: 'asc', createdAt: 'asc' } },
      );
      if (!next) return null;
      const attempts = next.attempts + 1;
      const won = await em.nativeUpdate(
        BackgroundJob,
        { id: next.id, state: QUEUED, attempts: next.attempts },
        { state: ACTIVE, attempts, updatedAt: now },
      );
      if (won === 1) {
        next.attempts = attempts;
        return next;
      }
      // Another worker claimed it first: look again.
      em.clear();
    }
    return null;
  }

  private async run(job: BackgroundJob): Promise<void> {
    const em = this.em();
    const name = job.name as JobName;
    const context = { id: job.id, name, attempt: job.attempts };
    try {
      const handler = this.handlers.get(name);
      if (!handler) throw new Error(`no handler for background job ${job.name}`);
      await handler(job.payload, context);
      await em.nativeUpdate(
        BackgroundJob,
        { id: job.id, state: ACTIVE },
        { state: COMPLETED, updatedAt: this.timer() },
      );
    } catch (error) {
      logAttemptFailure(this.options.log, context, error, job.maxAttempts);
      const now = this.timer();
      const exhausted = job.attempts >= job.maxAttempts;
      const backoff = this.retry.retryDelayMs * 2 ** Math.max(0, job.attempts - 1);
      await em.nativeUpdate(
        BackgroundJob,
        { id: job.id, state: ACTIVE },
        {
          state: exhausted ? FAILED : QUEUED,
          runAfter: exhausted ? now : new Date(now.getTime() + backoff),
          updatedAt: now,
          lastError: describeError(error),
        },
      );
    }
  }
}
