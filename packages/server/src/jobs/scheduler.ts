import type { Logger } from 'pino';
import type { Orm } from '../db/orm.js';
import { createRequestServices } from '../graphql/context.js';
import { Session } from '../modules/identity/index.js';
import { SILENT_FEED } from '../realtime/change-feed.js';
import type { Clock } from '../time.js';

/** Ended sessions are kept a day (so a late request still hears SESSION_EXPIRED), then deleted. */
const ENDED_SESSION_RETENTION_MS = 24 * 3_600_000;

/**
 * Housekeeping that runs in every server process (idempotent, so several instances can run it
 * at once): clear booking claims whose request never finished, and delete sessions that ended
 * more than a day ago. (Freeing lapsed slot holds is the `expire-holds` background job.)
 */
export function startHousekeeping(options: {
  orm: Orm;
  log: Logger;
  clock: Clock;
  everyMs?: number;
  confirmationTimeoutMs: number;
}): { stop(): void; runOnce(): Promise<void> } {
  const { orm, log, clock } = options;
  const runOnce = async () => {
    const now = clock();
    const services = createRequestServices(
      orm.em.fork(),
      { now, requestId: null },
      { changes: SILENT_FEED },
    );
    // A claim older than the confirmation timeout plus a margin belongs to a request that died.
    const cutoff = new Date(now.getTime() - options.confirmationTimeoutMs - 60_000);
    const recovered = await services.booking.recoverAbandonedClaims(cutoff);
    const ended = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS);
    const sessions = await orm.em.fork().nativeDelete(Session, {
      $or: [{ expiresAt: { $lt: ended } }, { revokedAt: { $lt: ended } }],
    });
    if (recovered || sessions) log.info({ recovered, sessions }, 'housekeeping');
  };
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => log.warn({ err: error }, 'housekeeping failed'));
  }, options.everyMs ?? 30_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
