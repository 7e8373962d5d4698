import { DeadlockException, LockWaitTimeoutException } from '@mikro-orm/core';
import type { EntityManager } from './orm.js';

/**
 * Whether a database error means "try the whole transaction again": SQLite's busy/locked (a
 * writer in another process held the lock longer than the busy timeout, or a read transaction
 * could not be upgraded), PostgreSQL's serialization failures and deadlocks.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  return error instanceof LockWaitTimeoutException || error instanceof DeadlockException;
}

/**
 * Runs `work` in a transaction, retrying it (up to `attempts` times, with jittered backoff) when
 * the database reports a transient conflict. `work` must only touch the database: it may run
 * more than once, and only its last run commits.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (tx: EntityManager) => Promise<T>,
  attempts = 6,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.fork().transactional((tx) => work(tx as EntityManager));
    } catch (error) {
      if (attempt >= attempts || !isTransientDatabaseError(error)) throw error;
      const delay = Math.min(200, 5 * 2 ** attempt) * (0.5 + Math.random());
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
