import type { Logger } from 'pino';
import type { JobName, JobQueue } from './queue.js';

/** What a job handler is given: its payload and which attempt this is (1 for the first). */
export interface JobContext {
  readonly id: string;
  readonly name: JobName;
  readonly attempt: number;
}

/** Does one job; throwing fails the attempt (retried until the job's attempts are used up). */
export type JobHandler = (payload: Record<string, unknown>, job: JobContext) => Promise<void>;

/** How many jobs are waiting, and how many failed for good (for operators). */
export interface JobCounts {
  readonly queued: number;
  readonly failed: number;
}

/**
 * A job queue with workers: the embedded (SQLite) runner or pg-boss. Both run the same handlers,
 * retry a failing job with backoff and keep a job whose retries are used up as failed (logged at
 * error level, counted in {@link JobRunner.counts}).
 */
export interface JobRunner extends JobQueue {
  readonly kind: 'embedded' | 'pg-boss';
  /** Registers the handler of a job name (before `start`). */
  handle(name: JobName, handler: JobHandler): void;
  /** Starts taking jobs (and, on SQLite, requeues jobs a crashed worker left running). */
  start(): Promise<void>;
  /** Stops taking jobs and waits (up to a timeout) for running ones to finish. */
  stop(): Promise<void>;
  counts(): Promise<JobCounts>;
}

/** Retry settings shared by both queues. */
export interface RetrySettings {
  /** Attempts before a job is failed for good (the first run counts). */
  readonly maxAttempts: number;
  /** The wait before the first retry; each further retry waits twice as long. */
  readonly retryDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxAttempts: 3, retryDelayMs: 5_000 };

/** Logs the outcome of an attempt: a failure with retries left is a warning, the last an error. */
export function logAttemptFailure(
  log: Logger,
  job: JobContext,
  error: unknown,
  maxAttempts: number,
): void {
  const fields = { err: error, job: job.name, jobId: job.id, attempt: job.attempt, maxAttempts };
  if (job.attempt >= maxAttempts) log.error(fields, 'background job failed; no retries left');
  else log.warn(fields, 'background job failed; it will be retried');
}

/** An error as kept for operators: its message and the first lines of its stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return (error.stack ?? `${error.name}: ${error.message}`).split('\n').slice(0, 8).join('\n');
  }
  return String(error);
}
