import type { Role } from '@open-ers/domain';
import type { GraphQLSchema } from 'graphql';
import { runLoad } from '../bench/load.js';
import { openDatabase } from '../db/orm.js';
import { createScratchDatabase } from '../db/scratch-database.js';
import { syncReferenceData } from '../modules/directory/index.js';
import { createSchema } from '../graphql/schema.js';
import { seedDemoData } from '../seed/demo-seed.js';
import { seedDemoUsers } from '../seed/demo-users.js';
import { ACCESS_MATRIX, placeholderCall } from '../test/access-matrix.js';
import { showcase } from '../test/referral-client.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { ukDate } from '../time.js';
import {
  actorOf,
  AuditDriver,
  callerAs,
  callerWithoutRole,
  SIGNED_OUT,
  type Caller,
} from './audit-driver.js';
import { serviceDefinitionInput } from '../test/fixtures/directory.js';
import { AuditJourneys, type Cast } from './audit-journeys.js';
import { AuditLedger } from './audit-ledger.js';
import { verdict, type Harness } from './types.js';
import { WITH_CLINICAL_INFORMATION } from '../test/fixtures/clinical.js';

/**
 * The audit harness (issue 10): drives every query and mutation of the schema, and the
 * document routes, through real journeys on the demo data (a PostgreSQL scratch database and a
 * real server), each call with its own request id, then reads `audit_event` for that request
 * and checks it wrote exactly the lines it should:
 * - a referral or advice write: one line, the operation's action (`acceptReferral` →
 *   `ACCEPT_REFERRAL`), the UBRN, the patient and the caller (and whom they acted for); a retry
 *   with the same idempotency key one VIEW_ line with `details.replayOf`;
 * - a read of patient data: one line (VIEW_REFERRAL, VIEW_ADVICE_REQUEST, VIEW_PATIENT,
 *   VIEW_ACCESS_LOG, VIEW_DOCUMENT), one VIEW_WORKLIST line per worklist row shown;
 * - slot maintenance and the feed cancelling a booked appointment: one line per appointment, as
 *   open-ers slot maintenance on behalf of the caller;
 * - sign-in, role choice and sign-out: one line each; site changes one line each; everything
 *   else that touches no patient data: none;
 * - every refusal of access (signed out, no role, wrong role, another organisation's referral):
 *   one REFUSED line with the refusal's code, naming the UBRN the request named;
 * - bad input: none.
 * It fails on any mismatch and on any operation not driven both successfully and refused
 * (operations anyone may call cannot be refused). Subscriptions are not covered.
 */

/** A Monday morning; the demo data has slots from the next day for six weeks. */
const NOW = new Date('2026-11-23T09:30:00Z');

/** Rounds of the journeys (new referrals each time). */
const ROUNDS = { small: 1, full: 3 } as const;

/**
 * Operations anyone may call, which nothing refuses: the access matrix's PUBLIC rows, but
 * `signIn`, which refuses a wrong password.
 */
const UNREFUSABLE = new Set(
  ACCESS_MATRIX.filter((r) => r.allowed === 'PUBLIC' && r.operation !== 'Mutation.signIn').map(
    (r) => r.operation,
  ),
);

/** Every query and mutation of the schema, as `Query.referral`. */
function schemaOperations(schema: GraphQLSchema): string[] {
  return [
    ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `Query.${f}`),
    ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `Mutation.${f}`),
  ].sort();
}

/** signIn's own refusals, each audited as one REFUSED SIGN_IN line. */
const SIGN_IN_REFUSALS = ['INVALID_CREDENTIALS', 'RATE_LIMITED'];

const SIGN_IN =
  'mutation S($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { id } } }';
const SELECT_ROLE =
  'mutation R($id: ID!, $obo: ID) { selectRole(roleAssignmentId: $id, onBehalfOfUserId: $obo) { user { id } } }';

export const auditHarness: Harness = async ({ size, adminDatabaseUrl, log: print }) => {
  const started = Date.now();
  const log = (line: string) => print(`${((Date.now() - started) / 1000).toFixed(1)} s: ${line}`);
  const scratch = await createScratchDatabase('postgresql', adminDatabaseUrl);
  let server: TestServer | undefined;
  try {
    const orm = await openDatabase(scratch.config);
    try {
      log('seeding the demo data');
      await syncReferenceData(orm.em.fork());
      await seedDemoData(orm.em.fork(), { today: ukDate(NOW), now: NOW });
      await seedDemoUsers(orm.em.fork(), { now: NOW });
      server = await startTestServer({
        now: NOW,
        sharing: { orm, config: scratch.config, drop: async () => {} },
      });
      const schema = await createSchema();
      const ledger = new AuditLedger(orm, Date.now().toString(36));
      const driver = new AuditDriver(server, ledger);
      const cast = await signInCast(server);
      const places = await showcase(orm.em.fork());

      for (let round = 1; round <= ROUNDS[size]; round++) {
        log(`the directory and journeys, round ${round} of ${ROUNDS[size]}`);
        const assessmentServiceId = await directory(driver, cast, `r${round}`);
        await new AuditJourneys(
          driver,
          cast,
          { ...places, assessmentServiceId },
          `r${round}`,
          NOW,
        ).run();
      }
      log('operations that touch no patient data, and identity');
      await quietOperations(driver, cast, places.arrhythmia.id);
      log('refusals');
      await refusalSweep(driver, cast, schema, server);
      log('bad input');
      await badInput(driver, cast, places);

      const operations = schemaOperations(schema);
      const notRefusable = operations.filter((o) => UNREFUSABLE.has(o));
      const covered = operations.filter(
        (o) => ledger.succeeded.has(o) && (ledger.refused.has(o) || UNREFUSABLE.has(o)),
      );
      for (const o of operations) {
        if (!ledger.succeeded.has(o)) ledger.fail(`${o} was never driven successfully`);
        if (!ledger.refused.has(o) && !UNREFUSABLE.has(o)) ledger.fail(`${o} was never refused`);
      }
      const rest = ['REST POST /api/documents', 'REST GET /api/documents/:id'];
      for (const r of rest) {
        if (!ledger.succeeded.has(r)) ledger.fail(`${r} was never driven successfully`);
        if (!ledger.refused.has(r)) ledger.fail(`${r} was never refused`);
      }
      const subscriptions = Object.keys(schema.getSubscriptionType()?.getFields() ?? {});
      return verdict(
        'audit',
        size,
        {
          operationsInSchema: operations.length,
          operationsCovered: covered.length,
          drivenSuccessfully: operations.filter((o) => ledger.succeeded.has(o)).length,
          refused: operations.filter((o) => ledger.refused.has(o)).length,
          notRefusable: notRefusable.length,
          documentRoutesCovered: rest.filter(
            (r) => ledger.succeeded.has(r) && ledger.refused.has(r),
          ).length,
          subscriptionsNotCovered: subscriptions.length,
          calls: ledger.calls,
          linesChecked: ledger.linesChecked,
          refusalsChecked: ledger.refusalsChecked,
          badInputChecked: ledger.badInputChecked,
          replaysChecked: ledger.replaysChecked,
          worklistRowsChecked: ledger.worklistRowsChecked,
          emptyWorklistPages: ledger.emptyWorklistPages,
          mismatches: ledger.failures.length,
          seconds: Math.round((Date.now() - started) / 100) / 10,
        },
        ledger.failures,
      );
    } finally {
      await server?.close();
      await orm.close(true);
    }
  } finally {
    await scratch.drop();
  }
};

async function signInCast(server: TestServer): Promise<Cast> {
  const as = (role: Role, username: string) => callerAs(server, role, username);
  return {
    gp: await as('REFERRING_CLINICIAN', 'rc.leeds'),
    gpAdmin: await as('REFERRING_CLINICIAN_ADMIN', 'rca.leeds'),
    practiceAdmin: await as('REFERRING_ADMIN', 'ra.leeds'),
    consultant: await as('SERVICE_PROVIDER_CLINICIAN', 'spc.leeds'),
    consultantAdmin: await as('SERVICE_PROVIDER_CLINICIAN_ADMIN', 'spca.leeds'),
    providerAdmin: await as('SERVICE_PROVIDER_ADMIN', 'spa.leeds'),
    definer: await as('SERVICE_DEFINER', 'sd.leeds'),
    commissioner: await as('COMMISSIONER', 'commissioner.wy'),
    otherGp: await as('REFERRING_CLINICIAN', 'rc.bradford'),
    otherConsultant: await as('SERVICE_PROVIDER_CLINICIAN', 'spc.bradford'),
  };
}

const none = () => [];

/**
 * The operations that touch no patient data (no line), site changes (one line each) and the
 * identity mutations (one line each), each driven successfully once.
 */
async function quietOperations(driver: AuditDriver, cast: Cast, serviceId: string) {
  const { gp, consultant, definer } = cast;
  const doc = (operation: string) =>
    ACCESS_MATRIX.find((r) => r.operation === operation)!.document!;
  await driver.graphql(gp, 'Query.specialties', doc('Query.specialties'), {}, none);
  await driver.graphql(gp, 'Query.clinicTypes', doc('Query.clinicTypes'), {}, none);
  await driver.graphql(gp, 'Query.searchServices', doc('Query.searchServices'), {}, none);
  await driver.graphql(gp, 'Query.me', doc('Query.me'), {}, none);
  await driver.graphql(
    consultant,
    'Query.worklistCounts',
    '{ worklistCounts { worklist count } }',
    {},
    none,
  );
  await driver.graphql(
    consultant,
    'Query.worklistFilterChoices',
    '{ worklistFilterChoices { services { id } clinicians { id } } }',
    {},
    none,
  );

  // Slot maintenance without bookings: no line.
  await driver.graphql(
    definer,
    'Query.slotBlockReasons',
    '{ slotBlockReasons { code } }',
    {},
    none,
  );
  const calendar = await driver.graphql<{ slots: { id: string; state: string }[] }[]>(
    definer,
    'Query.slotCalendar',
    'query C($id: ID!) { slotCalendar(serviceId: $id, from: "2026-11-30", to: "2026-12-04") { date slots { id state } } }',
    { id: serviceId },
    none,
  );
  const free = calendar.data?.flatMap((d) => d.slots).find((s) => s.state === 'FREE');
  if (free) {
    await driver.graphql(
      definer,
      'Mutation.blockSlots',
      'mutation B($input: SlotActionInput!) { blockSlots(input: $input) { changed } }',
      { input: { serviceId, slotIds: [free.id], reason: 'TRAINING', comment: 'Induction' } },
      none,
    );
    await driver.graphql(
      definer,
      'Mutation.unblockSlots',
      'mutation U($input: SlotReleaseInput!) { unblockSlots(input: $input) { changed } }',
      { input: { serviceId, slotIds: [free.id] } },
      none,
    );
  } else driver.ledger.fail('slotCalendar showed no free slot to block');

  // Identity: sign in, choose a role, sign out; one line each.
  await driver.graphql(
    SIGNED_OUT,
    'Mutation.signIn',
    SIGN_IN,
    { u: 'rc.leeds', p: 'open-ers-demo' },
    () => [{ action: 'SIGN_IN', outcome: 'SUCCESS', ...actorOf(gp) }],
  );
  const twoRoles = await callerWithoutRole(driver.server, 'spc2.leeds');
  const assignment = twoRoles.session!.roleAssignments.find((a) => a.role === 'SERVICE_DEFINER')!;
  const asDefiner = {
    userId: twoRoles.session!.userId,
    role: 'SERVICE_DEFINER' as const,
    organisationId: assignment.organisation.id,
    onBehalfOfUserId: null,
  };
  await driver.graphql(twoRoles, 'Mutation.selectRole', SELECT_ROLE, { id: assignment.id }, () => [
    {
      action: 'SELECT_ROLE',
      outcome: 'SUCCESS',
      actor: asDefiner,
    },
  ]);
  await driver.graphql(twoRoles, 'Mutation.signOut', 'mutation { signOut }', {}, () => [
    {
      action: 'SIGN_OUT',
      outcome: 'SUCCESS',
      actor: asDefiner,
    },
  ]);
}

/** What a definer's change writes: one line naming no patient (sites and service versions). */
const definerLine = (definer: Caller, action: string) => [
  { action, outcome: 'SUCCESS' as const, ubrn: null, patientId: null, ...actorOf(definer) },
];

/** A service definition at the definer's site, directly bookable unless said otherwise. */
function definition(siteId: string, name: string, extra: Record<string, unknown> = {}) {
  return serviceDefinitionInput(siteId, { name, publicationWeeks: 4, ...extra });
}

type Defined = { id: string; service: { version: number } };
const DEFINED = '{ id service { version } }';

/** Creates (a draft), amends and publishes a service; returns its id, or null if refused. */
async function defineService(
  driver: AuditDriver,
  definer: Caller,
  input: Record<string, unknown>,
): Promise<Defined | null> {
  const created = await driver.graphql<Defined>(
    definer,
    'Mutation.createService',
    `mutation C($input: ServiceDefinitionInput!) { createService(input: $input, draft: true) ${DEFINED} }`,
    { input },
    () => definerLine(definer, 'CREATE_SERVICE'),
  );
  if (!created.data) {
    driver.ledger.fail(`createService refused: ${created.code} ${created.message}`);
    return null;
  }
  const { id } = created.data;
  const amended = await driver.graphql<Defined>(
    definer,
    'Mutation.amendService',
    `mutation A($id: ID!, $v: Int!, $input: ServiceDefinitionInput!) { amendService(id: $id, expectedVersion: $v, input: $input) ${DEFINED} }`,
    { id, v: created.data.service.version, input: { ...input, indicativeWaitDays: 21 } },
    () => definerLine(definer, 'AMEND_SERVICE'),
  );
  const published = await driver.graphql<Defined>(
    definer,
    'Mutation.publishService',
    `mutation P($id: ID!, $v: Int!) { publishService(id: $id, expectedVersion: $v) ${DEFINED} }`,
    { id, v: amended.data?.service.version ?? 2 },
    () => definerLine(definer, 'PUBLISH_SERVICE'),
  );
  if (!published.data) {
    driver.ledger.fail(`publishService refused: ${published.code} ${published.message}`);
    return null;
  }
  return published.data;
}

/**
 * The Directory of Services as the Leeds trust's definer: sites (one line each change), an
 * indirectly bookable assessment service for the journeys (one line per version), and a second
 * service through schedules and publication (no line) to its retirement. Returns the
 * assessment service's id.
 */
async function directory(driver: AuditDriver, cast: Cast, round: string): Promise<string | null> {
  const { definer } = cast;
  const sites = await driver.graphql<{ id: string }[]>(
    definer,
    'Query.organisationSites',
    '{ organisationSites { id postcode } }',
    {},
    none,
  );
  const odsCode = `RA${round.toUpperCase()}${Math.floor(Math.random() * 9000 + 1000)}`;
  const siteInput = {
    odsCode,
    name: 'Audit Harness Clinic',
    addressLine: '1 Park Row',
    town: 'Leeds',
    postcode: 'LS1 5DQ',
  };
  const site = await driver.graphql<{ id: string }>(
    definer,
    'Mutation.createSite',
    'mutation C($input: SiteInput!) { createSite(input: $input) { id } }',
    { input: siteInput },
    () => definerLine(definer, 'CREATE_SITE'),
  );
  if (site.data) {
    await driver.graphql(
      definer,
      'Mutation.amendSite',
      'mutation A($id: ID!, $input: SiteInput!) { amendSite(id: $id, input: $input) { id } }',
      { id: site.data.id, input: { ...siteInput, name: 'Audit Harness Clinic (renamed)' } },
      () => definerLine(definer, 'AMEND_SITE'),
    );
  }
  const siteId = site.data?.id ?? sites.data?.[0]?.id;
  if (!siteId) {
    driver.ledger.fail('the definer has no site');
    return null;
  }
  const assessment = await defineService(
    driver,
    definer,
    definition(siteId, `Audit Harness Assessment Service ${odsCode}`, {
      appointmentType: 'ASSESSMENT_SERVICE',
      bookableType: 'INDIRECTLY_BOOKABLE',
      clinicType: 'CARD_GENERAL',
    }),
  );
  await driver.graphql(definer, 'Query.definedServices', '{ definedServices { id } }', {}, none);
  const clinic = await defineService(
    driver,
    definer,
    definition(siteId, `Audit Harness Arrhythmia Clinic ${odsCode}`),
  );
  if (clinic) {
    const { id } = clinic;
    await driver.graphql(
      definer,
      'Query.definedService',
      `query D($id: ID!) { definedService(id: $id) ${DEFINED} }`,
      { id },
      none,
    );
    const template = {
      label: 'Weekday mornings',
      weekdays: [1, 2, 3, 4, 5],
      startTime: '09:00',
      sessionMinutes: 60,
      slotMinutes: 20,
      everyWeeks: 1,
      includeBankHolidays: false,
      priorities: ['ROUTINE', 'URGENT'],
      validFrom: '2026-11-24',
    };
    await driver.graphql(
      definer,
      'Query.previewSchedule',
      'query P($id: ID!, $input: SessionTemplateInput!) { previewSchedule(serviceId: $id, input: $input) { slotCount } }',
      { id, input: template },
      none,
    );
    const schedule = await driver.graphql<{ id: string }>(
      definer,
      'Mutation.createSchedule',
      'mutation C($id: ID!, $input: SessionTemplateInput!) { createSchedule(serviceId: $id, input: $input) { id } }',
      { id, input: template },
      none,
    );
    await driver.graphql(
      definer,
      'Mutation.addScheduleException',
      'mutation E($id: ID!, $input: ScheduleExceptionInput!) { addScheduleException(serviceId: $id, input: $input) { id } }',
      {
        id,
        input: {
          date: '2026-12-02',
          kind: 'CANCEL_SESSION',
          scheduleId: schedule.data?.id,
          reason: 'Training',
        },
      },
      none,
    );
    await driver.graphql(
      definer,
      'Query.schedules',
      'query S($id: ID!) { schedules(serviceId: $id) { id } }',
      { id },
      none,
    );
    await driver.graphql(
      definer,
      'Query.scheduleExceptions',
      'query S($id: ID!) { scheduleExceptions(serviceId: $id) { id } }',
      { id },
      none,
    );
    await driver.graphql(
      definer,
      'Mutation.publishSlots',
      'mutation P($id: ID!) { publishSlots(serviceId: $id) { created } }',
      { id },
      none,
    );
    if (schedule.data) {
      await driver.graphql(
        definer,
        'Mutation.endSchedule',
        'mutation E($id: ID!) { endSchedule(id: $id, validTo: "2027-01-31") { id } }',
        { id: schedule.data.id },
        none,
      );
    }
    await driver.graphql(
      definer,
      'Mutation.retireService',
      `mutation R($id: ID!, $v: Int!) { retireService(id: $id, expectedVersion: $v, effectiveTo: "2027-06-30") ${DEFINED} }`,
      { id, v: clinic.service.version },
      () => definerLine(definer, 'RETIRE_SERVICE'),
    );
  }
  return assessment?.id ?? null;
}

/** The callers, by role, that the refusal sweep may pick as the wrong role. */
function wrongRoleCaller(cast: Cast, allowed: readonly Role[]): Caller | null {
  const candidates = [
    cast.commissioner,
    cast.definer,
    cast.practiceAdmin,
    cast.providerAdmin,
    cast.gp,
    cast.consultant,
  ];
  return candidates.find((c) => !allowed.includes(c.actor!.role as Role)) ?? null;
}

/**
 * Refuses every operation: signed out (UNAUTHENTICATED), without a role (ROLE_NOT_SELECTED),
 * as a role its rule does not allow (FORBIDDEN) and, for everything naming a referral or
 * advice request, as a clinician of another organisation (NO_RELATIONSHIP). Each refusal must
 * write one REFUSED line naming the UBRN the request named.
 */
async function refusalSweep(
  driver: AuditDriver,
  cast: Cast,
  schema: GraphQLSchema,
  server: TestServer,
) {
  const noRole = await callerWithoutRole(server, 'spc2.leeds');
  // Refusals change nothing and each has its own request id, so they run a few at a time.
  const refusals: (() => Promise<void>)[] = [];
  const refuse = (...args: Parameters<AuditDriver['refuse']>) =>
    refusals.push(() => driver.refuse(...args));
  for (const row of ACCESS_MATRIX) {
    if (row.operation.startsWith('Subscription.') || row.allowed === 'PUBLIC') continue;
    const recorded = driver.calls.get(row.operation);
    const { document, variables } = recorded ?? placeholderCall(schema, row.operation);
    const ubrn = recorded?.ubrn ?? undefined;
    const options = ubrn !== undefined ? { ubrn } : {};
    refuse(SIGNED_OUT, row.operation, document, variables, 'UNAUTHENTICATED', options);
    if (row.allowed === 'SIGNED_IN') continue;
    refuse(noRole, row.operation, document, variables, 'ROLE_NOT_SELECTED', options);
    if (row.allowed === 'ANY_ROLE') continue;
    const wrong = wrongRoleCaller(cast, row.allowed);
    if (wrong) refuse(wrong, row.operation, document, variables, 'FORBIDDEN', options);
    // Another organisation's clinician, allowed the operation, but with no relationship.
    if (!recorded?.ubrn) continue;
    const other = [cast.otherGp, cast.otherConsultant].find((c) =>
      (row.allowed as readonly Role[]).includes(c.actor!.role as Role),
    );
    if (other) refuse(other, row.operation, document, variables, 'NO_RELATIONSHIP', options);
  }
  // The reads anyone with a role may ask for: another organisation's clinicians.
  for (const operation of ['Query.referral', 'Query.adviceRequest']) {
    const recorded = driver.calls.get(operation);
    if (!recorded) continue;
    for (const other of [cast.otherGp, cast.otherConsultant]) {
      refuse(other, operation, recorded.document, recorded.variables, 'NO_RELATIONSHIP', {
        ubrn: recorded.ubrn,
      });
    }
  }
  // A refused sign-in is a security event: one REFUSED line with its code.
  for (const username of ['rc.leeds', 'nobody.here']) {
    refuse(
      SIGNED_OUT,
      'Mutation.signIn',
      SIGN_IN,
      { u: username, p: 'wrong password' },
      'INVALID_CREDENTIALS',
      { refusalCodes: SIGN_IN_REFUSALS, ubrn: null },
    );
  }
  // A wrong-role selectRole: someone else's role assignment.
  refuse(
    cast.gp,
    'Mutation.selectRole',
    SELECT_ROLE,
    { id: cast.consultant.session!.roleAssignments[0]!.id },
    'FORBIDDEN',
  );
  await runLoad(
    'refusals',
    async (i) => {
      await refusals[i]!();
      return true;
    },
    { concurrency: 4, seconds: 3600, maxRequests: refusals.length, warmup: 0 },
  );
  // The document routes, one at a time (a line under another request id is looked for).
  // Signed out, and a referral's letter to another organisation and to an admin role.
  await driver.upload(SIGNED_OUT, 'letter.txt', 'Referral letter');
  const letter = await driver.upload(cast.gp, 'refused-letter.txt', 'Referral letter');
  const recorded = driver.calls.get('Mutation.createReferral');
  if (letter) await driver.download(SIGNED_OUT, letter, { ubrn: null, patientId: null });
  const attached = driver.documents[0];
  if (attached) {
    await driver.download(cast.otherGp, attached.id, attached);
    await driver.download(cast.practiceAdmin, attached.id, attached);
  } else if (recorded) driver.ledger.fail('no document attached to a referral to refuse');
}

/** Bad input: every one refused with its code and no audit line. */
async function badInput(
  driver: AuditDriver,
  cast: Cast,
  places: Awaited<ReturnType<typeof showcase>>,
) {
  const { gp, consultant } = cast;
  const expectBad = async (
    caller: Caller,
    operation: string,
    document: string,
    variables: Record<string, unknown>,
  ) => {
    const answer = await driver.graphql(caller, operation, document, variables, () => []);
    if (!answer.code) driver.ledger.fail(`${operation} with bad input as ${caller.name} succeeded`);
  };
  const REFERRAL = 'query R($ubrn: ID!) { referral(ubrn: $ubrn) { ubrn } }';
  await expectBad(gp, 'Query.referral', REFERRAL, { ubrn: '1234' });
  await expectBad(gp, 'Query.referral', REFERRAL, { ubrn: '999999999999' });
  await expectBad(
    gp,
    'Query.accessLog',
    'query L($ubrn: String!) { accessLog(ubrn: $ubrn, first: 0) { action } }',
    { ubrn: driver.calls.get('Mutation.cancelReferral')?.ubrn ?? '999999999999' },
  );
  const small = (name: string, type: string) =>
    `mutation M($input: ${type}!) { ${name}(input: $input) { referral { ubrn } } }`;
  const cancelled = driver.calls.get('Mutation.cancelReferral')?.ubrn;
  if (cancelled) {
    await expectBad(
      consultant,
      'Mutation.acceptReferral',
      small('acceptReferral', 'CommentInput'),
      {
        input: { ubrn: cancelled },
      },
    );
    await expectBad(
      gp,
      'Mutation.changeShortlist',
      small('changeShortlist', 'ChangeShortlistInput'),
      {
        input: { ubrn: cancelled, serviceIds: [places.arrhythmia.id], expectedVersion: 1 },
      },
    );
  }
  const rebooked = driver.calls.get('Mutation.cancelAppointment')?.ubrn;
  if (rebooked) {
    await expectBad(
      consultant,
      'Mutation.rejectReferral',
      small('rejectReferral', 'RejectReferralInput'),
      {
        input: { ubrn: rebooked, reason: 'NOT_A_REASON' },
      },
    );
  }
  await expectBad(gp, 'Mutation.createReferral', small('createReferral', 'CreateReferralInput'), {
    input: {
      patientId: places.margaret.id,
      priority: 'ROUTINE',
      serviceIds: [],
      letterStatus: 'NOT_INTENDING_TO_ADD',
      ...WITH_CLINICAL_INFORMATION,
    },
  });
  await expectBad(
    gp,
    'Mutation.holdSlot',
    'mutation H($input: SlotChoiceInput!) { holdSlot(input: $input) { slotId } }',
    { input: { ubrn: rebooked ?? '999999999999', slotId: 'abc' } },
  );
  await expectBad(gp, 'Mutation.acceptReferral', small('acceptReferral', 'CommentInput'), {
    input: { ubrn: cancelled ?? '999999999999', expectedVersion: 'one' },
  });
  await driver.download(gp, 'abc', { ubrn: null, patientId: null });
  await driver.download(gp, '00000000-0000-4000-8000-000000000001', {
    ubrn: null,
    patientId: null,
  });
}
