import { CLINICAL_ROLES, formatUbrn, ROLES, type Actor, type Role } from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, MUTATIONS, showcase, slotsFor, type Payload } from '../../test/referral-client.js';
import { findDemoPlaces } from '../../seed/demo-users.js';
import { TEST_DB_KIND } from '../../test/test-database.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { User } from '../identity/index.js';
import { Patient } from '../patients/index.js';
import { Service } from '../directory/index.js';
import { SHOWCASE_PATIENTS, SHOWCASE_SERVICES } from '../../seed/demo-seed.js';
import { workflowServices } from '../../test/workflow-services.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const NOW = new Date('2026-11-21T10:00:00Z');
/** The referral the audit lines are about: created in `prepare` (its UBRN is random). */
let UBRN = '';
const OTHER_UBRN = '000049614845';

const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($ubrn: String!, $first: Int) {
    accessLog(ubrn: $ubrn, first: $first) {
      occurredAt
      action
      outcome
      requestId
      role
      user {
        username
        displayName
      }
      organisation {
        odsCode
        name
      }
      onBehalfOf {
        username
      }
    }
  }
`;

interface AccessLogData {
  accessLog: {
    occurredAt: string;
    action: string;
    outcome: string;
    requestId: string;
    role: Role | null;
    user: { username: string } | null;
    organisation: { odsCode: string } | null;
    onBehalfOf: { username: string } | null;
  }[];
}

const codeOf = (result: { errors?: { extensions?: { code?: string } }[] }) =>
  result.errors?.[0]?.extensions?.code;

describe('the audit trail', () => {
  let server: TestServer;
  const actors = new Map<string, Actor>();

  beforeAll(async () => {
    server = await startTestServer({
      now: NOW,
      seedDemo: true,
      prepare: async ({ orm }) => {
        // A real referral from the Leeds practice, deferred to the Leeds trust (so both have a
        // legitimate relationship with it), created without an audit trail; then the accesses
        // are recorded straight through the audit service at known times: a Leeds GP created
        // it, the Leeds trust consultant's admin (for the consultant) read it, a Leeds admin
        // looked at the booking.
        const em = orm.em.fork();
        const places = (await findDemoPlaces(em))!;
        const patient = await em.findOneOrFail(Patient, {
          nhsNumber: SHOWCASE_PATIENTS[0].nhsNumber,
        });
        const heartFailure = await em.findOneOrFail(Service, { name: SHOWCASE_SERVICES.noSlots });
        const creator: Actor = {
          userId: (await em.findOneOrFail(User, { username: 'rc.leeds' })).id,
          role: 'REFERRING_CLINICIAN',
          organisationId: places.LEEDS_PRACTICE.id,
        };
        const services = workflowServices(orm, NOW);
        const created = await services.referrals.create(
          {
            patientId: patient.id,
            priority: 'ROUTINE',
            serviceIds: [heartFailure.id],
            letterStatus: 'NOT_INTENDING_TO_ADD',
            ...WITH_CLINICAL_INFORMATION,
          },
          creator,
        );
        UBRN = created.referral.ubrn;
        await services.commands.deferToProvider(UBRN, creator, { serviceId: heartFailure.id }, {});
        const actor = async (
          username: string,
          role: Role,
          organisationId: string,
          obo?: string,
        ) => {
          const user = await em.findOneOrFail(User, { username });
          const onBehalfOf = obo ? await em.findOneOrFail(User, { username: obo }) : null;
          const a: Actor = {
            userId: user.id,
            role,
            organisationId,
            onBehalfOfUserId: onBehalfOf?.id ?? null,
          };
          actors.set(username, a);
          return a;
        };
        const record = async (a: Actor, minutes: number, action: string, ubrn = UBRN) => {
          const at = new Date(NOW.getTime() - 60 * 60_000 + minutes * 60_000);
          await new AuditService(em, {
            requestId: `seed-${minutes}`,
            now: at,
            actor: a,
            userId: null,
          }).record({
            action,
            ubrn,
            patientId: 'patient-1',
            nhsNumber: '9434765919',
          });
        };
        const gp = await actor('rc.leeds', 'REFERRING_CLINICIAN', places.LEEDS_PRACTICE.id);
        const spca = await actor(
          'spca.leeds',
          'SERVICE_PROVIDER_CLINICIAN_ADMIN',
          places.LEEDS_PROVIDER.id,
          'spc.leeds',
        );
        const ra = await actor('ra.leeds', 'REFERRING_ADMIN', places.LEEDS_PRACTICE.id);
        await record(gp, 1, 'CREATE_REFERRAL');
        await record(spca, 2, 'VIEW_REFERRAL');
        await record(ra, 3, 'VIEW_BOOKING');
        await record(gp, 4, 'VIEW_REFERRAL', OTHER_UBRN);
      },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('records who, in which role and organisation, to which patient and UBRN, when and in which request', async () => {
    const em = server.db.orm.em.fork();
    const event = await em.findOneOrFail(AuditEvent, { action: 'CREATE_REFERRAL' });
    const gp = actors.get('rc.leeds')!;
    expect(event).toMatchObject({
      userId: gp.userId,
      role: 'REFERRING_CLINICIAN',
      organisationId: gp.organisationId,
      onBehalfOfUserId: null,
      patientId: 'patient-1',
      nhsNumber: '9434765919',
      ubrn: UBRN,
      outcome: 'SUCCESS',
      requestId: 'seed-1',
    });
    expect(event.occurredAt.toISOString()).toBe('2026-11-21T09:01:00.000Z');
    const admin = await em.findOneOrFail(AuditEvent, { action: 'VIEW_REFERRAL', ubrn: UBRN });
    expect(admin.onBehalfOfUserId).toBe(actors.get('spca.leeds')!.onBehalfOfUserId);
  });

  it('refuses to record anything but an upper-case action code or a malformed UBRN', async () => {
    const audit = new AuditService(server.db.orm.em.fork(), {
      requestId: 'r',
      now: NOW,
      actor: null,
      userId: null,
    });
    await expect(audit.record({ action: 'viewed a referral' })).rejects.toThrow(/upper-case/);
    await expect(audit.record({ action: 'VIEW_REFERRAL', ubrn: '12' })).rejects.toThrow(/UBRN/);
  });

  it(`is append-only in the database (${TEST_DB_KIND}): raw UPDATE and DELETE statements fail`, async () => {
    const connection = server.db.orm.em.fork().getConnection();
    const before = await connection.execute<{ n: number | string }[]>(
      'select count(*) as n from audit_event',
    );
    await expect(
      connection.execute(`update audit_event set action = 'TAMPERED' where ubrn = '${UBRN}'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      connection.execute(`delete from audit_event where ubrn = '${UBRN}'`),
    ).rejects.toThrow(/append-only/);
    if (TEST_DB_KIND === 'postgresql') {
      await expect(connection.execute('truncate audit_event')).rejects.toThrow(/append-only/);
    }
    const after = await connection.execute<{ n: number | string }[]>(
      'select count(*) as n from audit_event',
    );
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    const tampered = await connection.execute<unknown[]>(
      "select id from audit_event where action = 'TAMPERED'",
    );
    expect(tampered).toHaveLength(0);
  });

  it('records sign-ins and role choices, with the role chosen', async () => {
    const session = await server.signInAs('SERVICE_PROVIDER_ADMIN');
    const em = server.db.orm.em.fork();
    const events = await em.find(
      AuditEvent,
      { userId: session.userId },
      { orderBy: { action: 'asc' } },
    );
    expect(events.map((e) => [e.action, e.role])).toEqual([
      ['SELECT_ROLE', 'SERVICE_PROVIDER_ADMIN'],
      ['SIGN_IN', 'SERVICE_PROVIDER_ADMIN'],
    ]);
  });

  it('records exactly one event when a patient is looked up by NHS number', async () => {
    const em = server.db.orm.em.fork();
    const [patient] = await em.find(Patient, {}, { orderBy: { nhsNumber: 'asc' }, limit: 1 });
    if (!patient) throw new Error('the demo data has no patients');
    const gp = await server.signInAs('REFERRING_CLINICIAN');
    const before = await em.fork().count(AuditEvent, { action: 'VIEW_PATIENT' });
    const result = await gp.graphql<{ patient: { nhsNumber: string } }>(
      'query ($n: String!) { patient(nhsNumber: $n) { nhsNumber } }',
      { n: patient.nhsNumber },
    );
    expect(result.errors).toBeUndefined();
    expect(await em.fork().count(AuditEvent, { action: 'VIEW_PATIENT' })).toBe(before + 1);
    const event = await em
      .fork()
      .findOneOrFail(AuditEvent, { action: 'VIEW_PATIENT' }, { orderBy: { occurredAt: 'desc' } });
    expect(event).toMatchObject({
      userId: gp.userId,
      role: 'REFERRING_CLINICIAN',
      patientId: patient.id,
      nhsNumber: patient.nhsNumber,
    });
  });

  describe('accessLog', () => {
    let gp: TestSession;

    beforeAll(async () => {
      gp = await server.signInAs('REFERRING_CLINICIAN');
    });

    it('shows a clinician of a party organisation who did what to the referral, newest first, by name', async () => {
      const result = await gp.graphql<AccessLogData>(ACCESS_LOG, { ubrn: formatUbrn(UBRN) });
      expect(result.errors).toBeUndefined();
      const rows = result.data!.accessLog;
      expect(
        rows.map((r) => [r.action, r.role, r.user?.username, r.onBehalfOf?.username ?? null]),
      ).toEqual([
        ['VIEW_BOOKING', 'REFERRING_ADMIN', 'ra.leeds', null],
        ['VIEW_REFERRAL', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'spca.leeds', 'spc.leeds'],
        ['CREATE_REFERRAL', 'REFERRING_CLINICIAN', 'rc.leeds', null],
      ]);
      expect(rows[2]).toMatchObject({
        occurredAt: '2026-11-21T09:01:00.000Z',
        outcome: 'SUCCESS',
        requestId: 'seed-1',
        organisation: { odsCode: 'A80000' },
      });
    });

    it('records each reading of the log exactly once, with the reader’s request id', async () => {
      const em = server.db.orm.em.fork();
      const count = () => em.fork().count(AuditEvent, { action: 'VIEW_ACCESS_LOG', ubrn: UBRN });
      const before = await count();
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `open_ers_session=${gp.token}`,
          'x-request-id': 'read-the-log-1',
        },
        body: JSON.stringify({ query: ACCESS_LOG, variables: { ubrn: UBRN, first: 1 } }),
      });
      const body = (await response.json()) as { data: AccessLogData };
      expect(body.data.accessLog).toHaveLength(1);
      expect(await count()).toBe(before + 1);
      const event = await em.findOneOrFail(AuditEvent, { requestId: 'read-the-log-1' });
      expect(event).toMatchObject({
        action: 'VIEW_ACCESS_LOG',
        ubrn: UBRN,
        userId: gp.userId,
        role: 'REFERRING_CLINICIAN',
      });
    });

    it('refuses a malformed UBRN and a page size outside 1 to 500 as bad input', async () => {
      expect(codeOf(await gp.graphql(ACCESS_LOG, { ubrn: '1234' }))).toBe('INVALID_UBRN');
      expect(codeOf(await gp.graphql(ACCESS_LOG, { ubrn: UBRN, first: 0 }))).toBe(
        'INVALID_PAGE_SIZE',
      );
      expect(codeOf(await gp.graphql(ACCESS_LOG, { ubrn: UBRN, first: 501 }))).toBe(
        'INVALID_PAGE_SIZE',
      );
    });

    it('says a UBRN that no referral has is not found, as e-RS does (REFERENCE_NOT_FOUND)', async () => {
      const unknown = await gp.graphql(ACCESS_LOG, { ubrn: '999999999999' });
      expect(codeOf(unknown)).toBe('REFERENCE_NOT_FOUND');
    });

    /**
     * Cross-organisation attempts, for every role: clinicians and clinician admins of an
     * organisation that took part see the log; the same roles elsewhere (a Bradford practice
     * and trust) get NO_RELATIONSHIP; every role that never sees clinical content is refused
     * by the rule, even at a party organisation.
     */
    const expectations: [string, Role, string | null][] = [
      ['rc.leeds', 'REFERRING_CLINICIAN', null],
      ['rca.leeds', 'REFERRING_CLINICIAN_ADMIN', null],
      ['ra.leeds', 'REFERRING_ADMIN', 'FORBIDDEN'],
      ['spc.leeds', 'SERVICE_PROVIDER_CLINICIAN', null],
      ['spca.leeds', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', null],
      ['spa.leeds', 'SERVICE_PROVIDER_ADMIN', 'FORBIDDEN'],
      ['sd.leeds', 'SERVICE_DEFINER', 'FORBIDDEN'],
      ['commissioner.wy', 'COMMISSIONER', 'FORBIDDEN'],
      ['analyst.wy', 'INFORMATION_ANALYST', 'FORBIDDEN'],
      ['rc.bradford', 'REFERRING_CLINICIAN', 'NO_RELATIONSHIP'],
      ['spc.bradford', 'SERVICE_PROVIDER_CLINICIAN', 'NO_RELATIONSHIP'],
    ];

    it('covers every demo role, and refuses exactly the roles that never see clinical content', () => {
      const roles = new Set(expectations.map(([, role]) => role));
      for (const role of ROLES) {
        if (role === 'PATIENT' || role === 'PROVIDER_AUTHORISED_APPLICATION') continue;
        expect(roles.has(role), role).toBe(true);
      }
      for (const [, role, refusal] of expectations) {
        expect(refusal === 'FORBIDDEN', role).toBe(!CLINICAL_ROLES.includes(role));
      }
    });

    it.each(expectations)('as %s (%s): %s', async (username, role, refusal) => {
      const session = await server.signInAs(role, { username });
      const result = await session.graphql<AccessLogData>(ACCESS_LOG, { ubrn: UBRN });
      expect(codeOf(result) ?? null).toBe(refusal);
      if (refusal === null) expect(result.data!.accessLog.length).toBeGreaterThanOrEqual(3);
      else expect(result.data).toBeNull();
    });
  });
});

describe('every action on a referral, and every refusal, in the audit trail', () => {
  let server: TestServer;
  let gp: TestSession;
  let consultant: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** The lines of the trail written by one request. */
  const linesOf = (requestId: string) =>
    server.db.orm.em.fork().find(AuditEvent, { requestId }, { orderBy: { occurredAt: 'asc' } });

  /** A routine referral to the arrhythmia clinic by the Leeds GP; its UBRN. */
  const referralFor = async (patientId: string, clinicalInformation: string) =>
    (
      await act(gp, 'createReferral', {
        patientId,
        priority: 'ROUTINE',
        serviceIds: [places.arrhythmia.id],
        letterStatus: 'NEED_TO_ADD_LATER',
        clinicalInformation,
      })
    ).referral.ubrn;

  const withId = (prefix: string) => {
    const requestId = `${prefix}-${randomUUID()}`;
    return { requestId, headers: { 'x-request-id': requestId } };
  };

  it('records each write once, in its request, as who made it, and nothing for a write that failed', async () => {
    const create = withId('create');
    const created = await gp.graphql<{ createReferral: Payload }>(
      MUTATIONS.createReferral,
      {
        input: {
          patientId: places.margaret.id,
          priority: 'ROUTINE',
          serviceIds: [places.arrhythmia.id],
          // No letter to follow: the consultant accepts it below, which needs nothing outstanding.
          letterStatus: 'NOT_INTENDING_TO_ADD',
          clinicalInformation: 'Palpitations for three months.',
        },
      },
      { headers: create.headers },
    );
    expect(created.errors).toBeUndefined();
    const { ubrn, version } = created.data!.createReferral.referral;
    expect((await linesOf(create.requestId)).map((l) => l.action)).toEqual(['CREATE_REFERRAL']);

    const slots = await slotsFor(gp, ubrn, places.arrhythmia.id);
    const slotId = slots.edges[0]!.node.id;
    const book = withId('book');
    const booked = await gp.graphql(
      MUTATIONS.bookAppointment,
      { input: { ubrn, slotId, expectedVersion: version } },
      { headers: book.headers },
    );
    expect(booked.errors).toBeUndefined();
    const [line, ...more] = await linesOf(book.requestId);
    expect(more).toEqual([]);
    const gpUser = await server.db.orm.em.fork().findOneOrFail(User, { username: 'rc.leeds' });
    expect(line).toMatchObject({
      action: 'BOOK_APPOINTMENT',
      outcome: 'SUCCESS',
      ubrn,
      patientId: places.margaret.id,
      userId: gpUser.id,
      role: 'REFERRING_CLINICIAN',
      details: { event: 'BOOK', state: 'BOOKED' },
    });

    // A stale write changes nothing, so it leaves no line either.
    const stale = withId('stale');
    const refusedWrite = await gp.graphql(
      MUTATIONS.cancelReferral,
      { input: { ubrn, reason: 'PATIENT_REQUEST', expectedVersion: version } },
      { headers: stale.headers },
    );
    expect(codeOf(refusedWrite)).toBe('STALE_VERSION');
    expect(await linesOf(stale.requestId)).toEqual([]);

    const accept = withId('accept');
    const accepted = await consultant.graphql(
      MUTATIONS.acceptReferral,
      { input: { ubrn } },
      { headers: accept.headers },
    );
    expect(accepted.errors).toBeUndefined();
    expect((await linesOf(accept.requestId)).map((l) => [l.action, l.role])).toEqual([
      ['ACCEPT_REFERRAL', 'SERVICE_PROVIDER_CLINICIAN'],
    ]);
  });

  it('records a refused read of another organisation’s referral, and shows it in the access log', async () => {
    const ubrn = await referralFor(places.david.id, 'Breathless on exertion.');
    const stranger = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.bradford' });
    const probe = withId('probe');
    const result = await stranger.graphql(
      '{ referral(ubrn: "' + ubrn + '") { ubrn } }',
      {},
      { headers: probe.headers },
    );
    expect(codeOf(result)).toBe('NO_RELATIONSHIP');
    const lines = await linesOf(probe.requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      action: 'REFERRAL',
      outcome: 'REFUSED',
      ubrn,
      patientId: places.david.id,
      details: { code: 'NO_RELATIONSHIP' },
    });

    const log = await gp.graphql<AccessLogData>(ACCESS_LOG, { ubrn });
    expect(log.errors).toBeUndefined();
    const refusal = log.data!.accessLog.find((e) => e.outcome === 'REFUSED');
    expect(refusal).toMatchObject({ action: 'REFERRAL', user: { username: 'rc.bradford' } });
  });

  it('records a refusal by role once, naming the referral the request named', async () => {
    const ubrn = await referralFor(places.margaret.id, 'Rash for two weeks.');
    const attempt = withId('wrong-role');
    const result = await gp.graphql(
      MUTATIONS.acceptReferral,
      { input: { ubrn } },
      { headers: attempt.headers },
    );
    expect(codeOf(result)).toBe('FORBIDDEN');
    const lines = await linesOf(attempt.requestId);
    expect(lines.map((l) => [l.action, l.outcome, l.ubrn, l.details?.code])).toEqual([
      ['ACCEPT_REFERRAL', 'REFUSED', ubrn, 'FORBIDDEN'],
    ]);
  });
});
