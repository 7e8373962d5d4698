import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adviceAct,
  adviceAllowed,
  adviceRefused,
  readAdvice,
  worklistItems,
  ADVICE_MUTATIONS,
  type AdvicePayloadData,
} from '../../test/advice-client.js';
import {
  act,
  allowed,
  codeOf,
  readReferral,
  showcase,
  slotsFor,
  worklistUbrns,
} from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { AuditEvent } from '../audit/index.js';
import { Referral } from '../referrals/index.js';
import { AdviceMessage } from './advice-message.entity.js';
import { AdviceRequest } from './advice.entity.js';

// A Monday morning; the demo data places slots from tomorrow for six weeks.
const NOW = new Date('2026-11-23T09:30:00Z');

const QUESTION = 'Is a statin indicated at QRISK 9% with a family history of early MI?';

/**
 * Advice & Guidance journeys through GraphQL, as the real roles, on the database of this run
 * (SQLite or PostgreSQL): the same tests on both.
 */
describe('Advice & Guidance over GraphQL', () => {
  let server: TestServer;
  let gp: TestSession;
  let gpAdmin: TestSession;
  let practiceAdmin: TestSession;
  let consultant: TestSession;
  let consultantAdmin: TestSession;
  let providerAdmin: TestSession;
  let otherGp: TestSession;
  let otherConsultant: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    gpAdmin = await server.signInAs('REFERRING_CLINICIAN_ADMIN', { username: 'rca.leeds' });
    practiceAdmin = await server.signInAs('REFERRING_ADMIN', { username: 'ra.leeds' });
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
    consultantAdmin = await server.signInAs('SERVICE_PROVIDER_CLINICIAN_ADMIN', {
      username: 'spca.leeds',
    });
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
    otherGp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.bradford' });
    otherConsultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', {
      username: 'spc.bradford',
    });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const ask = (
    extra: Record<string, unknown> = {},
    who: TestSession = gp,
    headers?: Record<string, string>,
  ): Promise<AdvicePayloadData> =>
    adviceAct(
      who,
      'createAdviceRequest',
      {
        patientId: places.margaret.id,
        serviceId: places.advice.id,
        priority: 'ROUTINE',
        request: QUESTION,
        providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
        ...extra,
      },
      headers,
    );

  const advise = {
    outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
    guidance: 'Yes: start atorvastatin 20 mg and recheck lipids in three months.',
    recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
    updatedPriority: 'ROUTINE',
  };

  const conversationOf = (payload: { conversation: { kind: string; author: string }[] }) =>
    payload.conversation.map((m) => [m.kind, m.author]);

  it('the GP asks, the consultant asks for more information, the GP answers, the consultant advises and the GP closes the conversation', async () => {
    const asked = await ask();
    const { ubrn } = asked.adviceRequest;
    expect(ubrn).toMatch(/^\d{12}$/);
    expect(asked.adviceRequest).toMatchObject({
      state: 'PROVIDER_RESPONSE_REQUIRED',
      version: 1,
      priority: 'ROUTINE',
      providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
      referringClinicianId: gp.userId,
      messageCount: 1,
      accessLevel: 'CLINICAL',
      service: { id: places.advice.id },
    });
    expect(asked.adviceRequest.conversation).toEqual([
      expect.objectContaining({
        version: 1,
        kind: 'REQUEST',
        author: 'REFERRER',
        role: 'REFERRING_CLINICIAN',
        text: QUESTION,
        priority: 'ROUTINE',
        user: { username: 'rc.leeds' },
        onBehalfOf: null,
      }),
    ]);
    expect(adviceAllowed(asked.adviceRequest)).toEqual(['CANCEL']);
    expect(asked.replayed).toBe(false);
    expect(asked.referral).toBeNull();
    // It is at once on the provider's Advice and Guidance Requests and the practice's Active
    // Advice Requests.
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).toContain(ubrn);
    expect(await worklistUbrns(gp, 'ACTIVE_ADVICE_REQUESTS')).toContain(ubrn);

    const forConsultant = await readAdvice(consultant, ubrn);
    expect(adviceAllowed(forConsultant)).toEqual(['RESPOND', 'CONVERT_TO_REFERRAL']);
    expect(forConsultant.allowedActions[0]).toEqual({
      action: 'RESPOND',
      outcomes: [
        { code: 'RETURN_TO_REFERRER_WITH_ADVICE' },
        { code: 'REQUIRE_FURTHER_INFORMATION' },
      ],
      recommendations: [
        { code: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED' },
        { code: 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED' },
        { code: 'REFERRAL_RECOMMENDED' },
        { code: 'OTHER' },
      ],
    });

    const askedMore = await adviceAct(consultant, 'respondToAdviceRequest', {
      ubrn,
      expectedVersion: forConsultant.version,
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      guidance: 'Please send a full lipid profile and the latest blood pressure.',
      updatedPriority: 'URGENT',
    });
    expect(askedMore.adviceRequest).toMatchObject({
      state: 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
      version: 2,
      priority: 'URGENT',
      lastOutcome: 'REQUIRE_FURTHER_INFORMATION',
      recommendation: null,
    });
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).not.toContain(ubrn);
    const waiting = (await worklistItems(gp, 'ACTIVE_ADVICE_REQUESTS')).find(
      (i) => i.ubrn === ubrn,
    );
    expect(waiting).toMatchObject({
      kind: 'ADVICE_REQUEST',
      state: null,
      adviceState: 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
      priority: 'URGENT',
      awaitingReferrer: true,
      serviceName: places.advice.name,
      patient: { nhsNumber: places.margaret.nhsNumber },
    });
    expect(adviceAllowed(await readAdvice(gp, ubrn))).toEqual([
      'SEND_FURTHER_INFORMATION',
      'CANCEL',
    ]);

    const answered = await adviceAct(gp, 'sendFurtherInformation', {
      ubrn,
      expectedVersion: 2,
      text: 'Total cholesterol 6.8, LDL 4.1, HDL 1.0; BP 142/88.',
    });
    expect(answered.adviceRequest.state).toBe('PROVIDER_RESPONSE_REQUIRED');
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).toContain(ubrn);

    // The consultant's admin writes the advice the consultant dictated.
    const advised = await adviceAct(consultantAdmin, 'respondToAdviceRequest', {
      ubrn,
      expectedVersion: 3,
      ...advise,
    });
    expect(advised.adviceRequest).toMatchObject({
      state: 'REFERRER_TO_REVIEW_RESPONSE',
      version: 4,
      priority: 'ROUTINE',
      lastOutcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
      messageCount: 4,
    });
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).not.toContain(ubrn);
    const seenByGp = await readAdvice(gp, ubrn);
    expect(adviceAllowed(seenByGp)).toEqual([
      'SEND_FURTHER_INFORMATION',
      'CLOSE',
      'CANCEL',
      'CONVERT_TO_REFERRAL',
    ]);
    expect(conversationOf(seenByGp)).toEqual([
      ['REQUEST', 'REFERRER'],
      ['REQUEST_FOR_INFORMATION', 'PROVIDER'],
      ['FURTHER_INFORMATION', 'REFERRER'],
      ['ADVICE', 'PROVIDER'],
    ]);
    expect(seenByGp.conversation[1]).toMatchObject({
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      priority: 'URGENT',
      user: { username: 'spc.leeds' },
      organisation: { odsCode: 'R00' },
    });
    expect(seenByGp.conversation[3]).toMatchObject({
      role: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      user: { username: 'spca.leeds' },
      onBehalfOf: { username: 'spc.leeds' },
      text: advise.guidance,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
    });

    const closed = await adviceAct(gp, 'closeAdviceRequest', { ubrn, expectedVersion: 4 });
    expect(closed.adviceRequest).toMatchObject({
      state: 'CONVERSATION_ENDED_CLOSED',
      allowedActions: [],
    });
    expect(await worklistUbrns(gp, 'ACTIVE_ADVICE_REQUESTS')).not.toContain(ubrn);
    expect(adviceAllowed(await readAdvice(consultant, ubrn))).toEqual([]);
    // No referral was made from it.
    expect(await server.db.orm.em.fork().count(Referral, { ubrn })).toBe(0);
  });

  it('a clinician admin asks for the GP; the consultant converts the authorised request into a referral on the same UBRN, on Appointments for Booking, and the provider admin books it', async () => {
    const asked = await ask({ patientId: places.david.id }, gpAdmin);
    const { ubrn } = asked.adviceRequest;
    expect(asked.adviceRequest.referringClinicianId).toBe(gp.userId);
    expect(asked.adviceRequest.conversation[0]).toMatchObject({
      role: 'REFERRING_CLINICIAN_ADMIN',
      user: { username: 'rca.leeds' },
      onBehalfOf: { username: 'rc.leeds' },
    });

    expect(
      await adviceRefused(consultant, 'convertAdviceToReferral', { ubrn, priority: 'URGENT' }),
    ).toBe('COMMENT_REQUIRED');
    const converted = await adviceAct(consultant, 'convertAdviceToReferral', {
      ubrn,
      expectedVersion: 1,
      priority: 'URGENT',
      comment: 'Needs an echocardiogram and clinic review; we will book it.',
    });
    expect(converted.adviceRequest).toMatchObject({
      ubrn,
      state: 'ADVICE_CONVERTED',
      version: 2,
      priority: 'URGENT',
      allowedActions: [],
    });
    expect(conversationOf(converted.adviceRequest)).toEqual([
      ['REQUEST', 'REFERRER'],
      ['CONVERSION', 'PROVIDER'],
    ]);
    expect(converted.referral).toMatchObject({
      ubrn,
      version: 1,
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      stateReason: 'ADVICE_CONVERTED',
      stateComment: 'Needs an echocardiogram and clinic review; we will book it.',
      priority: 'URGENT',
      letterStatus: 'NOT_INTENDING_TO_ADD',
      convertedFromAdvice: true,
      appointment: { status: 'PROPOSED', serviceId: places.advice.id },
    });

    // Off the advice worklists, onto the provider's Appointments for Booking (and the
    // practice's Awaiting Booking), on the same UBRN.
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).not.toContain(ubrn);
    expect(await worklistUbrns(gp, 'ACTIVE_ADVICE_REQUESTS')).not.toContain(ubrn);
    expect(await worklistUbrns(providerAdmin, 'APPOINTMENTS_FOR_BOOKING')).toContain(ubrn);
    expect(await worklistUbrns(gp, 'AWAITING_BOOKING')).toContain(ubrn);

    const referral = await readReferral(gp, ubrn);
    expect(referral.history.map((h) => [h.action, h.toState, h.role])).toEqual([
      ['CREATE_REFERRAL', 'TRIAGED_PROVIDER_TO_ACTION', 'SERVICE_PROVIDER_CLINICIAN'],
    ]);
    const forBooking = await readReferral(providerAdmin, ubrn);
    expect(allowed(forBooking)).toContain('BOOK');

    // The provider admin books it into one of the trust's clinics: accepted at once, since the
    // trust's own clinician converted it.
    const slotId = (await slotsFor(providerAdmin, ubrn, places.arrhythmia.id)).edges[0]!.node.id;
    const booked = await act(providerAdmin, 'bookAppointment', {
      ubrn,
      slotId,
      expectedVersion: forBooking.version,
    });
    expect(booked.referral).toMatchObject({ state: 'ACCEPTED', appointment: { slotId } });
    expect(await worklistUbrns(providerAdmin, 'APPOINTMENTS_FOR_BOOKING')).not.toContain(ubrn);
  });

  it('refuses a provider conversion the referrer did not authorise, and offers the consultant only a response', async () => {
    const asked = await ask({ providerConversionAuthorisation: 'NOT_AUTHORISED_TO_CONVERT' });
    const { ubrn } = asked.adviceRequest;
    expect(adviceAllowed(await readAdvice(consultant, ubrn))).toEqual(['RESPOND']);
    for (const who of [consultant, consultantAdmin]) {
      expect(
        await adviceRefused(who, 'convertAdviceToReferral', {
          ubrn,
          priority: 'URGENT',
          comment: 'We would like to see the patient.',
        }),
      ).toBe('NOT_AUTHORISED_TO_CONVERT');
    }
    const em = server.db.orm.em.fork();
    expect(await em.count(Referral, { ubrn })).toBe(0);
    expect((await readAdvice(gp, ubrn)).state).toBe('PROVIDER_RESPONSE_REQUIRED');
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).toContain(ubrn);
  });

  it('lets the GP convert after advice whatever the authorisation, choosing the shortlist', async () => {
    const asked = await ask({ providerConversionAuthorisation: 'NOT_AUTHORISED_TO_CONVERT' });
    const { ubrn } = asked.adviceRequest;
    await adviceAct(consultant, 'respondToAdviceRequest', {
      ubrn,
      ...advise,
      recommendation: 'REFERRAL_RECOMMENDED',
      guidance: 'Refer to the arrhythmia clinic.',
    });
    expect(await adviceRefused(gp, 'convertAdviceToReferral', { ubrn, priority: 'ROUTINE' })).toBe(
      'SHORTLIST_EMPTY',
    );
    const converted = await adviceAct(gp, 'convertAdviceToReferral', {
      ubrn,
      priority: 'ROUTINE',
      serviceIds: [places.arrhythmia.id],
      letterStatus: 'NEED_TO_ADD_LATER',
      comment: 'Referring as advised.',
    });
    expect(converted.adviceRequest.state).toBe('ADVICE_CONVERTED');
    expect(converted.referral).toMatchObject({
      ubrn,
      state: 'NOT_BOOKED',
      letterStatus: 'NEED_TO_ADD_LATER',
      convertedFromAdvice: true,
    });
    expect(allowed(converted.referral!)).toContain('BOOK');
    expect(await worklistUbrns(gp, 'AWAITING_BOOKING')).toContain(ubrn);
    expect(await worklistUbrns(gp, 'LETTERS_OUTSTANDING')).toContain(ubrn);
    expect(await worklistUbrns(gp, 'ACTIVE_ADVICE_REQUESTS')).not.toContain(ubrn);
  });

  it('lets the GP cancel an open request, with a note the provider sees', async () => {
    const { ubrn } = (await ask()).adviceRequest;
    const cancelled = await adviceAct(gpAdmin, 'cancelAdviceRequest', {
      ubrn,
      comment: 'Seen privately.',
    });
    expect(cancelled.adviceRequest.state).toBe('CONVERSATION_ENDED_CANCELLED');
    const seen = await readAdvice(consultant, ubrn);
    expect(seen.conversation.at(-1)).toMatchObject({
      kind: 'CANCELLATION',
      text: 'Seen privately.',
    });
    expect(await worklistUbrns(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).not.toContain(ubrn);
    expect(await adviceRefused(gp, 'cancelAdviceRequest', { ubrn })).toBe('INVALID_REQUEST_STATE');
    expect(await adviceRefused(consultant, 'respondToAdviceRequest', { ubrn, ...advise })).toBe(
      'INVALID_REQUEST_STATE',
    );
  });

  it('refuses requests the rules do not allow, with their codes, and stores nothing', async () => {
    const em = server.db.orm.em.fork();
    const before = await em.count(AdviceRequest, {});
    // The referrer must say whether the provider may convert: the schema requires it.
    const noAnswer = await gp.graphql(ADVICE_MUTATIONS.createAdviceRequest, {
      input: {
        patientId: places.margaret.id,
        serviceId: places.advice.id,
        priority: 'ROUTINE',
        request: QUESTION,
      },
    });
    expect(noAnswer.errors?.[0]?.message).toMatch(/providerConversionAuthorisation/);
    const refusal = async (extra: Record<string, unknown>) =>
      adviceRefused(gp, 'createAdviceRequest', {
        patientId: places.margaret.id,
        serviceId: places.advice.id,
        priority: 'ROUTINE',
        request: QUESTION,
        providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
        ...extra,
      });
    expect(await refusal({ serviceId: places.arrhythmia.id })).toBe('SERVICE_NOT_SUITABLE');
    expect(await refusal({ patientId: places.lily.id })).toBe('SERVICE_NOT_SUITABLE'); // aged 10
    expect(await refusal({ priority: 'TWO_WEEK_WAIT' })).toBe('UNSUPPORTED_PRIORITY');
    expect(await refusal({ request: '   ' })).toBe('TEXT_REQUIRED');
    expect(await refusal({ request: 'x'.repeat(8001) })).toBe('TEXT_TOO_LONG');
    expect(await refusal({ serviceId: randomUUID() })).toBe('REFERENCE_NOT_FOUND');
    expect(await em.fork().count(AdviceRequest, {})).toBe(before);
    // Exactly 8,000 characters is allowed.
    const longest = await ask({ request: 'x'.repeat(8000) });
    const { ubrn } = longest.adviceRequest;
    expect(longest.adviceRequest.conversation[0]!.text).toHaveLength(8000);

    expect(
      await adviceRefused(consultant, 'respondToAdviceRequest', {
        ubrn,
        ...advise,
        recommendation: null,
      }),
    ).toBe('RECOMMENDATION_REQUIRED');
    expect(
      await adviceRefused(consultant, 'respondToAdviceRequest', {
        ubrn,
        ...advise,
        guidance: 'x'.repeat(8001),
      }),
    ).toBe('TEXT_TOO_LONG');
    expect(
      await adviceRefused(consultant, 'respondToAdviceRequest', {
        ubrn,
        ...advise,
        outcome: 'SHRUG',
      }),
    ).toBe('INVALID_CODE');
    // Out of turn: the GP cannot close before any advice, the consultant cannot ask twice.
    expect(await adviceRefused(gp, 'closeAdviceRequest', { ubrn })).toBe('INVALID_REQUEST_STATE');
    await adviceAct(consultant, 'respondToAdviceRequest', { ubrn, ...advise });
    expect(await adviceRefused(consultant, 'respondToAdviceRequest', { ubrn, ...advise })).toBe(
      'INVALID_REQUEST_STATE',
    );
    expect(await em.fork().count(AdviceMessage, { adviceRequest: { ubrn } })).toBe(2);
  });

  it('refuses a change based on a stale version, and changes nothing', async () => {
    const { ubrn } = (await ask()).adviceRequest;
    await adviceAct(consultant, 'respondToAdviceRequest', {
      ubrn,
      expectedVersion: 1,
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      guidance: 'Which statin has been tried?',
      updatedPriority: 'ROUTINE',
    });
    const stale = await gp.graphql(ADVICE_MUTATIONS.cancelAdviceRequest, {
      input: { ubrn, expectedVersion: 1 },
    });
    expect(codeOf(stale)).toBe('STALE_VERSION');
    expect(await readAdvice(gp, ubrn)).toMatchObject({
      version: 2,
      state: 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
    });
  });

  it('keeps the conversation between the two organisations: everyone else gets NO_RELATIONSHIP', async () => {
    const { ubrn } = (await ask()).adviceRequest;
    const read = await otherGp.graphql(
      'query A($ubrn: ID!) { adviceRequest(ubrn: $ubrn) { ubrn } }',
      { ubrn },
    );
    expect(codeOf(read)).toBe('NO_RELATIONSHIP');
    expect(read.data).toBeNull();
    expect(
      await adviceRefused(otherConsultant, 'respondToAdviceRequest', { ubrn, ...advise }),
    ).toBe('NO_RELATIONSHIP');
    expect(await adviceRefused(otherGp, 'cancelAdviceRequest', { ubrn })).toBe('NO_RELATIONSHIP');
    expect(await worklistUbrns(otherConsultant, 'ADVICE_AND_GUIDANCE_REQUESTS')).not.toContain(
      ubrn,
    );
    const unknown = await gp.graphql(
      'query A($ubrn: ID!) { adviceRequest(ubrn: $ubrn) { ubrn } }',
      {
        ubrn: '999999999999',
      },
    );
    expect(codeOf(unknown)).toBe('REFERENCE_NOT_FOUND');
  });

  it('shows admin roles the request but no clinical text, and lets them do nothing to it', async () => {
    const { ubrn } = (await ask()).adviceRequest;
    await adviceAct(consultant, 'respondToAdviceRequest', { ubrn, ...advise });
    for (const admin of [practiceAdmin, providerAdmin]) {
      const seen = await readAdvice(admin, ubrn);
      expect(seen).toMatchObject({
        accessLevel: 'ADMINISTRATIVE',
        state: 'REFERRER_TO_REVIEW_RESPONSE',
        recommendation: null,
        allowedActions: [],
      });
      expect(seen.conversation.map((m) => [m.kind, m.text, m.recommendation])).toEqual([
        ['REQUEST', null, null],
        ['ADVICE', null, null],
      ]);
    }
    expect(await adviceRefused(practiceAdmin, 'closeAdviceRequest', { ubrn })).toBe('FORBIDDEN');
    expect(
      await adviceRefused(providerAdmin, 'convertAdviceToReferral', {
        ubrn,
        priority: 'ROUTINE',
        comment: 'x',
      }),
    ).toBe('FORBIDDEN');
    // The clinicians still read it all.
    expect((await readAdvice(gp, ubrn)).conversation[1]!.text).toBe(advise.guidance);
  });

  it('records exactly one audit line for every read and write, with the patient and UBRN', async () => {
    const em = server.db.orm.em.fork();
    const linesOf = async (requestId: string) =>
      (await em.fork().find(AuditEvent, { requestId })).map((l) => [
        l.action,
        l.ubrn,
        l.patientId,
        l.role,
      ]);
    const request = () => `advice-${randomUUID()}`;

    const created = request();
    const { ubrn } = (await ask({}, gp, { 'x-request-id': created })).adviceRequest;
    const patientId = places.margaret.id;
    expect(await linesOf(created)).toEqual([
      ['CREATE_ADVICE_REQUEST', ubrn, patientId, 'REFERRING_CLINICIAN'],
    ]);

    const viewed = request();
    await readAdvice(consultant, ubrn, { 'x-request-id': viewed });
    expect(await linesOf(viewed)).toEqual([
      ['VIEW_ADVICE_REQUEST', ubrn, patientId, 'SERVICE_PROVIDER_CLINICIAN'],
    ]);

    const writes: [string, TestSession, keyof typeof ADVICE_MUTATIONS, Record<string, unknown>][] =
      [
        [
          'RESPOND_TO_ADVICE_REQUEST',
          consultant,
          'respondToAdviceRequest',
          {
            outcome: 'REQUIRE_FURTHER_INFORMATION',
            guidance: 'Any chest pain?',
            updatedPriority: 'ROUTINE',
          },
        ],
        ['SEND_FURTHER_INFORMATION', gp, 'sendFurtherInformation', { text: 'None.' }],
        ['RESPOND_TO_ADVICE_REQUEST', consultant, 'respondToAdviceRequest', advise],
        ['CLOSE_ADVICE_REQUEST', gp, 'closeAdviceRequest', {}],
      ];
    for (const [action, who, mutation, input] of writes) {
      const requestId = request();
      await adviceAct(who, mutation, { ubrn, ...input }, { 'x-request-id': requestId });
      const lines = await linesOf(requestId);
      expect(lines).toHaveLength(1);
      expect(lines[0]!.slice(0, 3)).toEqual([action, ubrn, patientId]);
    }
    // A refused write leaves no line of a change.
    const refusedRequest = request();
    await gp.graphql(
      ADVICE_MUTATIONS.closeAdviceRequest,
      { input: { ubrn } },
      { headers: { 'x-request-id': refusedRequest } },
    );
    expect(await linesOf(refusedRequest)).toEqual([]);
    // Nothing the audit trail holds is clinical text.
    const details = (await em.fork().find(AuditEvent, { ubrn })).map((l) =>
      JSON.stringify(l.details),
    );
    expect(details.join(' ')).not.toMatch(/chest|statin|atorvastatin/i);

    // The clinicians of both organisations can see who accessed the request; nobody else.
    const ACCESS_LOG = 'query L($ubrn: String!) { accessLog(ubrn: $ubrn) { action role } }';
    const log = await consultant.graphql<{ accessLog: { action: string; role: string }[] }>(
      ACCESS_LOG,
      { ubrn },
    );
    expect(log.errors).toBeUndefined();
    // (Every line has the test clock's one instant, so compare them in any order.)
    expect(log.data!.accessLog.map((l) => l.action).sort()).toEqual(
      [
        'CREATE_ADVICE_REQUEST',
        'VIEW_ADVICE_REQUEST',
        'RESPOND_TO_ADVICE_REQUEST',
        'SEND_FURTHER_INFORMATION',
        'RESPOND_TO_ADVICE_REQUEST',
        'CLOSE_ADVICE_REQUEST',
      ].sort(),
    );
    expect(codeOf(await otherGp.graphql(ACCESS_LOG, { ubrn }))).toBe('NO_RELATIONSHIP');
  });

  it('a retry with the same idempotency key returns the first result and does nothing twice', async () => {
    const em = server.db.orm.em.fork();
    const key = randomUUID();
    const input = {
      patientId: places.david.id,
      serviceId: places.advice.id,
      priority: 'URGENT',
      request: 'Palpitations on exertion: is an ambulatory ECG needed first?',
      providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
      idempotencyKey: key,
    };
    const before = await em.count(AdviceRequest, {});
    const first = await adviceAct(gp, 'createAdviceRequest', input);
    const retries = await Promise.all(
      [1, 2, 3].map(() => adviceAct(gp, 'createAdviceRequest', input)),
    );
    expect(first.replayed).toBe(false);
    for (const retry of retries) {
      expect(retry).toMatchObject({
        replayed: true,
        adviceRequest: { ubrn: first.adviceRequest.ubrn, version: 1 },
      });
    }
    expect(await em.fork().count(AdviceRequest, {})).toBe(before + 1);
    const misuse = await gp.graphql(ADVICE_MUTATIONS.createAdviceRequest, {
      input: { ...input, priority: 'ROUTINE' },
    });
    expect(codeOf(misuse)).toBe('IDEMPOTENCY_KEY_REUSED');

    // A conversion too: the retry creates no second referral and records a read, not a write.
    const { ubrn } = first.adviceRequest;
    const convertKey = randomUUID();
    const conversion = {
      ubrn,
      priority: 'URGENT',
      comment: 'We will see the patient.',
      idempotencyKey: convertKey,
    };
    const converted = await adviceAct(consultant, 'convertAdviceToReferral', conversion);
    const retryId = `retry-${randomUUID()}`;
    const again = await adviceAct(consultant, 'convertAdviceToReferral', conversion, {
      'x-request-id': retryId,
    });
    expect(again).toMatchObject({
      replayed: true,
      adviceRequest: { state: 'ADVICE_CONVERTED', version: converted.adviceRequest.version },
      referral: { ubrn, version: 1, state: 'TRIAGED_PROVIDER_TO_ACTION' },
    });
    expect(await em.fork().count(Referral, { ubrn })).toBe(1);
    expect(await em.fork().count(AdviceMessage, { adviceRequest: { ubrn } })).toBe(2);
    const retryLines = await em.fork().find(AuditEvent, { requestId: retryId });
    expect(retryLines.map((l) => [l.action, l.details])).toEqual([
      ['VIEW_ADVICE_REQUEST', { replayOf: 'CONVERT_ADVICE_TO_REFERRAL' }],
    ]);
  });
});
