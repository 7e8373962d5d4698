/**
 * Benchmark: rank 5,000 candidate services with 100 slots each (reference scale: a busy
 * specialty nationally), as the server's in-memory fallback and the property tests do, and the
 * same 5,000 candidates with their earliest bookable slot precomputed (the index-backed path).
 *
 * Run with `pnpm bench` in packages/domain. Prints median, p95 and p99 per scenario and the
 * machine it ran on. Figures are for comparison between runs on one machine, not a pass mark.
 */
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  earliestBookableSlot,
  rankServices,
  searchServices,
  seededRandomBytes,
  randomBelow,
  type BookingPolicy,
  type Priority,
  type SearchableService,
  type ServiceSearchCriteria,
  type Slot,
} from '@open-ers/domain';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 5_000);
const SLOTS_PER_SERVICE = Number(process.env.BENCH_SLOTS ?? 100);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = Math.max(5, Math.floor(ITERATIONS / 10));

const NOW = new Date('2026-03-10T10:00:00Z');
const TODAY = '2026-03-10';
const LEEDS = { latitude: 53.7997, longitude: -1.5492 };
const PRIORITIES: readonly Priority[] = ['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'];
const POLICIES: readonly BookingPolicy[] = [
  { windows: {}, reservationDays: 0 },
  { windows: { ROUTINE: { opensHoursAhead: 48, closesDaysAhead: 84 } }, reservationDays: 1 },
  {
    windows: {
      ROUTINE: { opensHoursAhead: 24, closesDaysAhead: 42 },
      URGENT: { opensHoursAhead: 1, closesDaysAhead: 14 },
    },
    reservationDays: 2,
  },
];

function buildDirectory(): SearchableService[] {
  const random = seededRandomBytes(20_260_310);
  const int = (bound: number) => randomBelow(random, bound);
  const services: SearchableService[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const id = `svc-${String(i).padStart(5, '0')}`;
    const slots: Slot[] = [];
    for (let j = 0; j < SLOTS_PER_SERVICE; j++) {
      // Slots over 26 weeks, in clinic hours, a few booked, held or freshly published.
      const start = new Date(
        NOW.getTime() + (int(182) * 24 + 8 + int(9)) * 3_600_000 + int(4) * 900_000,
      );
      const roll = int(100);
      slots.push({
        id: `${id}-${j}`,
        serviceId: id,
        start,
        end: new Date(start.getTime() + 1_800_000),
        priorities: roll < 70 ? PRIORITIES : ['ROUTINE'],
        clinicianId: null,
        status: roll < 55 ? 'FREE' : roll < 60 ? 'HELD' : roll < 95 ? 'BOOKED' : 'CANCELLED',
        heldUntil:
          roll >= 55 && roll < 60 ? new Date(NOW.getTime() + (int(20) - 10) * 60_000) : null,
        heldForUbrn: null,
        publishedAt: new Date(NOW.getTime() - int(96) * 3_600_000),
      });
    }
    services.push({
      id,
      name: `Cardiology clinic ${i}`,
      specialtyCode: 'CARDIOLOGY',
      clinicTypeCode: int(2) === 0 ? 'CARD_CHEST_PAIN' : 'CARD_GENERAL',
      location: { latitude: 50.2 + int(5_500) / 1000, longitude: -5.2 + int(6_900) / 1000 },
      requestFlow: int(10) === 0 ? 'TRIAGE_REQUEST' : 'APPOINTMENT_REQUEST',
      bookableType: 'DIRECTLY_BOOKABLE',
      priorities: int(5) === 0 ? ['ROUTINE'] : PRIORITIES,
      minAgeYears: int(10) === 0 ? 18 : null,
      maxAgeYears: null,
      sexTreated: 'MALE_AND_FEMALE',
      effectiveFrom: '2020-01-01',
      effectiveTo: null,
      providerOrganisationId: `TRUST-${int(1_100)}`,
      indicativeWaitDays: int(120),
      bookingPolicy: POLICIES[int(POLICIES.length)]!,
      slots,
    });
  }
  return services;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

interface Figures {
  readonly scenario: string;
  readonly results: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
  readonly perSecond: number;
}

/** Node's collector when run with --expose-gc: collect between scenarios so each starts clean. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function measure(scenario: string, run: () => number): Figures {
  collect();
  let results = 0;
  for (let i = 0; i < WARMUP; i++) results = run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    results = run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return {
    scenario,
    results,
    median: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    mean,
    perSecond: 1000 / mean,
  };
}

let directory = buildDirectory();
const base: ServiceSearchCriteria = {
  patient: { ageYears: 64, sex: 'FEMALE', location: LEEDS },
  priority: 'ROUTINE',
  specialtyCode: 'CARDIOLOGY',
  sort: 'EARLIEST_SLOT',
  today: TODAY,
  now: NOW,
  timeZone: 'Europe/London',
};

// The index-backed path: the server finds each candidate's earliest slot in SQL first, and
// builds candidates from rows as plain object literals (as here: an object made with rest
// destructuring can fall into V8's slow dictionary mode and would measure that instead).
const precomputed: SearchableService[] = directory.map((s) => ({
  id: s.id,
  name: s.name,
  specialtyCode: s.specialtyCode,
  clinicTypeCode: s.clinicTypeCode,
  location: s.location,
  requestFlow: s.requestFlow,
  bookableType: s.bookableType,
  priorities: s.priorities,
  minAgeYears: s.minAgeYears,
  maxAgeYears: s.maxAgeYears,
  sexTreated: s.sexTreated,
  effectiveFrom: s.effectiveFrom,
  effectiveTo: s.effectiveTo,
  providerOrganisationId: s.providerOrganisationId,
  indicativeWaitDays: s.indicativeWaitDays,
  earliestBookableSlotStart:
    earliestBookableSlot(s.slots ?? [], {
      service: {
        id: s.id,
        providerOrganisationId: s.providerOrganisationId!,
        bookingPolicy: s.bookingPolicy!,
      },
      priority: 'ROUTINE',
      booker: { role: 'REFERRING_CLINICIAN', organisationId: 'GP-A81001' },
      now: NOW,
      timeZone: 'Europe/London',
    })?.start ?? null,
}));

const scenarios: Figures[] = [
  measure(
    `rank ${SERVICES} services x ${SLOTS_PER_SERVICE} slots, EARLIEST_SLOT`,
    () => rankServices(directory, base).length,
  ),
  measure(
    `rank ${SERVICES} services x ${SLOTS_PER_SERVICE} slots, DISTANCE, 50 miles, wait <= 28 days`,
    () =>
      rankServices(directory, { ...base, sort: 'DISTANCE', maxDistanceMiles: 50, maxWaitDays: 28 })
        .length,
  ),
  measure(
    `first page of 20, ${SERVICES} services x ${SLOTS_PER_SERVICE} slots, EARLIEST_SLOT`,
    () => searchServices(directory, base, { first: 20 }).edges.length,
  ),
];
// The index-backed path holds no slots in memory (the database found the earliest), so release
// them before measuring it: a heap full of slots would otherwise be measured as collector time.
directory = [];
scenarios.push(
  measure(
    `rank ${SERVICES} services with precomputed earliest slot, EARLIEST_SLOT`,
    () => rankServices(precomputed, base).length,
  ),
  measure(
    `first page of 20, ${SERVICES} services with precomputed earliest slot`,
    () => searchServices(precomputed, base, { first: 20 }).edges.length,
  ),
);

const cpu = cpus();
console.log('@open-ers/domain benchmark: rankServices');
console.log(
  `machine: ${cpu[0]?.model ?? 'unknown CPU'} x ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB ` +
    `(${(freemem() / 2 ** 30).toFixed(1)} free), ${platform()} ${release()}, Node ${process.version}`,
);
console.log(`iterations: ${ITERATIONS} after ${WARMUP} warm-up runs; times in milliseconds`);
console.log('');
console.log('| scenario | results | median | p95 | p99 | mean | runs/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const f of scenarios) {
  console.log(
    `| ${f.scenario} | ${f.results} | ${f.median.toFixed(2)} | ${f.p95.toFixed(2)} | ${f.p99.toFixed(2)} | ${f.mean.toFixed(2)} | ${f.perSecond.toFixed(1)} |`,
  );
}
