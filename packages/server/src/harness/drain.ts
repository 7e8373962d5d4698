/**
 * The drain harness: a rolling restart under steady load. Two server instances on one PostgreSQL
 * database (and one Redis) take reads and writes from many clients, routed as a load balancer
 * routes them: round robin over the instances whose /readyz answers 200, polled every
 * {@link READINESS_POLL_MS}, and a request whose new connection is refused (nothing was sent) is
 * sent to another instance. Each instance in turn gets SIGTERM and a replacement is started.
 *
 * No client request may fail because of the restart: a request the stopping instance accepted
 * is answered in full (a cut response, a reset, a 5xx or any error is a failure), and the
 * instance stops accepting new connections cleanly. Afterwards every referral a client was told
 * it created is read back from the database.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { runLoad, type LoadResult } from '../bench/load.js';
import { startServerProcess, waitUntil, type ServerInstance } from './instances.js';
import {
  callGraphql,
  prepareBookingFixture,
  RACE_GP,
  signIn,
  type CallOutcome,
} from './race-fixture.js';
import { verdict, type Harness, type HarnessSize } from './types.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

interface DrainSize {
  readonly clients: number;
  /** Instances stopped and replaced, the oldest each time (so two make a rolling restart). */
  readonly restarts: number;
  /** Requests a client makes before the first and after the last restart. */
  readonly settleRequests: number;
}

const SIZES: Record<HarnessSize, DrainSize> = {
  small: { clients: 16, restarts: 1, settleRequests: 2 },
  full: { clients: 100, restarts: 6, settleRequests: 5 },
};

/** How often the router asks each instance whether it is ready (as a load balancer would). */
const READINESS_POLL_MS = 100;

const CREATE = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn } } }`;
const HOLD = `mutation ($input: SlotChoiceInput!) { holdSlot(input: $input) { slotId } }`;
const RELEASE = `mutation ($input: SlotChoiceInput!) { releaseSlot(input: $input) }`;
const REFERRAL = `query ($ubrn: ID!) { referral(ubrn: $ubrn) { ubrn state version } }`;
const SLOTS = `query ($ubrn: ID!, $serviceId: ID!) { bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: 10) { totalCount edges { node { id } } } }`;

/** One upstream as the router sees it. */
interface Upstream {
  instance: ServerInstance;
  ready: boolean;
  inFlight: number;
}

/**
 * Round robin over the ready upstreams, with the readiness poller. `send` retries a request on
 * the next ready upstream when its connection is refused, as a load balancer does.
 */
class Router {
  readonly upstreams: Upstream[] = [];
  private next = 0;
  private readonly timer: NodeJS.Timeout;
  retriedRefusals = 0;

  constructor() {
    this.timer = setInterval(() => void this.poll(), READINESS_POLL_MS);
  }

  add(instance: ServerInstance): Upstream {
    const upstream: Upstream = { instance, ready: false, inFlight: 0 };
    this.upstreams.push(upstream);
    return upstream;
  }

  remove(upstream: Upstream): void {
    this.upstreams.splice(this.upstreams.indexOf(upstream), 1);
  }

  private async poll(): Promise<void> {
    await Promise.all(
      this.upstreams.map(async (u) => {
        try {
          const response = await fetch(`${u.instance.url}/readyz`, {
            signal: AbortSignal.timeout(1_000),
          });
          await response.arrayBuffer();
          u.ready = response.status === 200;
        } catch {
          u.ready = false;
        }
      }),
    );
  }

  private pick(): Upstream | null {
    const ready = this.upstreams.filter((u) => u.ready);
    if (ready.length === 0) return null;
    return ready[this.next++ % ready.length]!;
  }

  async send<T>(
    token: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<CallOutcome<T>> {
    for (let tries = 0; ; tries++) {
      const upstream = this.pick();
      if (!upstream) {
        // Nothing ready (both restarting at once would be the harness's own fault): wait.
        await new Promise((resolve) => setTimeout(resolve, READINESS_POLL_MS));
        continue;
      }
      upstream.inFlight++;
      const outcome = await callGraphql<T>(upstream.instance.url, token, query, variables).finally(
        () => upstream.inFlight--,
      );
      if (outcome.kind === 'failed' && outcome.connectionRefused && tries < 10) {
        this.retriedRefusals++;
        upstream.ready = false;
        continue;
      }
      return outcome;
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}

/** The drain harness (see the file comment). */
export const drainHarness: Harness = async (options) => {
  const size = SIZES[options.size];
  const groups = 4;
  const perGroup = Math.ceil(size.clients / groups);
  const fixture = await prepareBookingFixture({
    adminDatabaseUrl: options.adminDatabaseUrl,
    groups,
    slotsPerGroup: perGroup,
    referralsPerGroup: perGroup,
    log: options.log,
  });
  const env: Record<string, string> = {
    DATABASE_URL: fixture.databaseUrl,
    ...(options.redisUrl
      ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `open-ers-drain-${randomUUID()}` }
      : {}),
  };
  const router = new Router();
  const everyInstance: ServerInstance[] = [];
  let started = 0;
  const start = async () => {
    const t0 = performance.now();
    const instance = await startServerProcess(env, { label: `drain ${++started}` });
    everyInstance.push(instance);
    const upstream = router.add(instance);
    await waitUntil(() => upstream.ready, `${instance.url} to be ready`);
    options.log(
      `${instance.url} in rotation ${Math.round(performance.now() - t0)} ms after its start`,
    );
    return upstream;
  };
  const failures: string[] = [];
  const restarts: { inFlight: number; drainMs: number; at: number }[] = [];
  /** When requests failed and instances were signalled, in seconds from the start of the load. */
  const failedAt: number[] = [];
  let begun = performance.now();
  const seconds = () => Math.round(performance.now() - begun) / 1000;
  const tally = { requests: 0, failed: new Map<string, number>(), created: [] as string[] };
  let load: LoadResult | null = null;
  try {
    await Promise.all([start(), start()]);
    const token = await signIn(router.upstreams[0]!.instance.url, RACE_GP.username);

    const call = async <T>(what: string, query: string, variables: Record<string, unknown>) => {
      tally.requests++;
      const outcome = await router.send<T>(token, query, variables);
      if (outcome.kind !== 'ok') {
        const reason = `${what}: ${outcome.kind === 'failed' ? outcome.reason : outcome.code}`;
        tally.failed.set(reason, (tally.failed.get(reason) ?? 0) + 1);
        failedAt.push(seconds());
      }
      return outcome;
    };
    // Request i works on referral and slot number i % clients: two requests on one slot are
    // for the same referral, whose hold on it is its own, so holds are never refused.
    const request = async (i: number): Promise<boolean> => {
      const group = fixture.groups[i % groups]!;
      const index = Math.floor(i / groups) % perGroup;
      const ubrn = group.ubrns[index]!;
      const slotId = group.slotIds[index]!;
      switch ((i + Math.floor(i / size.clients)) % 4) {
        case 0: {
          const created = await call<{ createReferral: { referral: { ubrn: string } } }>(
            'createReferral',
            CREATE,
            {
              input: {
                patientId: fixture.patientId,
                priority: 'ROUTINE',
                serviceIds: [group.serviceId],
                letterStatus: 'NOT_INTENDING_TO_ADD',
                ...WITH_CLINICAL_INFORMATION,
              },
            },
          );
          if (created.kind === 'ok') tally.created.push(created.data.createReferral.referral.ubrn);
          return created.kind === 'ok';
        }
        case 1: {
          const held = await call('holdSlot', HOLD, { input: { ubrn, slotId } });
          const released = await call('releaseSlot', RELEASE, { input: { ubrn, slotId } });
          return held.kind === 'ok' && released.kind === 'ok';
        }
        case 2:
          return (await call('referral', REFERRAL, { ubrn })).kind === 'ok';
        default:
          return (
            (await call('bookableSlots', SLOTS, { ubrn, serviceId: group.serviceId })).kind === 'ok'
          );
      }
    };

    const stop = new AbortController();
    begun = performance.now();
    const running = runLoad('drain', request, {
      concurrency: size.clients,
      seconds: 3600,
      warmup: 0,
      stop: stop.signal,
    });
    try {
      const settle = async () => {
        const until = tally.requests + size.clients * size.settleRequests;
        await waitUntil(() => tally.requests >= until, 'requests before and after the restarts', {
          timeoutMs: 120_000,
        });
      };
      await settle();
      for (let r = 0; r < size.restarts; r++) {
        // Replacements join at the end, so the first upstream is the oldest.
        const old = router.upstreams[0]!;
        // Signal while the instance has requests in flight, so the drain has work to finish.
        await waitUntil(() => old.inFlight > 0, 'a request in flight', { intervalMs: 1 });
        const inFlight = old.inFlight;
        const t0 = performance.now();
        // The replacement starts as the old instance drains (a rolling update without surge).
        const [{ exitCode, drainMs }] = await Promise.all([
          old.instance.stop('SIGTERM').then((code) => {
            router.remove(old);
            return { exitCode: code, drainMs: Math.round(performance.now() - t0) };
          }),
          start(),
        ]);
        restarts.push({ inFlight, drainMs, at: Math.round(t0 - begun) / 1000 });
        options.log(
          `SIGTERM to ${old.instance.url} with ${inFlight} in flight: exit ${exitCode} after ${drainMs} ms`,
        );
        if (exitCode !== 0) {
          failures.push(
            `${old.instance.url} exited with ${exitCode} after SIGTERM:\n${old.instance.output().slice(-2000)}`,
          );
        }
      }
      await settle();
    } finally {
      stop.abort();
      load = await running;
    }

    // Every referral a client was told it created is in the database.
    const db = new pg.Client({ connectionString: fixture.databaseUrl });
    await db.connect();
    try {
      const found = await db.query<{ n: string }>(
        'select count(*) as n from referral where ubrn = any($1::text[])',
        [tally.created],
      );
      const missing = tally.created.length - Number(found.rows[0]!.n);
      if (missing > 0) failures.push(`${missing} acknowledged referrals are not in the database`);
    } finally {
      await db.end();
    }
  } finally {
    router.close();
    await Promise.all(router.upstreams.map((u) => u.instance.stop()));
    await fixture.scratch.drop();
  }

  for (const [reason, count] of tally.failed) failures.push(`${count} × ${reason}`);
  for (const instance of everyInstance) {
    // An error while draining shows only in the server's log (pino level 50 is error).
    if (/"level":(50|60)/.test(instance.output())) {
      failures.push(`${instance.url} logged an error:\n${instance.output().slice(-2000)}`);
    }
  }
  if (restarts.length === 0) failures.push('no instance was restarted');
  const drainTimes = restarts.map((r) => r.drainMs);
  return verdict(
    'drain',
    options.size,
    {
      clients: size.clients,
      restarts: restarts.length,
      requests: tally.requests,
      failures: [...tally.failed.values()].reduce((a, b) => a + b, 0),
      'refused connections retried on the other instance': router.retriedRefusals,
      'in flight at SIGTERM': restarts.map((r) => r.inFlight).join(', '),
      'drain ms (SIGTERM to exit)': drainTimes.join(', '),
      'max drain ms': Math.max(0, ...drainTimes),
      'SIGTERM at s': restarts.map((r) => r.at).join(', '),
      ...(failedAt.length ? { 'failures at s': failedAt.join(', ') } : {}),
      'referrals created (all in the database)': tally.created.length,
      'p50 ms': load?.p50 ?? Number.NaN,
      'p95 ms': load?.p95 ?? Number.NaN,
      'requests per second': load ? Math.round(tally.requests / load.seconds) : Number.NaN,
    },
    failures,
  );
};
