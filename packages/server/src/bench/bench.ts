/**
 * Server benchmarks (`runBench`; `pnpm bench` runs `src/bench/run.ts`): loads a data set into a fresh database, starts the real server in a second
 * process, drives it over loopback with GraphQL and prints the figures as a Markdown table.
 *
 *   pnpm --filter @open-ers/server bench                      # regional scale on PostgreSQL
 *   BENCH_SCALE=national pnpm --filter @open-ers/server bench # QUALITY.md's national data set
 *   BENCH_SCALE=smoke BENCH_DB=sqlite ...                     # seconds; CI runs this
 *   BENCH_SCENARIOS=search,slots ...   # only these (search, slots, worklist, create, book)
 *   BENCH_SCENARIOS=publish ...        # publication only (it always runs: it makes the slots)
 *   BENCH_PROFILE_DIR=/tmp/prof ...    # the server writes a V8 CPU profile there on exit
 *   BENCH_BASELINE=0 ...               # skip the floor (bare handler and pgbench; PostgreSQL only)
 *   BENCH_SQL_OUT=/tmp/sql.json ...    # keep the captured SQL the floor replays
 *
 * TEST_DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ageInYears, type Actor } from '@open-ers/domain';
import { openDatabase, refreshPlannerStatistics, type Orm } from '../db/orm.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';
import { Organisation, Service, syncReferenceData } from '../modules/directory/index.js';
import { User } from '../modules/identity/index.js';
import { Patient } from '../modules/patients/index.js';
import {
  cryptoRandomBytes,
  ReferralCommands,
  ReferralService,
  UK_DATE_CONTEXT,
} from '../modules/referrals/index.js';
import { Slot } from '../modules/slots/index.js';
import { ScheduleService } from '../modules/slots/schedules.service.js';
import { SILENT_FEED } from '../realtime/change-feed.js';
import {
  DEMO_PEOPLE,
  seedDemoData,
  SHOWCASE_PATIENTS,
  SHOWCASE_SERVICES,
  type PeopleScale,
} from '../seed/demo-seed.js';
import { seedDemoUsers } from '../seed/demo-users.js';
import { DEMO_SCALE, NATIONAL_SCALE, type DirectoryScale } from '../seed/directory-generator.js';
import { ukDate } from '../time.js';
import { startServerProcess, type ServerInstance } from '../harness/instances.js';
import { signIn, slotsBookableNow } from '../harness/race-fixture.js';
import { graphqlClient, runLoad, runLoadAtRate, type LoadResult } from './load.js';
import {
  captureScenarios,
  hasPgbench,
  runPgbench,
  startBareHandler,
  type BareHandler,
  type PgbenchResult,
  type ScenarioRequests,
} from './bare-baseline.js';
import type { BareScript } from './bare-server.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

interface BenchScale {
  readonly directory: DirectoryScale;
  readonly people: PeopleScale;
  /** Referrals on one provider's slot-issue worklist. */
  readonly worklistReferrals: number;
  /** Referrals ready to book, one slot each. */
  readonly bookings: number;
  readonly seconds: number;
  readonly concurrency: number;
  /** Searches a second for the open-loop latency run. */
  readonly searchRate: number;
}

const SCALES = {
  smoke: {
    directory: DEMO_SCALE,
    // Slots come from the publication scenario: the seed makes the session templates only.
    people: { ...DEMO_PEOPLE, patientsPerPractice: 5, slotWeeks: 0 },
    worklistReferrals: 30,
    bookings: 30,
    seconds: 1,
    concurrency: 4,
    searchRate: 20,
  },
  regional: {
    directory: { providers: 200, gpPractices: 1000, servicesPerProvider: { min: 30, max: 80 } },
    people: { ...DEMO_PEOPLE, patientsPerPractice: 30, slotWeeks: 0 },
    worklistReferrals: 2000,
    bookings: 1500,
    seconds: 10,
    concurrency: 16,
    searchRate: 50,
  },
  national: {
    directory: NATIONAL_SCALE,
    people: {
      // 840,000 patients: the 999 test range holds 909,090 valid NHS numbers (countNhsNumbers),
      // and the patient generator refuses to be asked for more (143 a practice is 1,001,000).
      patientsPerPractice: 120,
      slotWeeks: 0,
      // Dense enough for 26 weeks of every service to publish over 5 million slots.
      slotsPerWeek: { min: 5, max: 9 },
      servicesWithoutSlots: 0.15,
    },
    worklistReferrals: 20_000,
    bookings: 3000,
    seconds: 20,
    concurrency: 32,
    searchRate: 50,
  },
} satisfies Record<string, BenchScale>;

export type BenchScaleName = keyof typeof SCALES;
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const elapsed = (t0: number) => (performance.now() - t0) / 1000;

/**
 * Publishes every service with an active schedule, `workers` services at a time (as the job
 * queue's workers would), and times it.
 */
export async function publishEverySchedule(
  orm: Orm,
  now: Date,
  workers: number,
): Promise<{ services: number; created: number; seconds: number; workers: number }> {
  const ids = await new ScheduleService(orm.em.fork(), { now }).servicesToPublish();
  const t0 = performance.now();
  let next = 0;
  let created = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < ids.length) {
        const serviceId = ids[next++]!;
        // Read after the await: `created += await …` would add to a stale total.
        const outcome = await new ScheduleService(orm.em.fork(), { now }).publish(serviceId);
        created += outcome.created;
      }
    }),
  );
  return { services: ids.length, created, seconds: elapsed(t0), workers };
}

/** A read scenario beside its floor: the same SQL from a bare handler and in pgbench. */
export interface Baseline {
  readonly scenario: string;
  readonly name: string;
  readonly real: LoadResult;
  readonly bare: LoadResult;
  /** Null when pgbench is not installed. */
  readonly pgbench: PgbenchResult | null;
}

/** The figures of one run, and the Markdown report. */
export interface BenchReport {
  readonly results: readonly LoadResult[];
  /** The read scenarios' floors (PostgreSQL only; BENCH_BASELINE=0 skips them). */
  readonly baselines: readonly Baseline[];
  readonly markdown: string;
}

/** Loads the data set, starts the server, runs every scenario and reports. */
export async function runBench(options: {
  scale: BenchScaleName;
  db: 'sqlite' | 'postgresql';
}): Promise<BenchReport> {
  const scaleName = options.scale;
  const only = process.env.BENCH_SCENARIOS
    ? new Set(process.env.BENCH_SCENARIOS.split(',').map((s) => s.trim()))
    : null;
  const wanted = (scenario: string) => !only || only.has(scenario);
  const scale: BenchScale = SCALES[scaleName]!;
  const dbKind = options.db;
  const now = new Date();
  let scratch: ScratchDatabase | null = null;
  let sqliteDir: string | null = null;
  let dbEnv: Record<string, string>;
  let config;
  if (dbKind === 'postgresql') {
    scratch = await createScratchDatabase('postgresql', process.env.TEST_DATABASE_URL);
    config = scratch.config;
    dbEnv = { DATABASE_URL: (scratch.config as { url: string }).url };
  } else {
    sqliteDir = mkdtempSync(path.join(os.tmpdir(), 'open-ers-bench-'));
    config = { kind: 'sqlite' as const, path: path.join(sqliteDir, 'bench.sqlite') };
    dbEnv = { DATABASE_URL: '', SQLITE_PATH: config.path };
  }
  let orm: Orm | null = null;
  let server: ServerInstance | null = null;
  let bare: BareHandler | null = null;
  const results: LoadResult[] = [];
  const baselines: Baseline[] = [];
  const facts: [string, string][] = [];
  try {
    orm = await openDatabase(config);
    await syncReferenceData(orm.em.fork());
    let t0 = performance.now();
    await seedDemoData(orm.em.fork(), {
      today: ukDate(now),
      now,
      scale: scale.directory,
      people: scale.people,
    });
    await seedDemoUsers(orm.em.fork(), { now });
    facts.push(['bulk load (generate + insert)', `${elapsed(t0).toFixed(1)} s`]);
    log(`loaded the directory and session templates in ${elapsed(t0).toFixed(1)} s`);

    // Publication: every service's schedules publish their 26-week horizon, as the daily job
    // does, through the schedules service (the domain's planSlots, inserts that skip what is
    // already published). Then once more, which publishes nothing: the daily run's cost.
    const publication = await publishEverySchedule(orm, now, dbKind === 'postgresql' ? 4 : 1);
    facts.push([
      `publication: 26 weeks of every service's schedules (${publication.workers} workers)`,
      `${publication.created.toLocaleString('en-GB')} slots for ${publication.services.toLocaleString('en-GB')} services in ${publication.seconds.toFixed(1)} s: ${Math.round(publication.created / publication.seconds).toLocaleString('en-GB')} slots/s`,
    ]);
    log(`published ${publication.created} slots in ${publication.seconds.toFixed(1)} s`);
    const again = await publishEverySchedule(orm, now, publication.workers);
    facts.push([
      'publication again (nothing new: the daily run when the horizon is full)',
      `${again.created} slots created, ${again.seconds.toFixed(1)} s`,
    ]);
    const em = orm.em.fork();
    const counts = {
      services: await em.count(Service),
      slots: await em.count(Slot),
      patients: await em.count(Patient),
    };
    facts.unshift([
      'data set',
      `${counts.services.toLocaleString('en-GB')} services, ${counts.slots.toLocaleString('en-GB')} slots, ${counts.patients.toLocaleString('en-GB')} patients`,
    ]);
    log(`data set ${JSON.stringify(counts)}`);

    // Referrals: some deferred to the Leeds trust (its slot-issue worklist), some ready to book.
    const gpUser = await em.findOneOrFail(User, { username: 'rc.leeds' });
    const practice = await em.findOneOrFail(Organisation, { odsCode: 'A80000' });
    const gp: Actor = {
      userId: gpUser.id,
      role: 'REFERRING_CLINICIAN',
      organisationId: practice.id,
    };
    const heartFailure = await em.findOneOrFail(Service, { name: SHOWCASE_SERVICES.noSlots });
    const margaret = await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[0].nhsNumber });
    const runtime = () => {
      const referrals = new ReferralService({
        em: orm!.em.fork(),
        now: new Date(),
        requestId: null,
        changes: SILENT_FEED,
        random: cryptoRandomBytes,
        dateContext: UK_DATE_CONTEXT,
      });
      return { referrals, commands: new ReferralCommands(referrals) };
    };
    t0 = performance.now();
    const worklistReferrals = wanted('worklist') ? scale.worklistReferrals : 0;
    for (let i = 0; i < worklistReferrals; i++) {
      const { referrals, commands } = runtime();
      const created = await referrals.create(
        {
          patientId: margaret.id,
          priority: i % 3 ? 'ROUTINE' : 'URGENT',
          serviceIds: [heartFailure.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        gp,
      );
      await commands.deferToProvider(created.referral.ubrn, gp, { serviceId: heartFailure.id }, {});
    }
    if (worklistReferrals > 0) {
      facts.push([
        'create + defer (in process, one at a time)',
        `${Math.round(worklistReferrals / elapsed(t0))} referrals/s`,
      ]);
    }

    // One free routine slot in each of many services the showcase patient may be referred to.
    const usable = await slotsBookableNow(em, {
      now,
      patient: { sex: margaret.sex, ageYears: ageInYears(margaret.dateOfBirth, ukDate(now)) },
      limit: scale.bookings * 20,
    });
    const toBook: { ubrn: string; slotId: string; serviceId: string }[] = [];
    const bookings = wanted('slots') || wanted('book') ? scale.bookings : 0;
    for (const slot of usable.slice(0, bookings)) {
      const created = await runtime().referrals.create(
        {
          patientId: margaret.id,
          priority: 'ROUTINE',
          serviceIds: [slot.service.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        gp,
      );
      toBook.push({ ubrn: created.referral.ubrn, slotId: slot.id, serviceId: slot.service.id });
    }
    const searchable = await em.find(
      Service,
      { requestFlow: 'APPOINTMENT_REQUEST' },
      { populate: ['site', 'clinicType'], limit: 500 },
    );
    // The referrals made above change the tables' shapes too; plan against what is there now.
    await refreshPlannerStatistics(em);

    // The read scenarios, against a server at `url` (the measured one, or the capture below).
    const SEARCH = `query ($input: ServiceSearchInput!) { searchServices(input: $input, first: 10) {
      totalCount patientLocation { postcode precision } pageInfo { hasNextPage endCursor }
      edges { cursor node { distanceMiles earliestSlotStart indicativeWaitDays service {
        id name requestFlow bookableType priorities letterRequired referrerAlert instructions
        provider { id name } site { id name town postcode } clinicType { code name } } } } } }`;
    const SLOTS = `query ($ubrn: ID!, $serviceId: ID!) { bookableSlots(ubrn: $ubrn, serviceId: $serviceId, first: 50) { totalCount edges { node { id startAt } } } }`;
    const WORKLIST = `{ worklist(worklist: APPOINTMENT_SLOT_ISSUES, first: 20) { totalCount edges { node { ubrn priority patient { nhsNumber familyName } } } } }`;
    const slotTargets = toBook.slice(0, Math.max(1, Math.floor(toBook.length / 2)));
    const readRequests = async (url: string): Promise<ScenarioRequests> => {
      const asGp = graphqlClient(url, await signIn(url, 'rc.leeds'));
      const asAdmin = graphqlClient(url, await signIn(url, 'spa.leeds'));
      const requests: ScenarioRequests = {};
      if (wanted('search')) {
        // What the SPA's search page asks for (features/search): a page of results with their
        // service, provider, site and clinic type.
        requests.search = async (i) => {
          const service = searchable[Math.abs(i) % searchable.length]!;
          const result = await asGp(SEARCH, {
            input: {
              patient: { ageYears: 68, sex: 'FEMALE', postcode: service.site.$.postcode },
              priority: 'ROUTINE',
              specialty: service.specialty.unwrap().code,
              clinicType: service.clinicType.unwrap().code,
              maxDistanceMiles: 31.07,
              sort: i % 2 ? 'EARLIEST_SLOT' : 'DISTANCE',
            },
          });
          return !result.errors;
        };
      }
      if (wanted('slots')) {
        requests.slots = async (i) => {
          const target = slotTargets[Math.abs(i) % slotTargets.length]!;
          return !(await asGp(SLOTS, { ubrn: target.ubrn, serviceId: target.serviceId })).errors;
        };
      }
      if (wanted('worklist')) requests.worklist = async () => !(await asAdmin(WORKLIST)).errors;
      return requests;
    };

    // The floor: the SQL the server sends for each read scenario, captured from a server process
    // of its own, replayed below by a bare handler and by pgbench in the same run.
    let script: BareScript | null = null;
    if (dbKind === 'postgresql' && process.env.BENCH_BASELINE !== '0') {
      log('capturing the SQL of each read scenario');
      const platform = em.getPlatform();
      script = await captureScenarios({
        env: dbEnv,
        requests: readRequests,
        variants: 20,
        format: (sql, params) => platform.formatQuery(sql, params as unknown[]),
      });
      if (process.env.BENCH_SQL_OUT)
        writeFileSync(process.env.BENCH_SQL_OUT, JSON.stringify(script, null, 1));
    }
    await orm.close();
    orm = null;

    const t1 = performance.now();
    // No background jobs beside the measured requests (publication is measured on its own).
    server = await startServerProcess({ ...dbEnv, BACKGROUND_JOBS: '0' }, { label: 'bench' });
    const { url } = server;
    log(`server up at ${url} in ${elapsed(t1).toFixed(1)} s`);
    log('signing in');
    const asGp = graphqlClient(url, await signIn(url, 'rc.leeds'));
    const reads = await readRequests(url);
    const run = { concurrency: scale.concurrency, seconds: scale.seconds };
    const pgbench = script && (await hasPgbench());
    if (script) bare = await startBareHandler(script, dbEnv.DATABASE_URL!);

    /** Runs a read scenario on open-ers, then the same SQL bare and in pgbench. */
    const measureRead = async (key: string, name: string) => {
      const real = await runLoad(name, reads[key]!, run);
      results.push(real);
      if (!bare || !script) return;
      log(`${key}: the same SQL on the bare handler`);
      const floor = await runLoad(`${name}: bare handler`, bare.request(key), run);
      const database = pgbench
        ? await runPgbench(script[key]!, dbEnv.DATABASE_URL!, {
            clients: scale.concurrency,
            seconds: scale.seconds,
          })
        : null;
      baselines.push({ scenario: key, name, real, bare: floor, pgbench: database });
    };

    if (wanted('search')) {
      log('service search');
      await measureRead(
        'search',
        'service search (specialty + clinic type, within 50 km, by earliest slot or distance)',
      );
      log(`service search at ${scale.searchRate} a second`);
      results.push(
        await runLoadAtRate(
          `the same search, at a steady ${scale.searchRate} a second`,
          reads.search!,
          { rate: scale.searchRate, seconds: scale.seconds },
        ),
      );
    }

    if (wanted('slots')) {
      log('slots');
      await measureRead('slots', 'slots for one service and priority (up to 26 weeks, first 50)');
    }

    if (wanted('worklist')) {
      log('worklist');
      await measureRead(
        'worklist',
        `provider worklist, first page (${scale.worklistReferrals.toLocaleString('en-GB')} on the list)`,
      );
    }

    if (wanted('create')) {
      log('create referral');
      const CREATE = `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn } } }`;
      results.push(
        await runLoad(
          'create a referral',
          async () =>
            !(
              await asGp(CREATE, {
                input: {
                  patientId: margaret.id,
                  priority: 'ROUTINE',
                  serviceIds: [heartFailure.id],
                  letterStatus: 'NOT_INTENDING_TO_ADD',
                  ...WITH_CLINICAL_INFORMATION,
                },
              })
            ).errors,
          { ...run, warmup: 0 },
        ),
      );
    }

    if (wanted('book')) {
      log('hold and book');
      const HOLD = `mutation ($input: SlotChoiceInput!) { holdSlot(input: $input) { heldUntil } }`;
      const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { referral { state } } }`;
      const bookable = toBook.slice(slotTargets.length);
      results.push(
        await runLoad(
          'hold + confirm a booking (two requests)',
          async (i) => {
            if (i < 0) return true;
            const target = bookable[i];
            if (!target) return true;
            const held = await asGp(HOLD, { input: { ubrn: target.ubrn, slotId: target.slotId } });
            if (held.errors) return false;
            const booked = await asGp<{ bookAppointment: { referral: { state: string } } }>(BOOK, {
              input: { ubrn: target.ubrn, slotId: target.slotId },
            });
            return booked.data?.bookAppointment.referral.state === 'BOOKED';
          },
          { ...run, maxRequests: bookable.length, warmup: 0 },
        ),
      );
    }
  } finally {
    await bare?.stop();
    if (server) {
      log('stopping the server');
      await server.stop();
      log('server stopped');
    }
    await orm?.close();
    await scratch?.drop();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  }

  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines = [
    `Scale \`${scaleName}\` on ${dbKind === 'postgresql' ? 'PostgreSQL' : 'SQLite'}; ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${scale.concurrency} closed-loop clients (each sends its next request when its last is answered, so the figures are at saturation), except the steady-rate row (open loop, latency counted from when each request was due); ${scale.seconds} s per scenario; the server in a second process over loopback.`,
    '',
    ...facts.map(([k, v]) => `- ${k}: ${v}`),
    '',
    '| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.requests} | ${r.errors} | ${r.perSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} |`,
    ),
  ];
  if (baselines.length > 0) {
    const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
    lines.push(
      '',
      "The floor, in the same run: each read scenario's SQL, captured from a server process (`SQL_CAPTURE_FILE`, 20 requests each) and replayed by a bare handler (plain `pg` pool of 10, no GraphQL or ORM, same clients) and by pgbench (same clients, 2 threads, simple protocol).",
      '',
      '| scenario | open-ers req/s | open-ers p95 ms | bare handler req/s | bare p95 ms | bare ÷ open-ers | pgbench tps | pgbench ÷ open-ers |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      ...baselines.map(
        (b) =>
          `| ${b.scenario} | ${b.real.perSecond} | ${b.real.p95} | ${b.bare.perSecond} | ${b.bare.p95} | ${ratio(b.bare.perSecond, b.real.perSecond)} | ${b.pgbench ? Math.round(b.pgbench.transactionsPerSecond) : 'not installed'} | ${b.pgbench ? ratio(b.pgbench.transactionsPerSecond, b.real.perSecond) : 'n/a'} |`,
      ),
    );
  }
  return { results, baselines, markdown: lines.join('\n') };
}
