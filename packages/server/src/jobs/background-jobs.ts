import type { Logger } from 'pino';
import type { DatabaseConfig } from '../config.js';
import type { Orm } from '../db/orm.js';
import { createRequestServices, type ServiceSettings } from '../graphql/context.js';
import { AuditService } from '../modules/audit/index.js';
import { Slot } from '../modules/slots/index.js';
import { ukDate, type Clock } from '../time.js';
import { EmbeddedJobQueue, type EmbeddedQueueOptions } from './embedded-queue.js';
import { PgBossJobQueue, type PgBossQueueOptions } from './pg-boss-queue.js';
import type { JobRunner } from './runner.js';

/** How often lapsed holds are freed (a lapsed hold already counts as free; this tidies). */
export const EXPIRE_HOLDS_EVERY_MS = 30_000;

/** The job queue for a database: pg-boss on PostgreSQL, the embedded runner on SQLite. */
export function createJobRunner(
  database: DatabaseConfig,
  options: { orm: Orm; log: Logger } & Partial<
    Omit<EmbeddedQueueOptions, 'orm' | 'log'> & Omit<PgBossQueueOptions, 'url' | 'log'>
  >,
): JobRunner {
  return database.kind === 'postgresql'
    ? new PgBossJobQueue({ ...options, url: database.url })
    : new EmbeddedJobQueue(options);
}

function serviceIdOf(payload: Record<string, unknown>): string {
  const id = payload.serviceId;
  if (typeof id !== 'string' || id === '') throw new Error('the job needs a serviceId');
  return id;
}

/**
 * Registers the handlers every queue runs. Each job gets request services of its own (a fresh
 * EntityManager fork, the clock's time, the server's settings with this queue as `jobs`, so a
 * handler can queue follow-up work).
 */
export function registerJobHandlers(
  runner: JobRunner,
  deps: { orm: Orm; log: Logger; clock: Clock; settings: ServiceSettings },
): void {
  const settings: ServiceSettings = { ...deps.settings, jobs: runner };
  const servicesFor = (jobId: string) => {
    const now = deps.clock();
    const em = deps.orm.em.fork();
    const requestId = `job:${jobId}`;
    // What a job does to referrals is audited as the system user that did it (each write names
    // its actor), tied to the job by its id.
    const audit = new AuditService(em, { requestId, now, actor: null, userId: null });
    return { now, services: createRequestServices(em, { now, requestId, audit }, settings) };
  };

  runner.handle('publish-slots', async (payload, job) => {
    const serviceId = serviceIdOf(payload);
    const outcome = await servicesFor(job.id).services.schedules.publish(serviceId);
    // One line per service would bury the start banner under hundreds (the daily run publishes
    // every service); the daily run says how many services it queued.
    if (outcome.created > 0) deps.log.debug(outcome, 'published slots');
  });

  runner.handle('publish-all-slots', async (_payload, job) => {
    const ids = await servicesFor(job.id).services.schedules.servicesToPublish();
    for (const serviceId of ids) {
      await runner.enqueue('publish-slots', { serviceId }, { singletonKey: serviceId });
    }
    deps.log.info({ services: ids.length }, 'queued the daily slot publication');
  });

  runner.handle('match-slot-issues', async (payload, job) => {
    const serviceId = serviceIdOf(payload);
    const outcome = await servicesFor(job.id).services.slotIssues.resolveForService(serviceId);
    if (outcome.offered > 0 || outcome.booked > 0) {
      deps.log.info({ serviceId, ...outcome }, 'resolved appointment slot issues');
    }
  });

  runner.handle('expire-holds', async (_payload, job) => {
    const { now, services } = servicesFor(job.id);
    // Services whose automatic offers lapse now: their slot issues are matched again.
    const em = deps.orm.em.fork();
    const lapsedOffers = await em.find(
      Slot,
      { status: 'HELD', offer: true, heldUntil: { $lte: now } },
      { fields: ['service'] },
    );
    const freed = await services.slots.expireHolds(now);
    for (const serviceId of new Set(lapsedOffers.map((s) => s.service.id))) {
      await runner.enqueue('match-slot-issues', { serviceId }, { singletonKey: serviceId });
    }
    if (freed > 0) deps.log.info({ freed }, 'freed lapsed slot holds');
  });
}

/**
 * The recurring jobs of a server process: the daily publication (at start-up, then whenever the
 * UK date changes) and hold expiry every 30 seconds. Both are queued with singleton keys, so
 * several instances queue each at most once while one waits, and both are idempotent.
 */
export function startRecurringJobs(
  runner: JobRunner,
  options: { log: Logger; clock: Clock; everyMs?: number },
): { stop(): void } {
  let lastPublication: string | null = null;
  const tick = async () => {
    const today = ukDate(options.clock());
    if (today !== lastPublication) {
      await runner.enqueue('publish-all-slots', {}, { singletonKey: `daily:${today}` });
      lastPublication = today;
    }
    await runner.enqueue('expire-holds', {}, { singletonKey: 'expire-holds' });
  };
  const run = () => {
    tick().catch((error: unknown) =>
      options.log.error({ err: error }, 'could not queue recurring background jobs'),
    );
  };
  run();
  const timer = setInterval(run, options.everyMs ?? EXPIRE_HOLDS_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** A started queue with its handlers and recurring jobs, and how to stop it all. */
export interface BackgroundJobs {
  readonly queue: JobRunner;
  stop(): Promise<void>;
}

/**
 * Starts background work for a server process: the queue for its database, the handlers and the
 * recurring jobs. Pass `queue` as `ServiceSettings.jobs` so request services can queue work.
 */
export async function startBackgroundJobs(options: {
  database: DatabaseConfig;
  orm: Orm;
  log: Logger;
  clock: Clock;
  settings: ServiceSettings;
  queue?: JobRunner;
}): Promise<BackgroundJobs> {
  const queue = options.queue ?? createJobRunner(options.database, options);
  registerJobHandlers(queue, options);
  await queue.start();
  const recurring = startRecurringJobs(queue, options);
  return {
    queue,
    async stop() {
      recurring.stop();
      await queue.stop();
    },
  };
}
