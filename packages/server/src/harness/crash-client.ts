/**
 * The crash harness's client: sends referral mutations, each with its own idempotency key, to
 * whichever server instance is up, retries transient failures with the same key as a careful
 * client would, and keeps a ledger of what the server acknowledged.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { ServerInstance } from './instances.js';

/** The keyed referral mutations the crash harness sends. */
export type KeyedOperation =
  | 'createReferral'
  | 'changeShortlist'
  | 'bookAppointment'
  | 'deferToProvider'
  | 'cancelAppointment'
  | 'cancelReferral';

const INPUT_TYPES: Record<KeyedOperation, string> = {
  createReferral: 'CreateReferralInput',
  changeShortlist: 'ChangeShortlistInput',
  bookAppointment: 'BookAppointmentInput',
  deferToProvider: 'ServiceChoiceInput',
  cancelAppointment: 'ReasonInput',
  cancelReferral: 'ReasonInput',
};

/** What the harness keeps of a ReferralPayload. */
const PAYLOAD = /* GraphQL */ `
  {
    referral {
      ubrn
      version
      state
      appointment {
        status
        slotId
      }
      allowedActions {
        action
        reasons {
          code
          commentMandatory
        }
      }
    }
    notice
    replayed
  }
`;

const mutationDocument = (operation: KeyedOperation) =>
  `mutation ($input: ${INPUT_TYPES[operation]}!) { ${operation}(input: $input) ${PAYLOAD} }`;

/** A referral mutation's reply, as far as the harness reads it. */
export interface ReferralReply {
  readonly referral: {
    readonly ubrn: string;
    readonly version: number;
    readonly state: string;
    readonly appointment: { readonly status: string; readonly slotId: string | null } | null;
    readonly allowedActions: readonly {
      readonly action: string;
      readonly reasons: readonly { readonly code: string; readonly commentMandatory: boolean }[];
    }[];
  };
  readonly notice: string | null;
  readonly replayed: boolean;
}

/** One keyed mutation the harness sent, and what became of it. */
export interface SentMutation {
  readonly operation: KeyedOperation;
  /** The exact input, idempotency key included: a retry or replay sends it unchanged. */
  readonly input: Readonly<Record<string, unknown>> & { readonly idempotencyKey: string };
  /** The referral it is about: known up front for transitions, from the reply for a create. */
  ubrn: string | null;
  /**
   * `acknowledged`: HTTP 200 with data and no errors. `refused`: a typed refusal (the request
   * was understood and did nothing). `unacknowledged`: every attempt failed in transit or with a
   * retryable error, so the client cannot know whether it happened.
   */
  outcome: 'pending' | 'acknowledged' | 'refused' | 'unacknowledged';
  /** The first acknowledged reply. */
  reply: ReferralReply | null;
  attempts: number;
  /** The refusal's code, or the last failure of an unacknowledged mutation. */
  failure: string | null;
  /** Which instance acknowledged it, and when (ms on the harness's clock). */
  acknowledgedBy: string | null;
  acknowledgedAt: number | null;
}

/** A transport-level or retryable outcome of one HTTP attempt. */
export type Attempt<T> =
  | { readonly kind: 'ok'; readonly data: T }
  | { readonly kind: 'refused'; readonly code: string }
  | { readonly kind: 'transient'; readonly code: string };

/**
 * Codes that mean "the server could not do it now, try again": the database out of reach
 * (SERVICE_UNAVAILABLE) and a key whose first request has not finished. An internal error is
 * retried too, so the run goes on, but the verdict fails on it: the promise is that a client
 * never sees a failure beyond a clean retryable one. Everything else is a typed refusal that a
 * retry would only repeat.
 */
const RETRYABLE_CODES = new Set([
  'SERVICE_UNAVAILABLE',
  'REQUEST_IN_PROGRESS',
  'INTERNAL_SERVER_ERROR',
]);

/**
 * Posts one GraphQL request. Network failures (connection refused or reset when an instance
 * dies), non-JSON bodies and HTTP 5xx are transient; an answer with errors is a refusal unless
 * its code is retryable.
 */
export async function postGraphql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  timeoutMs: number,
): Promise<Attempt<T>> {
  let response: Response;
  try {
    response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'transient', code: `network ${cause ?? (error as Error).name}` };
  }
  let body: { data?: T | null; errors?: { extensions?: { code?: string } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    return { kind: 'transient', code: `HTTP ${response.status} (not JSON)` };
  }
  if (response.status === 200 && body.data && !body.errors?.length) {
    return { kind: 'ok', data: body.data };
  }
  const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
  if (response.status >= 500 || RETRYABLE_CODES.has(code)) return { kind: 'transient', code };
  return { kind: 'refused', code };
}

/**
 * The server instances clients talk to, by position: position `i` is an instance or, while it
 * is being replaced, empty. A client uses its home position and fails over to the others.
 */
export class InstancePool {
  private readonly slots: ({ instance: ServerInstance; label: string } | null)[];

  constructor(positions: number) {
    this.slots = Array.from({ length: positions }, () => null);
  }

  get size(): number {
    return this.slots.length;
  }

  /** The live instances, in position order. */
  live(): { instance: ServerInstance; label: string }[] {
    return this.slots.filter((s): s is NonNullable<typeof s> => s !== null);
  }

  /** The instance for a client's `attempt`th try: its home position first, then the others. */
  pick(home: number, attempt: number): { url: string; label: string } | null {
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[(home + attempt + i) % this.slots.length];
      if (slot) return { url: slot.instance.url, label: slot.label };
    }
    return null;
  }

  /** Takes an instance out of rotation (before killing it). */
  remove(position: number): { instance: ServerInstance; label: string } {
    const slot = this.slots[position];
    if (!slot) throw new Error(`no instance at position ${position}`);
    this.slots[position] = null;
    return slot;
  }

  /** Takes an instance out of rotation wherever it is (it died). */
  drop(instance: ServerInstance): void {
    const position = this.slots.findIndex((s) => s?.instance === instance);
    if (position >= 0) this.slots[position] = null;
  }

  /** Puts an instance (a replacement) at a position. */
  put(position: number, instance: ServerInstance, label: string): void {
    this.slots[position] = { instance, label };
  }
}

/** How long and how hard a client keeps trying one mutation. */
export interface RetryPolicy {
  /** Give up (unacknowledged) after this long. */
  readonly giveUpAfterMs: number;
  /**
   * Give up sooner on REQUEST_IN_PROGRESS: a booking whose first request died holds its key
   * until housekeeping clears it (minutes), so waiting for it only stalls the load.
   */
  readonly inProgressGiveUpAfterMs: number;
  /** Per-request timeout. */
  readonly requestTimeoutMs: number;
}

/** Counts of what happened on the wire. */
export interface WireStats {
  requests: number;
  /** Failures by code (`network ECONNREFUSED`, `INTERNAL_SERVER_ERROR`, …), retried or not. */
  readonly failures: Map<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `query` until it is answered (data or a refusal) or the policy gives up, failing over
 * between instances; `onTry` runs before each attempt (the harness counts requests there).
 */
export async function sendWithRetries<T>(
  pool: InstancePool,
  home: number,
  token: string,
  query: string,
  variables: Record<string, unknown>,
  policy: RetryPolicy,
  stats: WireStats,
): Promise<{ result: Attempt<T>; attempts: number; label: string | null }> {
  const started = performance.now();
  let inProgressSince: number | null = null;
  for (let attempt = 0; ; attempt++) {
    const target = pool.pick(home, attempt);
    let result: Attempt<T>;
    if (target) {
      stats.requests++;
      result = await postGraphql<T>(target.url, token, query, variables, policy.requestTimeoutMs);
    } else {
      result = { kind: 'transient', code: 'no instance up' };
    }
    if (result.kind !== 'transient') {
      return { result, attempts: attempt + 1, label: target?.label ?? null };
    }
    stats.failures.set(result.code, (stats.failures.get(result.code) ?? 0) + 1);
    const now = performance.now();
    if (result.code === 'REQUEST_IN_PROGRESS') inProgressSince ??= now;
    else inProgressSince = null;
    if (
      now - started > policy.giveUpAfterMs ||
      (inProgressSince !== null && now - inProgressSince > policy.inProgressGiveUpAfterMs)
    ) {
      return { result, attempts: attempt + 1, label: null };
    }
    // Jittered exponential backoff, capped at a second.
    await sleep(Math.min(1000, 25 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random()));
  }
}

/** The ledger: every keyed mutation sent, in the order they were sent. */
export class Ledger {
  readonly sent: SentMutation[] = [];
  readonly stats: WireStats = { requests: 0, failures: new Map() };
  private readonly started = performance.now();

  constructor(
    private readonly pool: InstancePool,
    private readonly token: string,
    private readonly policy: RetryPolicy,
  ) {}

  /** Milliseconds since the ledger was opened. */
  clock(): number {
    return performance.now() - this.started;
  }

  /** Acknowledged mutations. */
  acknowledged(): SentMutation[] {
    return this.sent.filter((m) => m.outcome === 'acknowledged');
  }

  /**
   * Sends a keyed mutation (a fresh idempotency key is added to `input`), retrying with the same
   * key, and records the outcome.
   */
  async send(
    home: number,
    operation: KeyedOperation,
    input: Record<string, unknown>,
  ): Promise<SentMutation> {
    const entry: SentMutation = {
      operation,
      input: { ...input, idempotencyKey: randomUUID() },
      ubrn: typeof input.ubrn === 'string' ? input.ubrn : null,
      outcome: 'pending',
      reply: null,
      attempts: 0,
      failure: null,
      acknowledgedBy: null,
      acknowledgedAt: null,
    };
    this.sent.push(entry);
    const { result, attempts, label } = await sendWithRetries<Record<string, ReferralReply>>(
      this.pool,
      home,
      this.token,
      mutationDocument(operation),
      { input: entry.input },
      this.policy,
      this.stats,
    );
    entry.attempts = attempts;
    if (result.kind === 'ok') {
      const reply = result.data[operation]!;
      entry.outcome = 'acknowledged';
      entry.reply = reply;
      entry.ubrn = reply.referral.ubrn;
      entry.acknowledgedBy = label;
      entry.acknowledgedAt = this.clock();
    } else {
      entry.outcome = result.kind === 'refused' ? 'refused' : 'unacknowledged';
      entry.failure = result.code;
    }
    return entry;
  }

  /**
   * Sends an acknowledged mutation again, unchanged (same key, same input), once per retry
   * policy, and returns the reply or why there was none.
   */
  async replay(
    home: number,
    entry: SentMutation,
  ): Promise<{ reply: ReferralReply } | { failure: string }> {
    const { result } = await sendWithRetries<Record<string, ReferralReply>>(
      this.pool,
      home,
      this.token,
      mutationDocument(entry.operation),
      { input: entry.input },
      this.policy,
      this.stats,
    );
    return result.kind === 'ok'
      ? { reply: result.data[entry.operation]! }
      : { failure: result.code };
  }
}
