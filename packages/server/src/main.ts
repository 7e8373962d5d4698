/**
 * Starts open-ers: migrates and (on the embedded database) seeds, then serves the API and SPA.
 *   PORT (4000), DATABASE_URL (PostgreSQL; else embedded SQLite at SQLITE_PATH), SEED_DEMO,
 *   WEB_DIST, NODE_ENV=production, LOG_LEVEL, REDIS_URL, REDIS_KEY_PREFIX, SESSION_IDLE_MINUTES,
 *   SESSION_MAX_HOURS, METRICS_PORT and METRICS_HOST (Prometheus /metrics on a port of its own,
 *   127.0.0.1 unless set), BACKGROUND_JOBS=0 (take no background jobs in this process: the
 *   benchmarks use it), BOOKING_APPLICATION_CHECK=0 (only the database guards against double booking: the
 *   race harness uses it), SHUTDOWN_DELAY_MS (on SIGTERM, how long to stay up unready before
 *   closing the listener; 2000 in production)
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { configFromEnv } from './config.js';
import { bootstrapDatabase } from './db/bootstrap.js';
import { createServer } from './http/server.js';
import { startBanner } from './seed/demo-guide.js';
import { serveMetrics } from './http/metrics.js';
import { createJobRunner, startBackgroundJobs } from './jobs/background-jobs.js';
import { startHousekeeping } from './jobs/scheduler.js';
import { createEventBus } from './realtime/event-bus.js';
import { systemClock } from './time.js';

const config = configFromEnv();
const log = pino({ level: config.logLevel, base: { service: 'open-ers' } });

const { orm, seeded, demoSignIns, demoPatients } = await bootstrapDatabase(config.database, {
  seedDemo: config.seedDemo,
  seedDemoReferrals: config.seedDemoReferrals,
  now: new Date(),
});
const events = createEventBus({
  redisUrl: config.redisUrl,
  log,
  channelPrefix: `${config.redisKeyPrefix}:`,
});
const booking = {
  holdMinutes: config.slotHoldMinutes,
  confirmationTimeoutMs: config.bookingConfirmationTimeoutMs,
};
const guards = { applicationCheck: config.bookingApplicationCheck };
if (!guards.applicationCheck) {
  log.warn('the booking application check is off: only the database prevents double booking');
}
// Background work (slot publication, slot-issue matching, hold expiry): pg-boss on PostgreSQL,
// the embedded runner on SQLite.
const jobQueue =
  process.env.BACKGROUND_JOBS === '0' ? null : createJobRunner(config.database, { orm, log });
const server = await createServer({
  orm,
  log,
  production: config.production,
  webDist: config.webDist,
  sessions: config.sessions,
  redisUrl: config.redisUrl,
  redisKeyPrefix: config.redisKeyPrefix,
  events,
  booking,
  guards,
  ...(jobQueue ? { jobs: jobQueue } : {}),
});
const jobs = jobQueue
  ? await startBackgroundJobs({
      database: config.database,
      orm,
      log,
      clock: systemClock,
      settings: { changes: events.changes, booking, guards },
      queue: jobQueue,
    })
  : null;
const housekeeping = startHousekeeping({
  orm,
  log,
  clock: systemClock,
  confirmationTimeoutMs: config.bookingConfirmationTimeoutMs,
});
const running = await server.listen(config.port, config.host);
const metrics = config.metrics
  ? await serveMetrics(server.metrics, config.metrics.port, config.metrics.host)
  : null;
if (metrics) log.info({ url: metrics.url }, 'metrics are served');

log.info(
  {
    url: running.url,
    database: config.database.kind === 'sqlite' ? config.database.path : 'postgresql',
    events: events.kind,
    seeded,
  },
  'open-ers is listening',
);
process.stdout.write(
  startBanner({
    url: running.url,
    database:
      config.database.kind === 'sqlite'
        ? `SQLite (${config.database.path})`
        : 'PostgreSQL (DATABASE_URL)',
    seeded,
    signIns: demoSignIns,
    patients: demoPatients,
  }),
);

let shuttingDown = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: draining requests');
    housekeeping.stop();
    // Requests drain first (after the shutdown delay on SIGTERM), so none finds the job queue
    // stopped; then the background jobs stop, and the database closes.
    running
      .drain(signal === 'SIGTERM' ? config.shutdownDelayMs : 0)
      .then(() => jobs?.stop())
      .then(() => running.stop())
      .then(() => metrics?.close())
      .then(() => events.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
  });
}
