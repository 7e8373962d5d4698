import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { DomainError } from '@open-ers/domain';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { inTransaction } from '../../db/transaction.js';
import { IdempotencyRecord } from './idempotency-record.entity.js';

/** Longest idempotency key accepted (as Stripe and the IETF draft suggest). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/** A stable hash of a mutation's arguments (object keys sorted). */
export function requestHash(operation: string, args: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(
        Object.keys(value as object)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify([operation, canonical(args)]))
    .digest('hex');
}

export interface IdempotentWork<R, J> {
  readonly userId: string;
  readonly key: string | null | undefined;
  readonly operation: string;
  readonly args: unknown;
  /** The mutation itself, inside the transaction that also records the key. */
  run(tx: EntityManager): Promise<R>;
  /** What to remember of the result (JSON). */
  remember(result: R): J;
  /** The result to give a retry, from what was remembered. */
  replay(remembered: J): Promise<R>;
}

/**
 * Runs a mutation at most once per (user, idempotency key). The key is recorded in the same
 * transaction as the mutation's writes, so either both happen or neither does. A retry with the
 * same key and arguments gets the remembered result; with other arguments, a typed refusal.
 * Two requests racing with one key: one commits, the other's transaction fails on the key's
 * unique index and it replays the first one's result.
 */
export async function runIdempotent<R, J>(
  em: EntityManager,
  work: IdempotentWork<R, J>,
): Promise<R> {
  const { key } = work;
  if (!key) return inTransaction(em, (tx) => work.run(tx));
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new DomainError('BAD_USER_INPUT', {
      field: 'idempotencyKey',
      message: `An idempotency key can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
    });
  }
  const hash = requestHash(work.operation, work.args);
  const earlier = async (): Promise<R | null> => {
    const record = await em.fork().findOne(IdempotencyRecord, { userId: work.userId, key });
    if (!record) return null;
    if (record.requestHash !== hash || record.operation !== work.operation) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', { field: 'idempotencyKey' });
    }
    if (record.status !== 'COMPLETED') throw new DomainError('REQUEST_IN_PROGRESS');
    return work.replay(record.response as J);
  };
  const replayed = await earlier();
  if (replayed !== null) return replayed;
  try {
    return await inTransaction(em, async (tx) => {
      const result = await work.run(tx);
      await tx.insert(IdempotencyRecord, {
        id: randomUUID(),
        userId: work.userId,
        key,
        operation: work.operation,
        requestHash: hash,
        status: 'COMPLETED',
        response: work.remember(result),
        createdAt: new Date(),
      });
      return result;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      const winner = await earlier();
      if (winner !== null) return winner;
    }
    throw error;
  }
}
