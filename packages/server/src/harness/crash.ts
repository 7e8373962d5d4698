/**
 * The crash harness (issue 10): nothing acknowledged is lost when a server instance is killed
 * or PostgreSQL restarts in the middle of a load run, and a retry with the same idempotency key
 * replays the first result without doing anything twice.
 *
 * It starts its own PostgreSQL cluster (never the machine's shared server), migrates and seeds
 * a database in it, starts two server instances on it, and runs referral journeys (create,
 * change the shortlist, hold and book, cancel the appointment or the referral, defer to the
 * provider) from concurrent clients, each mutation with its own idempotency key, retried with
 * that key on failure. Phase A kills an instance with SIGKILL mid-run and starts a replacement;
 * phase B restarts PostgreSQL in immediate mode (a crash: no checkpoint, WAL replay on start)
 * mid-run, and the instances must reconnect without being restarted. Then the database is read
 * directly: every acknowledged mutation is there and nothing is half-done; finally every
 * acknowledged mutation is sent again, and each must come back as a replay of the same result
 * while the tables stay as they were.
 *
 * `adminDatabaseUrl` is not used: the harness never touches a PostgreSQL server it did not
 * start, since it crashes the one it runs on.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase } from '../db/orm.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';
import { Service, syncReferenceData } from '../modules/directory/index.js';
import { User } from '../modules/identity/index.js';
import { Patient } from '../modules/patients/index.js';
import { seedDemoData, SHOWCASE_PATIENTS, SHOWCASE_SERVICES } from '../seed/demo-seed.js';
import { DEMO_PASSWORD, seedDemoUsers } from '../seed/demo-users.js';
import { ukDate } from '../time.js';
import { graphqlClient } from '../bench/load.js';
import {
  findHalfDone,
  findLost,
  readFacts,
  rowCounts,
  type DatabaseFacts,
  type Queryable,
} from './crash-check.js';
import {
  InstancePool,
  Ledger,
  sendWithRetries,
  type ReferralReply,
  type RetryPolicy,
  type SentMutation,
} from './crash-client.js';
import { startServerProcess, type ServerInstance } from './instances.js';
import { createScratchCluster, type ScratchCluster } from './scratch-cluster.js';
import { verdict, type HarnessOptions, type HarnessSize, type HarnessVerdict } from './types.js';

interface CrashSize {
  /** Concurrent clients. */
  readonly clients: number;
  /** Bookable services the journeys spread over. */
  readonly services: number;
  /** Acknowledged mutations before the kill. */
  readonly beforeKill: number;
  /** Acknowledged mutations after the kill before the PostgreSQL restart (at least). */
  readonly afterKill: number;
  /** Acknowledged mutations after the PostgreSQL restart (at least). */
  readonly afterRestart: number;
  /** No new journey starts once this many mutations were sent. */
  readonly maxMutations: number;
  /**
   * A safety net, not a time target: the load (not setup or checks) is abandoned after this
   * many seconds, so a server that stops answering fails the run instead of hanging it.
   */
  readonly loadSeconds: number;
  readonly retry: RetryPolicy;
}

const SIZES: Record<HarnessSize, CrashSize> = {
  small: {
    clients: 6,
    services: 12,
    beforeKill: 40,
    afterKill: 40,
    afterRestart: 60,
    maxMutations: 600,
    loadSeconds: 240,
    retry: { giveUpAfterMs: 20_000, inProgressGiveUpAfterMs: 3_000, requestTimeoutMs: 15_000 },
  },
  full: {
    clients: 16,
    services: 80,
    beforeKill: 1000,
    afterKill: 1000,
    afterRestart: 1000,
    maxMutations: 10_000,
    loadSeconds: 1800,
    retry: { giveUpAfterMs: 45_000, inProgressGiveUpAfterMs: 5_000, requestTimeoutMs: 30_000 },
  },
};

/** The instances must be acknowledging again within this long of PostgreSQL coming back. */
const DATABASE_RECOVERY_LIMIT_MS = 30_000;

/** What the harness knows about the seeded data, for building requests. */
interface Scene {
  readonly userId: string;
  readonly patient: {
    readonly id: string;
    readonly ageYears: number;
    readonly sex: string;
    readonly postcode: string;
  };
  /** Directly bookable services with a slot the GP can book now. */
  readonly bookable: readonly string[];
  /** A directly bookable service without slots: a referral to it can be deferred. */
  readonly withoutSlots: string;
  readonly specialties: readonly string[];
}

/** Hooks for the harness's own tests. */
export interface CrashHooks {
  /**
   * Runs after the load, before the checks, with the scratch database and the ledger: a test
   * can tamper with a copy of the evidence to prove the checks would notice.
   */
  beforeChecks?(db: Queryable, sent: readonly SentMutation[], userId: string): Promise<void>;
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whole years from a `YYYY-MM-DD` birth date to `today` (also `YYYY-MM-DD`). */
function ageOn(dateOfBirth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Migrates and seeds the demo data set, and reads what the journeys need from it. */
async function prepareDatabase(scratch: ScratchDatabase) {
  const orm = await openDatabase(scratch.config);
  try {
    await syncReferenceData(orm.em.fork());
    const now = new Date();
    const today = ukDate(now);
    await seedDemoData(orm.em.fork(), { today, now });
    await seedDemoUsers(orm.em.fork(), { now });
    const em = orm.em.fork();
    const gp = await em.findOneOrFail(User, { username: 'rc.leeds' });
    const margaret = await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[0].nhsNumber });
    const heartFailure = await em.findOneOrFail(Service, { name: SHOWCASE_SERVICES.noSlots });
    const specialties = await em
      .getConnection()
      .execute<{ code: string }[]>('select distinct specialty_code as code from service');
    return {
      userId: gp.id,
      patient: {
        id: margaret.id,
        ageYears: ageOn(margaret.dateOfBirth, today),
        sex: SHOWCASE_PATIENTS[0].sex,
        postcode: margaret.postcode,
      },
      withoutSlots: heartFailure.id,
      specialties: specialties.map((s) => s.code),
    };
  } finally {
    await orm.close(true);
  }
}

const SEARCH = /* GraphQL */ `
  query ($input: ServiceSearchInput!) {
    searchServices(input: $input, first: 50) {
      edges {
        node {
          earliestSlotStart
          service {
            id
            requestFlow
            bookableType
          }
        }
      }
    }
  }
`;

const BOOKABLE_SLOTS = /* GraphQL */ `
  query ($ubrn: ID!, $serviceId: ID!) {
    bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: 50) {
      edges {
        node {
          id
        }
      }
    }
  }
`;

const HOLD_SLOT = /* GraphQL */ `
  mutation ($input: SlotChoiceInput!) {
    holdSlot(input: $input) {
      heldUntil
    }
  }
`;

/** Services a search for the patient offers that the GP can book directly now. */
async function bookableServices(
  url: string,
  token: string,
  patient: Scene['patient'],
  specialties: readonly string[],
  wanted: number,
): Promise<string[]> {
  const ask = graphqlClient(url, token);
  const found: string[] = [];
  for (const specialty of specialties) {
    if (found.length >= wanted) break;
    const result = await ask<{
      searchServices: {
        edges: {
          node: {
            earliestSlotStart: string | null;
            service: { id: string; requestFlow: string; bookableType: string };
          };
        }[];
      };
    }>(SEARCH, {
      input: {
        patient: { ageYears: patient.ageYears, sex: patient.sex, postcode: patient.postcode },
        priority: 'ROUTINE',
        specialty,
        sort: 'EARLIEST_SLOT',
      },
    });
    if (!result.data) throw new Error(`search failed: ${JSON.stringify(result.errors)}`);
    for (const { node } of result.data.searchServices.edges) {
      if (
        node.earliestSlotStart &&
        node.service.requestFlow === 'APPOINTMENT_REQUEST' &&
        node.service.bookableType === 'DIRECTLY_BOOKABLE'
      ) {
        found.push(node.service.id);
      }
    }
  }
  return found.slice(0, wanted);
}

/** A reason code the referrer may give for an action, from the last reply's allowed actions. */
function reasonFor(reply: ReferralReply, action: string): string | null {
  const option = reply.referral.allowedActions.find((a) => a.action === action);
  return option?.reasons.find((r) => !r.commentMandatory)?.code ?? null;
}

/**
 * The load: `clients` closed-loop clients, each running referral journeys until told to stop.
 * Journey `j` is one of five shapes (j mod 5): book; book then cancel the appointment; book
 * then cancel the referral; refer to a service without slots and defer to the provider;
 * change the shortlist, then book. A journey ends early at any mutation not acknowledged.
 */
class JourneyLoad {
  private nextJourney = 0;
  private readonly takenSlots = new Set<string>();
  stopping = false;
  holds = { sent: 0, held: 0 };

  constructor(
    private readonly ledger: Ledger,
    private readonly pool: InstancePool,
    private readonly token: string,
    private readonly scene: Scene,
    private readonly size: CrashSize,
  ) {}

  /** Runs the clients until `stopping` is set or the mutation budget is spent. */
  run(): Promise<void> {
    return Promise.all(
      Array.from({ length: this.size.clients }, async (_, client) => {
        while (!this.stopping && this.ledger.sent.length < this.size.maxMutations) {
          await this.journey(client, this.nextJourney++);
        }
      }),
    ).then(() => undefined);
  }

  private async journey(client: number, j: number): Promise<void> {
    const home = client % this.pool.size;
    const shape = j % 5;
    const services = this.scene.bookable;
    const service = services[j % services.length]!;
    const create = await this.ledger.send(home, 'createReferral', {
      patientId: this.scene.patient.id,
      priority: 'ROUTINE',
      serviceIds: [shape === 3 ? this.scene.withoutSlots : service],
      letterStatus: 'NOT_INTENDING_TO_ADD',
      clinicalInformation: `Crash harness journey ${j}.`,
    });
    if (!create.reply) return;
    let last = create.reply;
    const ubrn = last.referral.ubrn;
    const next = async (
      operation: Parameters<Ledger['send']>[1],
      input: Record<string, unknown>,
    ): Promise<boolean> => {
      const sent = await this.ledger.send(home, operation, {
        ubrn,
        expectedVersion: last.referral.version,
        ...input,
      });
      if (!sent.reply) return false;
      last = sent.reply;
      return true;
    };

    if (shape === 3) {
      await next('deferToProvider', { serviceId: this.scene.withoutSlots });
      return;
    }
    if (shape === 4) {
      const other = services[(j + 1) % services.length]!;
      if (!(await next('changeShortlist', { serviceIds: [service, other] }))) return;
    }
    const slotId = await this.holdSomeSlot(home, ubrn, service);
    if (!slotId) return;
    if (!(await next('bookAppointment', { slotId }))) return;
    if (shape === 1 || shape === 2) {
      const action = shape === 1 ? 'CANCEL_APPOINTMENT' : 'CANCEL_REFERRAL';
      const reason = reasonFor(last, action);
      if (!reason) return;
      await next(shape === 1 ? 'cancelAppointment' : 'cancelReferral', {
        reason,
        comment: 'Crash harness.',
      });
    }
  }

  /** Finds a slot nobody in this run has taken, and holds it for the referral. */
  private async holdSomeSlot(home: number, ubrn: string, serviceId: string) {
    const listed = await sendWithRetries<{ bookableSlots: { edges: { node: { id: string } }[] } }>(
      this.pool,
      home,
      this.token,
      BOOKABLE_SLOTS,
      { ubrn, serviceId },
      this.size.retry,
      this.ledger.stats,
    );
    if (listed.result.kind !== 'ok') return null;
    const free = listed.result.data.bookableSlots.edges
      .map((e) => e.node.id)
      .filter((id) => !this.takenSlots.has(id));
    for (const slotId of free.slice(0, 3)) {
      this.takenSlots.add(slotId);
      this.holds.sent++;
      const held = await sendWithRetries(
        this.pool,
        home,
        this.token,
        HOLD_SLOT,
        { input: { ubrn, slotId } },
        this.size.retry,
        this.ledger.stats,
      );
      if (held.result.kind === 'ok') {
        this.holds.held++;
        return slotId;
      }
      if (held.result.kind === 'transient') return null;
    }
    return null;
  }
}

/** Runs the crash harness (see the file comment); `hooks` are for its tests. */
export async function runCrashHarness(
  options: HarnessOptions,
  hooks: CrashHooks = {},
): Promise<HarnessVerdict> {
  const size = SIZES[options.size];
  const began = performance.now();
  const log = (line: string) => options.log(`${seconds(performance.now() - began)} s  ${line}`);
  const failures: string[] = [];
  const figures: Record<string, number | string> = {};
  let cluster: ScratchCluster | null = null;
  let scratch: ScratchDatabase | null = null;
  const instances: ServerInstance[] = [];
  const pool = new InstancePool(2);
  let finished = false;
  // Interrupted (the cluster's signal handler exits): leave no server process behind.
  const killAll = () => instances.forEach((s) => s.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const outputs = () =>
    instances.map((s, i) => `--- instance ${i}:\n${s.output().split('\n').slice(-30).join('\n')}`);

  try {
    cluster = await createScratchCluster({ log });
    scratch = await createScratchDatabase('postgresql', cluster.adminUrl);
    const databaseUrl = (scratch.config as { url: string }).url;
    const prepared = await prepareDatabase(scratch);
    log('database migrated and seeded');

    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      ...(options.redisUrl
        ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `crash-${randomUUID()}` }
        : {}),
    };
    const killed = new Set<ServerInstance>();
    const start = async (label: string) => {
      const instance = await startServerProcess(env, { label });
      instances.push(instance);
      // An instance that dies on its own (not killed by phase A) is a finding: it leaves the
      // rotation, so the clients stop waiting for it, and the verdict shows why it died.
      void instance.exited.then((code) => {
        if (killed.has(instance) || finished) return;
        pool.drop(instance);
        const tail = instance.output().trim().split('\n').slice(-12).join('\n');
        failures.push(`instance ${label} died during the run (exit code ${code}):\n${tail}`);
        log(`instance ${label} died (exit code ${code})`);
      });
      return instance;
    };
    const [first, second] = await Promise.all([start('A'), start('B')]);
    pool.put(0, first, 'A');
    pool.put(1, second, 'B');
    log(`instances up at ${first.url} and ${second.url}`);

    const signedIn = await graphqlClient(first.url, null)<{ signIn: { token: string } }>(
      'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }',
      { u: 'rc.leeds', p: DEMO_PASSWORD },
    );
    if (!signedIn.data) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.errors)}`);
    const token = signedIn.data.signIn.token;
    const bookable = await bookableServices(
      first.url,
      token,
      prepared.patient,
      prepared.specialties,
      size.services,
    );
    if (bookable.length < 2) throw new Error(`only ${bookable.length} bookable services found`);
    const scene: Scene = { ...prepared, bookable };
    log(`${bookable.length} bookable services; starting ${size.clients} clients`);

    const ledger = new Ledger(pool, token, size.retry);
    const load = new JourneyLoad(ledger, pool, token, scene, size);
    let loadDone = false;
    const loadRun = load.run().finally(() => (loadDone = true));
    const loadStarted = performance.now();
    const acks = () => ledger.acknowledged();
    const progress = setInterval(
      () => log(`${ledger.sent.length} mutations sent, ${acks().length} acknowledged`),
      15_000,
    );
    const waitUntil = async (what: string, condition: () => boolean, limitMs?: number) => {
      const since = performance.now();
      while (!condition()) {
        if (loadDone) throw new Error(`the load ran out (mutation budget spent) before ${what}`);
        if (pool.live().length === 0) throw new Error(`every instance died before ${what}`);
        if (performance.now() - loadStarted > size.loadSeconds * 1000) {
          throw new Error(`the load ran past ${size.loadSeconds} s before ${what}`);
        }
        if (limitMs !== undefined && performance.now() - since > limitMs) {
          throw new Error(`not within ${seconds(limitMs)} s: ${what}`);
        }
        await sleep(25);
      }
    };

    try {
      // Phase A: kill -9 an instance mid-run, start a replacement, carry on.
      await waitUntil(
        `${size.beforeKill} acknowledgements`,
        () => acks().length >= size.beforeKill,
      );
      const victim = pool.remove(0);
      const killedAt = ledger.clock();
      killed.add(victim.instance);
      victim.instance.child.kill('SIGKILL');
      await victim.instance.exited;
      log(`killed instance A (SIGKILL) after ${acks().length} acknowledgements`);
      const replacement = await start('A2');
      pool.put(0, replacement, 'A2');
      log(`replacement A2 up after ${seconds(ledger.clock() - killedAt)} s`);
      const afterKillBase = acks().length;
      await waitUntil(
        'the replacement acknowledged a mutation',
        () =>
          acks().some((m) => m.acknowledgedBy === 'A2') &&
          acks().length >= afterKillBase + size.afterKill,
      );
      const firstByReplacement = Math.min(
        ...acks()
          .filter((m) => m.acknowledgedBy === 'A2')
          .map((m) => m.acknowledgedAt!),
      );
      figures.killRecoverySeconds = seconds(firstByReplacement - killedAt);
      figures.acknowledgedWhileReplacing = acks().filter(
        (m) => m.acknowledgedAt! > killedAt && m.acknowledgedAt! < firstByReplacement,
      ).length;

      // Phase B: PostgreSQL crashes (immediate stop) and comes back; no instance is restarted.
      const restartedAt = ledger.clock();
      await cluster.stop('immediate');
      await cluster.start();
      const upAt = ledger.clock();
      figures.postgresDownSeconds = seconds(upAt - restartedAt);
      log(`PostgreSQL restarted (immediate mode) in ${seconds(upAt - restartedAt)} s`);
      const afterRestartBase = acks().length;
      const firstAfter = (label: string) =>
        acks().find((m) => m.acknowledgedBy === label && m.acknowledgedAt! > upAt)?.acknowledgedAt;
      try {
        await waitUntil(
          'every instance acknowledged a mutation after PostgreSQL came back',
          () => pool.live().every((s) => firstAfter(s.label) !== undefined),
          DATABASE_RECOVERY_LIMIT_MS,
        );
      } catch (error) {
        const stuck = pool.live().filter((s) => firstAfter(s.label) === undefined);
        failures.push(
          `${stuck.map((s) => s.label).join(', ')} did not recover from the PostgreSQL restart without a restart of its own (${(error as Error).message})`,
        );
      }
      const recovered = pool
        .live()
        .map((s) => ({ label: s.label, at: firstAfter(s.label) }))
        .filter((r): r is { label: string; at: number } => r.at !== undefined);
      if (recovered.length) {
        figures.postgresRecoverySeconds = seconds(
          Math.max(...recovered.map((r) => r.at)) - restartedAt,
        );
        figures.postgresRecoveryByInstance = recovered
          .map((r) => `${r.label} ${seconds(r.at - upAt)} s`)
          .join(', ');
      }
      await waitUntil(
        `${size.afterRestart} acknowledgements after the restart`,
        () => acks().length >= afterRestartBase + size.afterRestart,
      );
    } catch (error) {
      failures.push((error as Error).message);
    } finally {
      load.stopping = true;
      await loadRun;
      clearInterval(progress);
    }
    figures.loadSeconds = seconds(performance.now() - loadStarted);
    for (const s of pool.live()) {
      if (s.instance.child.exitCode !== null || s.instance.child.signalCode !== null) {
        failures.push(`instance ${s.label} exited during the run`);
      }
    }
    log(`load over: ${ledger.sent.length} mutations sent, ${acks().length} acknowledged`);

    // The checks read the database directly.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await hooks.beforeChecks?.(db, ledger.sent, scene.userId);
      const facts: DatabaseFacts = await readFacts(db, scene.userId);
      const lost = findLost(ledger.sent, facts);
      const halfDone = findHalfDone(facts);
      figures.lost = lost.length;
      figures.halfDone = halfDone.length;
      figures.abandonedClaims = facts.appointments.filter((a) => a.status === 'PENDING').length;
      figures.keysInProgress = [...facts.keys.values()].filter(
        (k) => k.status === 'IN_PROGRESS',
      ).length;
      failures.push(...cap(lost.map((l) => `acknowledged but lost: ${l}`)));
      failures.push(...cap(halfDone.map((h) => `half-done: ${h}`)));

      // Replays: every acknowledged mutation again, same key and input.
      log(
        `checked the database: ${lost.length} lost, ${halfDone.length} half-done; replaying ${acks().length} acknowledged mutations`,
      );
      if (pool.live().length === 0) throw new Error('no instance is left to replay against');
      const before = await rowCounts(db);
      const requestsBefore = ledger.stats.requests;
      const mismatches: string[] = [];
      const queue = [...acks()];
      let replayed = 0;
      await Promise.all(
        Array.from({ length: size.clients }, async (_, client) => {
          for (let m = queue.shift(); m; m = queue.shift()) {
            const again = await ledger.replay(client % pool.size, m);
            replayed++;
            const problem = replayProblem(m, again);
            if (problem)
              mismatches.push(`${m.operation} key ${m.input.idempotencyKey}: ${problem}`);
          }
        }),
      );
      const after = await rowCounts(db);
      const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
      figures.replaysChecked = replayed;
      figures.replayMismatches = mismatches.length;
      figures.replayRequests = ledger.stats.requests - requestsBefore;
      failures.push(...cap(mismatches.map((m) => `replay mismatch: ${m}`)));
      if (changed.length) {
        failures.push(
          `replays changed the database: ${changed.map((k) => `${k} ${before[k]} → ${after[k]}`).join(', ')}`,
        );
      }
    } finally {
      await db.end();
    }

    const sent = ledger.sent;
    const count = (outcome: SentMutation['outcome']) =>
      sent.filter((m) => m.outcome === outcome).length;
    Object.assign(figures, {
      instances: 2,
      clients: size.clients,
      mutationsSent: sent.length,
      acknowledged: count('acknowledged'),
      acknowledgedAfterRetry: sent.filter((m) => m.outcome === 'acknowledged' && m.attempts > 1)
        .length,
      acknowledgedAsReplay: sent.filter((m) => m.reply?.replayed).length,
      refused: count('refused'),
      unacknowledged: count('unacknowledged'),
      bookingsAcknowledged: sent.filter(
        (m) => m.operation === 'bookAppointment' && m.outcome === 'acknowledged',
      ).length,
      holds: `${load.holds.held} of ${load.holds.sent}`,
      requests: ledger.stats.requests,
      failedRequests: [...ledger.stats.failures]
        .sort((a, b) => b[1] - a[1])
        .map(([code, n]) => `${code} ×${n}`)
        .join(', '),
      refusals: summarise(sent.filter((m) => m.outcome === 'refused').map((m) => m.failure!)),
    });
    // Reordered so the headline figures come first.
    const ordered = orderFigures(figures);
    if (count('acknowledged') === 0) failures.push('nothing was acknowledged');
    const internal = ledger.stats.failures.get('INTERNAL_SERVER_ERROR') ?? 0;
    if (internal > 0) {
      failures.push(
        `${internal} answers were INTERNAL_SERVER_ERROR: a database or instance going away must be a clean retryable error (SERVICE_UNAVAILABLE)`,
      );
    }
    return verdict('crash', options.size, ordered, failures);
  } catch (error) {
    failures.push(`the harness could not run: ${(error as Error).message}`);
    log(outputs().join('\n'));
    if (cluster) log(`PostgreSQL log:\n${cluster.logTail()}`);
    return verdict('crash', options.size, figures, failures);
  } finally {
    finished = true;
    process.removeListener('exit', killAll);
    await Promise.all(instances.map((s) => s.stop('SIGKILL')));
    await scratch?.drop().catch(() => undefined);
    await cluster?.remove();
  }
}

/** Why a replay is not the first result returned again, or null when it is. */
function replayProblem(
  first: SentMutation,
  again: { reply: ReferralReply } | { failure: string },
): string | null {
  if ('failure' in again) return `refused or failed: ${again.failure}`;
  const { reply } = again;
  if (!reply.replayed) return 'not marked as a replay (it ran again)';
  if (reply.referral.ubrn !== first.reply!.referral.ubrn) {
    return `UBRN ${reply.referral.ubrn}, first ${first.reply!.referral.ubrn}`;
  }
  if (reply.notice !== first.reply!.notice) {
    return `notice ${reply.notice}, first ${first.reply!.notice}`;
  }
  return null;
}

/** At most 20 lines of a list, with a count of the rest. */
function cap(lines: string[]): string[] {
  return lines.length > 20 ? [...lines.slice(0, 20), `… and ${lines.length - 20} more`] : lines;
}

/** `A ×3, B ×1` from a list of codes. */
function summarise(codes: string[]): string {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].map(([c, n]) => `${c} ×${n}`).join(', ') || 'none';
}

const FIGURE_ORDER = [
  'instances',
  'clients',
  'mutationsSent',
  'acknowledged',
  'lost',
  'replaysChecked',
  'replayMismatches',
  'halfDone',
  'killRecoverySeconds',
  'acknowledgedWhileReplacing',
  'postgresDownSeconds',
  'postgresRecoverySeconds',
  'postgresRecoveryByInstance',
];

function orderFigures(figures: Record<string, number | string>): Record<string, number | string> {
  const keys = [
    ...FIGURE_ORDER.filter((k) => k in figures),
    ...Object.keys(figures).filter((k) => !FIGURE_ORDER.includes(k)),
  ];
  return Object.fromEntries(keys.map((k) => [k, figures[k]!]));
}

/** The crash harness: `pnpm --filter @open-ers/server harness crash [--full]`. */
export const crashHarness = (options: HarnessOptions): Promise<HarnessVerdict> =>
  runCrashHarness(options);
