import { performance } from 'node:perf_hooks';

/** Latency figures of one scenario, in milliseconds, and its throughput. */
export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** The `q` quantile (0..1) of sorted samples (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Runs `request` from `concurrency` closed-loop clients until `seconds` have passed,
 * `maxRequests` were made or `stop` is aborted, timing each call. A call that throws or resolves `false` counts as an
 * error. Closed-loop load under-reports tail latency when the server stalls; the figures are for
 * comparing runs on one machine, not for service-level promises.
 */
export async function runLoad(
  name: string,
  request: (i: number) => Promise<boolean>,
  options: {
    concurrency: number;
    seconds: number;
    maxRequests?: number;
    warmup?: number;
    stop?: AbortSignal;
  },
): Promise<LoadResult> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await request(-1 - i);
  const samples: number[] = [];
  let errors = 0;
  let issued = 0;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const limit = options.maxRequests ?? Number.POSITIVE_INFINITY;
  const client = async () => {
    while (performance.now() < deadline && issued < limit && !options.stop?.aborted) {
      const i = issued++;
      const t0 = performance.now();
      let ok = false;
      try {
        ok = await request(i);
      } catch {
        ok = false;
      }
      samples.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  return summarise(name, samples, errors, (performance.now() - start) / 1000);
}

/**
 * Runs `request` at a fixed `rate` per second for `seconds` (open loop): each call starts on
 * schedule whether or not earlier ones have finished, and its latency counts from when it was
 * due, so a stall shows in the figures instead of slowing the load down (no coordinated
 * omission). This is how a latency target "at N requests per second" is measured.
 */
export async function runLoadAtRate(
  name: string,
  request: (i: number) => Promise<boolean>,
  options: { rate: number; seconds: number; warmup?: number },
): Promise<LoadResult> {
  for (let i = 0; i < (options.warmup ?? 20); i++) await request(-1 - i);
  const total = Math.round(options.rate * options.seconds);
  const samples: number[] = [];
  let errors = 0;
  const start = performance.now();
  const calls: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    calls.push(
      request(i)
        .catch(() => false)
        .then((ok) => {
          samples.push(performance.now() - due);
          if (!ok) errors++;
        }),
    );
  }
  await Promise.all(calls);
  return summarise(name, samples, errors, (performance.now() - start) / 1000);
}

/** A run's figures from its latencies (ms), failures and length (s). */
function summarise(name: string, samples: number[], errors: number, seconds: number): LoadResult {
  samples.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name,
    requests: samples.length,
    errors,
    seconds: round(seconds),
    perSecond: Math.round(samples.length / seconds),
    p50: round(quantile(samples, 0.5)),
    p95: round(quantile(samples, 0.95)),
    p99: round(quantile(samples, 0.99)),
    max: round(samples.at(-1) ?? Number.NaN),
  };
}

/** A GraphQL client for one bearer token. */
export function graphqlClient(url: string, token: string | null) {
  return async <T>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: T; errors?: unknown[] }> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  };
}
