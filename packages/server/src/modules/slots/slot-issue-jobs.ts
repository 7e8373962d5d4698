import type { JobQueue } from '../../jobs/queue.js';

/**
 * Asks for a service's Appointment Slot Issues to be matched to its free slots (the
 * `match-slot-issues` job), once new free capacity appeared there: slots fed, unblocked, or
 * freed by a cancelled booking. One waiting job per service is enough, so repeats while one
 * waits are dropped. Best effort: a request lost here is made good by the next publication or
 * hold-expiry run, which match again.
 */
export async function requestSlotIssueMatching(
  jobs: JobQueue | null | undefined,
  serviceIds: Iterable<string>,
): Promise<void> {
  if (!jobs) return;
  await Promise.all(
    [...new Set(serviceIds)].map((serviceId) =>
      jobs
        .enqueue(
          'match-slot-issues',
          { serviceId },
          { singletonKey: `match-slot-issues:${serviceId}` },
        )
        .catch(() => undefined),
    ),
  );
}
