import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Where the server package lives, so default paths work from any working directory. */
export const SERVER_PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Settings read once from the environment at start-up. Nothing else reads `process.env`. */
export interface ServerConfig {
  /** HTTP port (PORT, default 4000). */
  readonly port: number;
  /** Host to bind (HOST, default 0.0.0.0). */
  readonly host: string;
  /**
   * Port of the Prometheus `/metrics` listener (METRICS_PORT), or null for none (the default).
   * It is never the public port: it binds METRICS_HOST, 127.0.0.1 unless set.
   */
  readonly metrics: { readonly port: number; readonly host: string } | null;
  /** `production` switches off introspection, the landing page and error detail. */
  readonly production: boolean;
  readonly database: DatabaseConfig;
  /** Fill an empty database with the demo data set (SEED_DEMO; default on for SQLite). */
  readonly seedDemo: boolean;
  /** With the demo data, referrals in a spread of states (SEED_DEMO_REFERRALS; default on). */
  readonly seedDemoReferrals: boolean;
  /** Folder of the built SPA to serve at `/` (WEB_DIST), or null to serve the API only. */
  readonly webDist: string | null;
  /** Log level for pino (LOG_LEVEL, default `info`; `silent` in tests). */
  readonly logLevel: string;
  /**
   * Redis (REDIS_URL): pub/sub and login rate-limit counters shared by every server instance;
   * null keeps them in this process.
   */
  readonly redisUrl: string | null;
  /**
   * Prefix of this deployment's Redis keys and channels (REDIS_KEY_PREFIX, default `open-ers`),
   * so deployments (or harness runs) sharing one Redis never see each other's counters or events.
   */
  readonly redisKeyPrefix: string;
  /**
   * The booking's application check, a compare-and-swap on the slot's status before the
   * appointment is inserted (BOOKING_APPLICATION_CHECK, default on). Off (`0`) leaves the
   * database's unique index on a slot's active appointment as the only guard against double
   * booking: the race harness proves that guard on its own. Never switch it off in service.
   */
  readonly bookingApplicationCheck: boolean;
  /**
   * On SIGTERM, how long the server stays up unready (answering, closing each connection after
   * its response) before it stops accepting connections, so load balancers polling /readyz
   * stop routing to it first (SHUTDOWN_DELAY_MS; default 2000 in production, else 0).
   */
  readonly shutdownDelayMs: number;
  /** Minutes a slot is held while the user decides (SLOT_HOLD_MINUTES, default 5). */
  readonly slotHoldMinutes: number;
  /** How long to wait for a provider's system to confirm a booking (BOOKING_CONFIRMATION_TIMEOUT_MS, default 120000). */
  readonly bookingConfirmationTimeoutMs: number;
  readonly sessions: SessionSettings;
}

/** How long a sign-in lasts. */
export interface SessionSettings {
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES, default 480: 8 hours). */
  readonly idleTimeoutMs: number;
  /** A session ends this long after sign-in, however busy (SESSION_MAX_HOURS, default 12). */
  readonly absoluteTimeoutMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutMs: 8 * 60 * 60 * 1000,
  absoluteTimeoutMs: 12 * 60 * 60 * 1000,
};

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgresql'; readonly url: string };

/** The embedded database file used when DATABASE_URL is not set. */
export const DEFAULT_SQLITE_PATH = path.join(SERVER_PACKAGE_ROOT, '.data', 'open-ers.sqlite');

/** The built SPA, when the server runs from the monorepo. */
export const DEFAULT_WEB_DIST = path.resolve(SERVER_PACKAGE_ROOT, '..', 'web', 'dist');

/** Reads the database settings: PostgreSQL when DATABASE_URL is set, else embedded SQLite. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
    }
    return { kind: 'postgresql', url };
  }
  return { kind: 'sqlite', path: path.resolve(env.SQLITE_PATH?.trim() || DEFAULT_SQLITE_PATH) };
}

function parseBoolean(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** An on/off setting that must say which (a typo must not switch a safety check off). */
function onOrOff(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be 1 or 0 (on or off), got ${value}`);
}

function positiveNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`${name} must be a positive number, got ${value}`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${env.PORT}`);
  }
  const database = databaseConfigFromEnv(env);
  const metricsPort = env.METRICS_PORT?.trim() ? Number(env.METRICS_PORT) : null;
  if (
    metricsPort !== null &&
    (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)
  ) {
    throw new Error(`METRICS_PORT must be a port number, got ${env.METRICS_PORT}`);
  }
  if (metricsPort !== null && metricsPort !== 0 && metricsPort === port) {
    throw new Error(
      'METRICS_PORT must differ from PORT: metrics are not served on the public port',
    );
  }
  const webDist = env.WEB_DIST === '' ? null : path.resolve(env.WEB_DIST ?? DEFAULT_WEB_DIST);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    metrics:
      metricsPort === null
        ? null
        : { port: metricsPort, host: env.METRICS_HOST?.trim() || '127.0.0.1' },
    production: env.NODE_ENV === 'production',
    database,
    seedDemo: parseBoolean(env.SEED_DEMO, database.kind === 'sqlite'),
    seedDemoReferrals: parseBoolean(env.SEED_DEMO_REFERRALS, true),
    webDist,
    logLevel: env.LOG_LEVEL ?? 'info',
    redisUrl: env.REDIS_URL?.trim() || null,
    redisKeyPrefix: env.REDIS_KEY_PREFIX?.trim() || 'open-ers',
    bookingApplicationCheck: onOrOff(
      env.BOOKING_APPLICATION_CHECK,
      true,
      'BOOKING_APPLICATION_CHECK',
    ),
    shutdownDelayMs:
      env.SHUTDOWN_DELAY_MS?.trim() === '0'
        ? 0
        : positiveNumber(
            env.SHUTDOWN_DELAY_MS,
            env.NODE_ENV === 'production' ? 2000 : 0,
            'SHUTDOWN_DELAY_MS',
          ),
    slotHoldMinutes: positiveNumber(env.SLOT_HOLD_MINUTES, 5, 'SLOT_HOLD_MINUTES'),
    bookingConfirmationTimeoutMs: positiveNumber(
      env.BOOKING_CONFIRMATION_TIMEOUT_MS,
      120_000,
      'BOOKING_CONFIRMATION_TIMEOUT_MS',
    ),
    sessions: {
      idleTimeoutMs:
        positiveNumber(env.SESSION_IDLE_MINUTES, 480, 'SESSION_IDLE_MINUTES') * 60 * 1000,
      absoluteTimeoutMs:
        positiveNumber(env.SESSION_MAX_HOURS, 12, 'SESSION_MAX_HOURS') * 60 * 60 * 1000,
    },
  };
}
