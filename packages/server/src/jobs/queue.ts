/**
 * Background jobs: the names, and the one interface services use to ask for work to be done.
 * On PostgreSQL the queue is pg-boss (durable, once across instances); on the embedded SQLite
 * database the same handlers run in process from the `background_job` table.
 */
export const JOB_NAMES = [
  /** Fill one service's publication horizon from its schedules: `{ serviceId }`. */
  'publish-slots',
  /** Daily: enqueue `publish-slots` for every service with an active schedule. */
  'publish-all-slots',
  /** Match one service's Appointment Slot Issues to its free slots: `{ serviceId }`. */
  'match-slot-issues',
  /** Free lapsed slot holds and offers (and match the services whose offers lapsed). */
  'expire-holds',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface EnqueueOptions {
  /** At most one queued job per key: a second enqueue with the same key while one waits is dropped. */
  readonly singletonKey?: string;
  readonly startAfter?: Date;
}

/** Where services ask for background work. */
export interface JobQueue {
  enqueue(name: JobName, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
}
