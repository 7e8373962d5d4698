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

/** What identifies one keyed request: who sent it, the key, and what it asked for. */
interface KeyedRequest {
  readonly userId: string;
  readonly key: string;
  readonly operation: string;
  readonly hash: string;
}

/** The request's key checked at the edge (length within the column), or null without one. */
function keyedRequest(request: {
  userId: string;
  key: string | null | undefined;
  operation: string;
  args: unknown;
}): KeyedRequest | null {
  const { key } = request;
  if (!key) return null;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new DomainError('BAD_USER_INPUT', {
      field: 'idempotencyKey',
      message: `An idempotency key can be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
    });
  }
  return {
    userId: request.userId,
    key,
    operation: request.operation,
    hash: requestHash(request.operation, request.args),
  };
}

/**
 * What an earlier request with this key was answered (its remembered JSON), or null when there
 * was none. The key used for other arguments or another operation is IDEMPOTENCY_KEY_REUSED;
 * one whose first request is still running is REQUEST_IN_PROGRESS.
 */
async function remembered<J>(
  em: EntityManager,
  request: KeyedRequest,
): Promise<{ response: J } | null> {
  const record = await em
    .fork()
    .findOne(IdempotencyRecord, { userId: request.userId, key: request.key });
  if (!record) return null;
  if (record.requestHash !== request.hash || record.operation !== request.operation) {
    throw new DomainError('IDEMPOTENCY_KEY_REUSED', { field: 'idempotencyKey' });
  }
  if (record.status !== 'COMPLETED') throw new DomainError('REQUEST_IN_PROGRESS');
  return { response: record.response as J };
}

async function insertRecord(
  tx: EntityManager,
  request: KeyedRequest,
  status: IdempotencyRecord['status'],
  response: unknown,
  createdAt: Date = new Date(),
): Promise<void> {
  await tx.insert(IdempotencyRecord, {
    id: randomUUID(),
    userId: request.userId,
    key: request.key,
    operation: request.operation,
    requestHash: request.hash,
    status,
    response,
    createdAt,
  });
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
  const request = keyedRequest(work);
  if (!request) return inTransaction(em, (tx) => work.run(tx));
  const earlier = async (): Promise<R | null> => {
    const found = await remembered<J>(em, request);
    return found ? work.replay(found.response) : null;
  };
  const replayed = await earlier();
  if (replayed !== null) return replayed;
  try {
    return await inTransaction(em, async (tx) => {
      const result = await work.run(tx);
      await insertRecord(tx, request, 'COMPLETED', work.remember(result));
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

/**
 * The same key, for a mutation that spans several transactions with a wait between them
 * (booking: claim the slot, ask the provider's system, book the referral). The key is reserved
 * (IN_PROGRESS) in the first transaction, so a concurrent retry is REQUEST_IN_PROGRESS; it is
 * completed with the response once the last one committed, or released if the request gave up,
 * so a retry can start again. Without a key every step does nothing.
 */
export class MultiStepIdempotency<J> {
  private constructor(
    private readonly em: EntityManager,
    private readonly request: KeyedRequest | null,
  ) {}

  /** Checks the key (BAD_USER_INPUT when too long) and hashes the request's arguments. */
  static for<J>(
    em: EntityManager,
    request: { userId: string; key: string | null | undefined; operation: string; args: unknown },
  ): MultiStepIdempotency<J> {
    return new MultiStepIdempotency<J>(em, keyedRequest(request));
  }

  /** The remembered response of an earlier request with this key, or null (see above). */
  async remembered(): Promise<J | null> {
    if (!this.request) return null;
    return (await remembered<J>(this.em, this.request))?.response ?? null;
  }

  /** Reserves the key inside the first step's transaction, at the request's time. */
  async reserve(tx: EntityManager, now: Date): Promise<void> {
    if (this.request) await insertRecord(tx, this.request, 'IN_PROGRESS', null, now);
  }

  /** Records the response once the request's last step committed. */
  async complete(response: J): Promise<void> {
    if (!this.request) return;
    await this.em
      .fork()
      .nativeUpdate(
        IdempotencyRecord,
        { userId: this.request.userId, key: this.request.key },
        { status: 'COMPLETED', response },
      );
  }

  /** Lets the key go (inside the transaction that undoes the first step), so a retry may run. */
  async release(tx: EntityManager): Promise<void> {
    if (!this.request) return;
    await tx.nativeDelete(IdempotencyRecord, {
      userId: this.request.userId,
      key: this.request.key,
      status: 'IN_PROGRESS',
    });
  }
}

/** Releases keys whose multi-step request never finished (its server stopped) before `olderThan`. */
export async function releaseAbandonedKeys(tx: EntityManager, olderThan: Date): Promise<void> {
  await tx.nativeDelete(IdempotencyRecord, {
    status: 'IN_PROGRESS',
    createdAt: { $lt: olderThan },
  });
}
