/**
 * What the race and drain harnesses drive: a scratch PostgreSQL database with the demo directory
 * and users, groups of slots a GP may book now (one group a service), referrals ready to book
 * into them, and a GraphQL call that tells a clean refusal from a failure.
 */
import { ageInYears, DEFAULT_SEARCHER, slotOutsideBounds, type Actor } from '@open-ers/domain';
import { openDatabase, type EntityManager, type Orm } from '../db/orm.js';
import { createScratchDatabase, type ScratchDatabase } from '../db/scratch-database.js';
import { Organisation, syncReferenceData } from '../modules/directory/index.js';
import { User } from '../modules/identity/index.js';
import { Patient } from '../modules/patients/index.js';
import { cryptoRandomBytes, ReferralService, UK_DATE_CONTEXT } from '../modules/referrals/index.js';
import { Slot, SlotService } from '../modules/slots/index.js';
import { SILENT_FEED } from '../realtime/change-feed.js';
import { DEMO_PEOPLE, seedDemoData, SHOWCASE_PATIENTS } from '../seed/demo-seed.js';
import { DEMO_PASSWORD, seedDemoUsers } from '../seed/demo-users.js';
import { ukDate } from '../time.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

/** The GP who makes and books the referrals, and the practice they work at. */
export const RACE_GP = { username: 'rc.leeds', practiceOdsCode: 'A80000' } as const;

/** The patient every referral is for (which services may take them depends on sex and age). */
export interface PatientProfile {
  /** As the patient record has it (FEMALE, MALE, …). */
  readonly sex: string;
  readonly ageYears: number;
}

/**
 * Free routine slots a GP may book for this patient now, newest first: inside the service's
 * booking window, in a directly bookable service that takes routine referrals for the patient's
 * sex and age and is in effect today. Each comes with its service populated.
 */
export async function slotsBookableNow(
  em: EntityManager,
  options: { now: Date; patient: PatientProfile; limit: number },
): Promise<Slot[]> {
  const { now, patient } = options;
  const candidates = await em.find(
    Slot,
    {
      status: 'FREE',
      forRoutine: true,
      startAt: { $gt: new Date(now.getTime() + 2 * 3_600_000) },
    },
    { populate: ['service'], limit: options.limit, orderBy: { startAt: 'desc' } },
  );
  const slotRules = new SlotService(em);
  const today = ukDate(now);
  return candidates.filter((s) => {
    const service = s.service.$;
    const bounds = slotRules.bounds({
      service,
      priority: 'ROUTINE',
      booker: DEFAULT_SEARCHER,
      now,
    });
    return (
      slotOutsideBounds(s.toDomain(), bounds) === null &&
      service.requestFlow === 'APPOINTMENT_REQUEST' &&
      service.bookableType === 'DIRECTLY_BOOKABLE' &&
      service.priorities.includes('ROUTINE') &&
      (service.sexTreated === 'MALE_AND_FEMALE' || service.sexTreated === patient.sex) &&
      (service.minAgeYears ?? 0) <= patient.ageYears &&
      (service.maxAgeYears ?? 200) >= patient.ageYears &&
      service.effectiveFrom <= today &&
      (service.effectiveTo == null || service.effectiveTo >= today)
    );
  });
}

/** Slots of one service to race for, and referrals to that service ready to book. */
export interface SlotGroup {
  readonly serviceId: string;
  readonly slotIds: readonly string[];
  readonly ubrns: readonly string[];
}

/** A scratch database made ready to book in, and how to reach and remove it. */
export interface BookingFixture {
  /** The database's URL, for DATABASE_URL and for reading it directly afterwards. */
  readonly databaseUrl: string;
  readonly groups: readonly SlotGroup[];
  /** The patient the referrals are for (new ones may be made for them too). */
  readonly patientId: string;
  readonly scratch: ScratchDatabase;
}

/**
 * Creates and fills a scratch PostgreSQL database: the demo directory (six weeks of slots) and
 * users, then `groups` services with `slotsPerGroup` bookable slots each, and `referralsPerGroup`
 * routine referrals from {@link RACE_GP} to each service for the first showcase patient. The
 * caller drops `scratch`; it is dropped here if filling it fails.
 */
export async function prepareBookingFixture(options: {
  adminDatabaseUrl: string;
  groups: number;
  slotsPerGroup: number;
  referralsPerGroup: number;
  log: (line: string) => void;
}): Promise<BookingFixture> {
  const scratch = await createScratchDatabase('postgresql', options.adminDatabaseUrl);
  if (scratch.config.kind !== 'postgresql') throw new Error('expected a PostgreSQL database');
  const databaseUrl = scratch.config.url;
  let orm: Orm | null = null;
  try {
    const now = new Date();
    const started = Date.now();
    orm = await openDatabase(scratch.config);
    await syncReferenceData(orm.em.fork());
    await seedDemoData(orm.em.fork(), {
      today: ukDate(now),
      now,
      people: { ...DEMO_PEOPLE, patientsPerPractice: 5 },
    });
    await seedDemoUsers(orm.em.fork(), { now });
    options.log(`seeded the demo directory and users in ${Date.now() - started} ms`);

    const em = orm.em.fork();
    const patient = await em.findOneOrFail(Patient, { nhsNumber: SHOWCASE_PATIENTS[0].nhsNumber });
    const profile: PatientProfile = {
      sex: SHOWCASE_PATIENTS[0].sex,
      ageYears: ageInYears(SHOWCASE_PATIENTS[0].dateOfBirth, ukDate(now)),
    };
    const bookable = await slotsBookableNow(em, { now, patient: profile, limit: 50_000 });
    const byService = new Map<string, string[]>();
    for (const slot of bookable) {
      const ids = byService.get(slot.service.id) ?? [];
      ids.push(slot.id);
      byService.set(slot.service.id, ids);
    }
    const chosen = [...byService.entries()]
      .filter(([, ids]) => ids.length >= options.slotsPerGroup)
      .slice(0, options.groups);
    if (chosen.length < options.groups) {
      throw new Error(
        `only ${chosen.length} services have ${options.slotsPerGroup} bookable slots; ${options.groups} wanted`,
      );
    }

    const gpUser = await em.findOneOrFail(User, { username: RACE_GP.username });
    const practice = await em.findOneOrFail(Organisation, { odsCode: RACE_GP.practiceOdsCode });
    const gp: Actor = {
      userId: gpUser.id,
      role: 'REFERRING_CLINICIAN',
      organisationId: practice.id,
    };
    const t0 = Date.now();
    const groups: SlotGroup[] = [];
    for (const [serviceId, slotIds] of chosen) {
      const ubrns: string[] = [];
      for (let i = 0; i < options.referralsPerGroup; i++) {
        const referrals = new ReferralService({
          em: orm.em.fork(),
          now: new Date(),
          requestId: null,
          changes: SILENT_FEED,
          random: cryptoRandomBytes,
          dateContext: UK_DATE_CONTEXT,
        });
        const created = await referrals.create(
          {
            patientId: patient.id,
            priority: 'ROUTINE',
            serviceIds: [serviceId],
            letterStatus: 'NOT_INTENDING_TO_ADD',
            ...WITH_CLINICAL_INFORMATION,
          },
          gp,
        );
        ubrns.push(created.referral.ubrn);
      }
      groups.push({ serviceId, slotIds: slotIds.slice(0, options.slotsPerGroup), ubrns });
    }
    options.log(
      `${groups.length} services × ${options.slotsPerGroup} slots, ${groups.length * options.referralsPerGroup} referrals made in ${Date.now() - t0} ms`,
    );
    return { databaseUrl, groups, patientId: patient.id, scratch };
  } catch (error) {
    await orm?.close();
    orm = null;
    await scratch.drop();
    throw error;
  } finally {
    await orm?.close();
  }
}

/** How one GraphQL request ended, as a client sees it. */
export type CallOutcome<T> =
  /** HTTP 200 with data and no errors. */
  | { readonly kind: 'ok'; readonly data: T }
  /** HTTP 200 with a typed error the client can act on (its `extensions.code`). */
  | { readonly kind: 'refused'; readonly code: string }
  /**
   * Anything else: another status, a body that is not GraphQL's JSON, an error without a code,
   * or no answer at all (a refused or reset connection). `connectionRefused` marks a new
   * connection the server did not accept (nothing was sent), which a load balancer may retry.
   */
  | { readonly kind: 'failed'; readonly reason: string; readonly connectionRefused: boolean };

/** The network error code under fetch's "fetch failed" (ECONNRESET, ECONNREFUSED, UND_ERR_…). */
function networkErrorCode(error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; depth < 5 && cause; depth++) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends one GraphQL request to `url` with a bearer token and says how it ended. Never throws.
 */
export async function callGraphql<T>(
  url: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
): Promise<CallOutcome<T>> {
  let response: Response;
  try {
    response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    const code = networkErrorCode(error);
    return { kind: 'failed', reason: code, connectionRefused: code === 'ECONNREFUSED' };
  }
  let body: { data?: T | null; errors?: { extensions?: { code?: unknown } }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    return {
      kind: 'failed',
      reason: `HTTP ${response.status}, unreadable body (${networkErrorCode(error)})`,
      connectionRefused: false,
    };
  }
  if (response.status !== 200) {
    const code = body.errors?.[0]?.extensions?.code;
    return {
      kind: 'failed',
      reason: `HTTP ${response.status}${typeof code === 'string' ? ` ${code}` : ''}`,
      connectionRefused: false,
    };
  }
  if (body.errors?.length) {
    const code = body.errors[0]!.extensions?.code;
    if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR') {
      return {
        kind: 'failed',
        reason: String(code ?? 'error without a code'),
        connectionRefused: false,
      };
    }
    return { kind: 'refused', code };
  }
  if (body.data == null) return { kind: 'failed', reason: 'no data', connectionRefused: false };
  return { kind: 'ok', data: body.data };
}

/** Signs in over HTTP as a demo user and returns the session's bearer token. */
export async function signIn(url: string, username: string): Promise<string> {
  const outcome = await callGraphql<{ signIn: { token: string } }>(
    url,
    null,
    'mutation ($u: String!, $p: String!) { signIn(username: $u, password: $p) { token } }',
    { u: username, p: DEMO_PASSWORD },
  );
  if (outcome.kind !== 'ok')
    throw new Error(`sign-in as ${username} failed: ${JSON.stringify(outcome)}`);
  return outcome.data.signIn.token;
}
