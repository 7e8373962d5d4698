/**
 * The race harness: many clients hold and confirm bookings at once through two server instances
 * on one PostgreSQL database (and one Redis), contending for a few hundred slots across many
 * services, first with the application's compare-and-swap on, then with it off (only the
 * database's unique index on a slot's active appointment between them). Afterwards it reads the
 * database directly: at most one active booking per slot, every booked slot's appointment there
 * and every appointment's slot booked, every booking a client was told of present, and every
 * loser answered with a clean SLOT_NOT_AVAILABLE.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runLoad } from '../bench/load.js';
import { startServerProcess, type ServerInstance } from './instances.js';
import {
  callGraphql,
  prepareBookingFixture,
  RACE_GP,
  signIn,
  type BookingFixture,
  type CallOutcome,
  type SlotGroup,
} from './race-fixture.js';
import { verdict, type Harness, type HarnessOptions, type HarnessSize } from './types.js';

/** How big one mode's race is. */
interface RaceSize {
  /** Services raced for (each mode has its own). */
  readonly services: number;
  readonly slotsPerService: number;
  /** Hold-and-confirm attempts. */
  readonly attempts: number;
  /** Concurrent clients, spread over both instances. */
  readonly clients: number;
  /** Sessions the clients share (each a sign-in of the same GP). */
  readonly sessions: number;
}

const SIZES: Record<HarnessSize, RaceSize> = {
  small: { services: 8, slotsPerService: 5, attempts: 300, clients: 40, sessions: 4 },
  full: { services: 30, slotsPerService: 10, attempts: 10_000, clients: 200, sessions: 20 },
};

const HOLD = `mutation ($input: SlotChoiceInput!) { holdSlot(input: $input) { slotId heldUntil } }`;
const BOOK = `mutation ($input: BookAppointmentInput!) { bookAppointment(input: $input) { referral { ubrn state } } }`;

/** The code a client gets when someone else has the slot: the only acceptable refusal. */
const LOST_RACE = 'SLOT_NOT_AVAILABLE';

/** What the clients saw in one mode. */
interface RaceTally {
  attempts: number;
  booked: number;
  refused: number;
  /** Attempts that confirmed after their hold was refused (a stale page's confirm). */
  confirmsWithoutHold: number;
  /** Other outcomes: another error code, HTTP status, a reset or refused connection. */
  failures: Map<string, number>;
  /** Each slot's winners as the clients were told (more than one is a double booking). */
  winners: Map<string, string[]>;
}

/** Runs the race in one mode on the fixture's slot groups; returns figures and failures. */
async function raceOnce(
  mode: 'application check on' | 'application check off',
  groups: readonly SlotGroup[],
  fixture: BookingFixture,
  size: RaceSize,
  options: HarnessOptions,
): Promise<{ figures: Record<string, number | string>; failures: string[] }> {
  const applicationCheck = mode === 'application check on';
  const tag = applicationCheck ? 'checkOn' : 'checkOff';
  const env: Record<string, string> = {
    DATABASE_URL: fixture.databaseUrl,
    BOOKING_APPLICATION_CHECK: applicationCheck ? '1' : '0',
    BACKGROUND_JOBS: '0',
    ...(options.redisUrl
      ? { REDIS_URL: options.redisUrl, REDIS_KEY_PREFIX: `open-ers-race-${randomUUID()}` }
      : {}),
  };
  const instances: ServerInstance[] = [];
  const failures: string[] = [];
  try {
    instances.push(
      ...(await Promise.all([
        startServerProcess(env, { label: `race ${tag} a` }),
        startServerProcess(env, { label: `race ${tag} b` }),
      ])),
    );
    options.log(`${mode}: instances at ${instances.map((i) => i.url).join(' and ')}`);
    const tokens: string[] = [];
    for (let i = 0; i < size.sessions; i++) {
      tokens.push(await signIn(instances[i % 2]!.url, RACE_GP.username));
    }

    const free = groups.map((g) => [...g.ubrns]);
    const tally: RaceTally = {
      attempts: 0,
      booked: 0,
      refused: 0,
      confirmsWithoutHold: 0,
      failures: new Map(),
      winners: new Map(),
    };
    const fail = (step: string, outcome: CallOutcome<unknown>) => {
      const reason =
        outcome.kind === 'failed'
          ? `${step}: ${outcome.reason}`
          : outcome.kind === 'refused'
            ? `${step}: ${outcome.code}`
            : `${step}: unexpected answer`;
      tally.failures.set(reason, (tally.failures.get(reason) ?? 0) + 1);
      return false;
    };

    let finished = 0;
    const attempt = async (i: number): Promise<boolean> => {
      // The attempt's service, or the next with a referral not booked and not in use.
      let g = i % groups.length;
      for (let k = 0; k < groups.length && free[g]!.length === 0; k++) g = (g + 1) % groups.length;
      const ubrn = free[g]!.pop();
      if (!ubrn)
        return fail('setup', {
          kind: 'failed',
          reason: 'no referral free',
          connectionRefused: false,
        });
      const group = groups[g]!;
      // A slot nobody has been told they booked yet, as a person picks from the list they see
      // (so the clients of a service converge on its last free slots); any once all are gone.
      const open = group.slotIds.filter((id) => !tally.winners.has(id));
      const choices = open.length ? open : group.slotIds;
      const slotId = choices[Math.floor(Math.random() * choices.length)]!;
      const token = tokens[i % tokens.length]!;
      // Hold on one instance, confirm on the other.
      const [first, second] =
        i % 2 ? [instances[1]!, instances[0]!] : [instances[0]!, instances[1]!];
      const input = { input: { ubrn, slotId } };
      tally.attempts++;
      let booked = false;
      try {
        const held = await callGraphql<{ holdSlot: { slotId: string } }>(
          first.url,
          token,
          HOLD,
          input,
        );
        if (held.kind === 'failed') return fail('holdSlot', held);
        if (held.kind === 'refused' && held.code !== LOST_RACE) return fail('holdSlot', held);
        // Half the refused holds confirm anyway, as a stale page would: the booking's own
        // guard (the compare-and-swap, or with it off the unique index) must refuse them.
        if (held.kind === 'refused' && Math.floor(i / 2) % 2 === 0) {
          tally.refused++;
          return true;
        }
        if (held.kind === 'refused') tally.confirmsWithoutHold++;
        const confirmed = await callGraphql<{
          bookAppointment: { referral: { ubrn: string; state: string } };
        }>(second.url, token, BOOK, input);
        if (confirmed.kind === 'failed') return fail('bookAppointment', confirmed);
        if (confirmed.kind === 'refused') {
          if (confirmed.code !== LOST_RACE) return fail('bookAppointment', confirmed);
          tally.refused++;
          return true;
        }
        if (confirmed.data.bookAppointment.referral.state !== 'BOOKED') {
          return fail('bookAppointment', {
            kind: 'refused',
            code: `state ${confirmed.data.bookAppointment.referral.state}`,
          });
        }
        booked = true;
        tally.booked++;
        tally.winners.set(slotId, [...(tally.winners.get(slotId) ?? []), ubrn]);
        return true;
      } finally {
        if (!booked) free[g]!.push(ubrn);
        if (++finished % Math.ceil(size.attempts / 10) === 0) {
          options.log(
            `${mode}: ${finished} attempts done, ${tally.booked} booked, ${[...tally.failures.values()].reduce((a, b) => a + b, 0)} failed`,
          );
        }
      }
    };

    options.log(`${mode}: ${size.attempts} attempts from ${size.clients} clients`);
    const load = await runLoad(`race, ${mode}`, attempt, {
      concurrency: size.clients,
      seconds: 3600,
      maxRequests: size.attempts,
      warmup: 0,
    });

    // What the database says, read directly.
    const slotIds = groups.flatMap((g) => g.slotIds);
    const db = new pg.Client({ connectionString: fixture.databaseUrl });
    await db.connect();
    let activeBookings = 0;
    let slotsBooked = 0;
    try {
      const active = await db.query<{ slot_id: string; ubrn: string; status: string }>(
        `select a.slot_id, r.ubrn, a.status from appointment a join referral r on r.id = a.referral_id
          where a.slot_id = any($1::uuid[]) and a.status in ('PENDING', 'BOOKED')`,
        [slotIds],
      );
      activeBookings = active.rowCount ?? 0;
      const perSlot = new Map<string, string[]>();
      for (const row of active.rows)
        perSlot.set(row.slot_id, [...(perSlot.get(row.slot_id) ?? []), row.ubrn]);
      for (const [slot, ubrns] of perSlot) {
        if (ubrns.length > 1)
          failures.push(
            `${mode}: slot ${slot} has ${ubrns.length} active bookings (${ubrns.join(', ')})`,
          );
      }
      const pending = active.rows.filter((r) => r.status === 'PENDING');
      if (pending.length) failures.push(`${mode}: ${pending.length} appointments left PENDING`);
      for (const [slot, ubrns] of tally.winners) {
        if (ubrns.length > 1)
          failures.push(
            `${mode}: ${ubrns.length} clients were told they booked slot ${slot} (${ubrns.join(', ')})`,
          );
        for (const ubrn of ubrns) {
          if (!perSlot.get(slot)?.includes(ubrn))
            failures.push(
              `${mode}: the booking of slot ${slot} for ${ubrn} was acknowledged but is not in the database`,
            );
        }
      }
      const unacknowledged = active.rows.filter(
        (r) => !tally.winners.get(r.slot_id)?.includes(r.ubrn),
      );
      const failedCalls = [...tally.failures.values()].reduce((a, b) => a + b, 0);
      if (unacknowledged.length > failedCalls) {
        failures.push(
          `${mode}: ${unacknowledged.length} bookings in the database no client was told of`,
        );
      }
      const slots = await db.query<{ id: string; status: string; active: string }>(
        `select s.id, s.status, (select count(*) from appointment a where a.slot_id = s.id
            and a.status in ('PENDING', 'BOOKED')) as active
          from slot s where s.id = any($1::uuid[])`,
        [slotIds],
      );
      for (const row of slots.rows) {
        if (row.status === 'BOOKED') slotsBooked++;
        if (Number(row.active) > 0 && row.status !== 'BOOKED')
          failures.push(`${mode}: slot ${row.id} has an appointment but is ${row.status}`);
        if (row.status === 'BOOKED' && Number(row.active) === 0)
          failures.push(`${mode}: slot ${row.id} is BOOKED without an appointment`);
      }
      const states = await db.query<{ ubrn: string; state: string }>(
        `select ubrn, state from referral where ubrn = any($1::text[])`,
        [[...tally.winners.values()].flat()],
      );
      const notBooked = states.rows.filter((r) => r.state !== 'BOOKED');
      if (notBooked.length)
        failures.push(`${mode}: ${notBooked.length} referrals told they booked are not BOOKED`);
    } finally {
      await db.end();
    }

    for (const [reason, count] of tally.failures) failures.push(`${mode}: ${count} × ${reason}`);
    if (tally.booked === 0) failures.push(`${mode}: nothing was booked`);
    if (tally.attempts !== size.attempts)
      failures.push(`${mode}: ${tally.attempts} of ${size.attempts} attempts made`);
    for (const instance of instances) {
      // Pino's error and fatal levels are 50 and 60.
      if (/INTERNAL_SERVER_ERROR|"level":(50|60)/.test(instance.output())) {
        failures.push(
          `${mode}: ${instance.url} logged an error:\n${instance.output().slice(-2000)}`,
        );
      }
    }
    const errors = [...tally.failures.values()].reduce((a, b) => a + b, 0);
    return {
      figures: {
        [`${tag} attempts`]: tally.attempts,
        [`${tag} booked`]: tally.booked,
        [`${tag} refused (SLOT_NOT_AVAILABLE)`]: tally.refused,
        [`${tag} confirms after a refused hold`]: tally.confirmsWithoutHold,
        [`${tag} other errors`]: errors,
        [`${tag} slots booked / raced for`]: `${slotsBooked} / ${slotIds.length}`,
        [`${tag} active bookings in the database`]: activeBookings,
        [`${tag} p50 ms (hold + confirm)`]: load.p50,
        [`${tag} p95 ms`]: load.p95,
        [`${tag} attempts per second`]: load.perSecond,
      },
      failures,
    };
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
  }
}

/** The race harness (see the file comment). */
export const raceHarness: Harness = async (options) => {
  const size = SIZES[options.size];
  const clientsPerService = Math.ceil(size.clients / size.services);
  const fixture = await prepareBookingFixture({
    adminDatabaseUrl: options.adminDatabaseUrl,
    // Each mode races on services of its own.
    groups: size.services * 2,
    slotsPerGroup: size.slotsPerService,
    referralsPerGroup: size.slotsPerService + clientsPerService + 2,
    log: options.log,
  });
  try {
    const figures: Record<string, number | string> = {
      services: `${size.services} a mode`,
      slots: `${size.services * size.slotsPerService} a mode`,
      clients: size.clients,
      instances: 2,
      redis: options.redisUrl ? 'shared' : 'none',
    };
    const failures: string[] = [];
    for (const [mode, groups] of [
      ['application check on', fixture.groups.slice(0, size.services)],
      ['application check off', fixture.groups.slice(size.services)],
    ] as const) {
      const result = await raceOnce(mode, groups, fixture, size, options);
      Object.assign(figures, result.figures);
      failures.push(...result.failures);
    }
    return verdict('race', options.size, figures, failures);
  } finally {
    await fixture.scratch.drop();
  }
};
