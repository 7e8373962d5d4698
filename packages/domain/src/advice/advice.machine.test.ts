import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../access/index.js';
import { transition as transitionReferral } from '../referral/index.js';
import {
  actors,
  agService,
  bookEvent,
  CONTEXT,
  dbs,
  expectOk,
  GP,
  hoursAfter,
  NOW,
  ras,
  TRUST,
  UBRN,
  type ActorKey,
} from '../test-support/fixtures.js';
import { adviceWorklists } from '../worklists/index.js';
import {
  adviceAccess,
  allowedAdviceActions,
  createAdviceRequest,
  transitionAdvice,
  type CreateAdviceRequestCommand,
} from './advice.machine.js';
import {
  ADVICE_EVENT_TYPES,
  isTerminalAdviceState,
  type AdviceEffect,
  type AdviceEvent,
  type AdviceSnapshot,
} from './advice.types.js';

const command = (
  overrides: Partial<CreateAdviceRequestCommand> = {},
): CreateAdviceRequestCommand => ({
  ubrn: UBRN,
  patientId: 'patient-1',
  priority: 'ROUTINE',
  service: agService(),
  request: 'Is a statin indicated at QRISK 9%?',
  providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
  ...overrides,
});

const created = (overrides: Partial<CreateAdviceRequestCommand> = {}) =>
  expectOk(createAdviceRequest(command(overrides), actors.rc, NOW)).snapshot;

function run(advice: AdviceSnapshot, event: AdviceEvent, who: ActorKey | Actor, now = NOW) {
  const actor = typeof who === 'string' ? actors[who] : who;
  return transitionAdvice(advice, event, actor, now, CONTEXT);
}
const code = (advice: AdviceSnapshot, event: AdviceEvent, who: ActorKey | Actor) => {
  const result = run(advice, event, who);
  return result.ok ? 'OK' : result.error.code;
};
const advise: AdviceEvent = {
  type: 'RESPOND',
  outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
  guidance: 'Yes: start atorvastatin 20 mg.',
  recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
  updatedPriority: 'ROUTINE',
};
const askMore: AdviceEvent = {
  type: 'RESPOND',
  outcome: 'REQUIRE_FURTHER_INFORMATION',
  guidance: 'Please send a lipid profile.',
  updatedPriority: 'ROUTINE',
};
const answered = () => expectOk(run(created(), advise, 'spc')).snapshot;
const lists = (a: AdviceSnapshot) =>
  adviceWorklists(a)
    .map((m) => `${m.worklist}@${m.organisationId}`)
    .sort();

describe('creating an Advice & Guidance request', () => {
  it('sends the question to the provider and puts it on both sides’ worklists', () => {
    const { snapshot, effects } = expectOk(createAdviceRequest(command(), actors.rca, NOW));
    expect(snapshot).toMatchObject({
      state: 'PROVIDER_RESPONSE_REQUIRED',
      version: 1,
      referringClinicianId: 'u-rc',
      messageCount: 1,
    });
    expect(effects).toContainEqual({
      type: 'RECORD_MESSAGE',
      author: 'REFERRER',
      kind: 'REQUEST',
      text: 'Is a statin indicated at QRISK 9%?',
    });
    expect(lists(snapshot)).toEqual([
      `ACTIVE_ADVICE_REQUESTS@${GP}`,
      `ADVICE_AND_GUIDANCE_REQUESTS@${TRUST}`,
    ]);
  });

  it.each([
    ['a bookable service', { service: dbs() }, 'SERVICE_NOT_SUITABLE'],
    ['a triage service', { service: ras() }, 'SERVICE_NOT_SUITABLE'],
    [
      'a priority the service does not take',
      { service: agService('svc-ag', { priorities: ['URGENT'] }) },
      'UNSUPPORTED_PRIORITY',
    ],
    ['an empty question', { request: '  ' }, 'TEXT_REQUIRED'],
    ['a question over 8,000 characters', { request: 'x'.repeat(8001) }, 'TEXT_TOO_LONG'],
    [
      'no answer on conversion',
      { providerConversionAuthorisation: null },
      'CONVERSION_AUTHORISATION_REQUIRED',
    ],
    ['a bad UBRN', { ubrn: 'x' }, 'INVALID_UBRN'],
  ])('refuses %s', (_label, overrides, expected) => {
    expect(createAdviceRequest(command(overrides), actors.rc, NOW)).toMatchObject({
      ok: false,
      error: { code: expected },
    });
  });

  it('accepts a question of exactly 8,000 characters', () => {
    expect(createAdviceRequest(command({ request: 'x'.repeat(8000) }), actors.rc, NOW).ok).toBe(
      true,
    );
  });

  it('refuses admin and provider roles, and a clinician admin naming no clinician', () => {
    for (const who of ['ra', 'spc', 'spa', 'patient'] as const) {
      expect(createAdviceRequest(command(), actors[who], NOW)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(
      createAdviceRequest(command(), { ...actors.rca, onBehalfOfUserId: null }, NOW),
    ).toMatchObject({
      ok: false,
      error: { code: 'ON_BEHALF_OF_REQUIRED' },
    });
  });
});

describe('responding', () => {
  it('returns advice to the referrer with a recommendation and a (possibly new) priority', () => {
    const { snapshot, effects } = expectOk(
      run(created(), { ...advise, updatedPriority: 'URGENT' }, 'spca'),
    );
    expect(snapshot).toMatchObject({
      state: 'REFERRER_TO_REVIEW_RESPONSE',
      priority: 'URGENT',
      recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
      firstRespondedAt: NOW,
      messageCount: 2,
    });
    expect(effects).toEqual(
      expect.arrayContaining<AdviceEffect>([
        {
          type: 'RECORD_MESSAGE',
          author: 'PROVIDER',
          kind: 'ADVICE',
          text: 'Yes: start atorvastatin 20 mg.',
        },
        {
          type: 'TAKE_OFF_WORKLIST',
          worklist: 'ADVICE_AND_GUIDANCE_REQUESTS',
          organisationId: TRUST,
        },
      ]),
    );
  });

  it('asks the referrer for more information', () => {
    expect(expectOk(run(created(), askMore, 'spc')).snapshot.state).toBe(
      'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
    );
  });

  it.each([
    [
      'advice without a recommendation',
      { ...advise, recommendation: null },
      'RECOMMENDATION_REQUIRED',
    ],
    ['no guidance', { ...advise, guidance: '' }, 'TEXT_REQUIRED'],
    ['guidance over 8,000 characters', { ...advise, guidance: 'x'.repeat(8001) }, 'TEXT_TOO_LONG'],
    ['no updated priority', { ...advise, updatedPriority: undefined as never }, 'INVALID_PRIORITY'],
    ['no outcome', { ...advise, outcome: '' as never }, 'REASON_REQUIRED'],
    ['an unknown outcome', { ...advise, outcome: 'SHRUG' as never }, 'INVALID_CODE'],
  ])('refuses %s', (_label, event, expected) => {
    expect(code(created(), event as AdviceEvent, 'spc')).toBe(expected);
  });

  it('refuses admin roles, other providers and responding out of turn', () => {
    expect(code(created(), advise, 'spa')).toBe('FORBIDDEN');
    expect(code(created(), advise, 'otherSpc')).toBe('NO_RELATIONSHIP');
    expect(code(answered(), advise, 'spc')).toBe('INVALID_REQUEST_STATE');
    expect(code(created(), advise, { ...actors.spca, onBehalfOfUserId: null })).toBe(
      'ON_BEHALF_OF_REQUIRED',
    );
  });

  it('shows the conversation only to clinicians of the two organisations', () => {
    expect(adviceAccess(created(), actors.spc)).toBe('CLINICAL');
    expect(adviceAccess(created(), actors.spa)).toBe('ADMINISTRATIVE');
    expect(adviceAccess(created(), actors.otherSpc)).toBe('NONE');
  });
});

describe('the referrer’s turn', () => {
  it('sends further information back to the provider', () => {
    const asked = expectOk(run(created(), askMore, 'spc')).snapshot;
    const { snapshot } = expectOk(
      run(asked, { type: 'SEND_FURTHER_INFORMATION', text: 'LDL 4.1' }, 'rc'),
    );
    expect(snapshot.state).toBe('PROVIDER_RESPONSE_REQUIRED');
    expect(code(asked, { type: 'SEND_FURTHER_INFORMATION', text: '' }, 'rc')).toBe('TEXT_REQUIRED');
  });

  it('closes the conversation once the advice is enough', () => {
    const { snapshot, effects } = expectOk(run(answered(), { type: 'CLOSE' }, 'rc'));
    expect(snapshot.state).toBe('CONVERSATION_ENDED_CLOSED');
    expect(effects).toContainEqual({
      type: 'TAKE_OFF_WORKLIST',
      worklist: 'ACTIVE_ADVICE_REQUESTS',
      organisationId: GP,
    });
    expect(code(created(), { type: 'CLOSE' }, 'rc')).toBe('INVALID_REQUEST_STATE');
  });

  it('cancels an open request', () => {
    expect(
      expectOk(run(created(), { type: 'CANCEL', comment: 'Seen privately' }, 'rca')).snapshot.state,
    ).toBe('CONVERSATION_ENDED_CANCELLED');
    expect(code(created(), { type: 'CANCEL' }, 'spc')).toBe('FORBIDDEN');
  });
});

describe('converting advice into a referral', () => {
  it('lets the provider convert when authorised, onto its Appointments for Booking on the same UBRN', () => {
    const { snapshot, effects } = expectOk(
      run(
        created(),
        { type: 'CONVERT_TO_REFERRAL', priority: 'URGENT', comment: 'Needs echo; we will book' },
        'spc',
      ),
    );
    expect(snapshot.state).toBe('ADVICE_CONVERTED');
    const create = effects.find((e) => e.type === 'CREATE_REFERRAL');
    expect(create?.type === 'CREATE_REFERRAL' && create.referral).toMatchObject({
      ubrn: UBRN,
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      priority: 'URGENT',
      convertedFromAdvice: true,
      acceptedByOrganisationId: TRUST,
      providerOrganisationIds: [TRUST],
    });
    expect(create?.type === 'CREATE_REFERRAL' && create.effects).toContainEqual({
      type: 'PUT_ON_WORKLIST',
      worklist: 'APPOINTMENTS_FOR_BOOKING',
      organisationId: TRUST,
    });
    // The provider's admin team can then book it into one of its clinics, accepted.
    if (create?.type !== 'CREATE_REFERRAL') throw new Error('no referral');
    const booked = transitionReferral(create.referral, bookEvent(), actors.spa, NOW, CONTEXT);
    expect(booked.ok && booked.value.snapshot.state).toBe('ACCEPTED');
  });

  it('refuses a provider conversion the referrer did not authorise, or without a comment', () => {
    const unauthorised = created({ providerConversionAuthorisation: 'NOT_AUTHORISED_TO_CONVERT' });
    expect(
      code(unauthorised, { type: 'CONVERT_TO_REFERRAL', priority: 'ROUTINE', comment: 'x' }, 'spc'),
    ).toBe('NOT_AUTHORISED_TO_CONVERT');
    expect(allowedAdviceActions(unauthorised, actors.spc, NOW).map((a) => a.type)).toEqual([
      'RESPOND',
    ]);
    expect(code(created(), { type: 'CONVERT_TO_REFERRAL', priority: 'ROUTINE' }, 'spc')).toBe(
      'COMMENT_REQUIRED',
    );
  });

  it('lets the referrer convert after reading the advice, whatever the authorisation', () => {
    const unauthorisedAnswered = expectOk(
      run(created({ providerConversionAuthorisation: 'NOT_AUTHORISED_TO_CONVERT' }), advise, 'spc'),
    ).snapshot;
    const { snapshot, effects } = expectOk(
      run(
        unauthorisedAnswered,
        { type: 'CONVERT_TO_REFERRAL', priority: 'ROUTINE', shortlist: [dbs()] },
        'rca',
      ),
    );
    expect(snapshot.state).toBe('ADVICE_CONVERTED');
    const create = effects.find((e) => e.type === 'CREATE_REFERRAL');
    expect(create?.type === 'CREATE_REFERRAL' && create.referral).toMatchObject({
      ubrn: UBRN,
      state: 'NOT_BOOKED',
      convertedFromAdvice: true,
      referringClinicianId: 'u-rc',
    });
    expect(
      code(
        unauthorisedAnswered,
        { type: 'CONVERT_TO_REFERRAL', priority: 'ROUTINE', shortlist: [] },
        'rc',
      ),
    ).toBe('SHORTLIST_EMPTY');
  });
});

describe('advice machine properties', () => {
  const ACTORS: readonly Actor[] = Object.values(actors);
  const eventArb: fc.Arbitrary<AdviceEvent> = fc.oneof(
    fc.record({
      type: fc.constant('RESPOND' as const),
      outcome: fc.constantFrom(
        'RETURN_TO_REFERRER_WITH_ADVICE',
        'REQUIRE_FURTHER_INFORMATION',
        'NOPE',
      ) as fc.Arbitrary<never>,
      guidance: fc.constantFrom('', 'Advice', 'x'.repeat(8001)),
      recommendation: fc.constantFrom(null, 'REFERRAL_RECOMMENDED', 'OTHER') as fc.Arbitrary<never>,
      updatedPriority: fc.constantFrom('ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'),
    }),
    fc.record({
      type: fc.constant('SEND_FURTHER_INFORMATION' as const),
      text: fc.constantFrom('', 'More info'),
    }),
    fc.constant({ type: 'CLOSE' as const }),
    fc.record({
      type: fc.constant('CANCEL' as const),
      comment: fc.constantFrom(undefined, 'done'),
    }),
    fc.record({
      type: fc.constant('CONVERT_TO_REFERRAL' as const),
      priority: fc.constantFrom('ROUTINE', 'URGENT'),
      comment: fc.constantFrom(undefined, 'Converting'),
      shortlist: fc.constantFrom(undefined, [], [dbs()], [dbs(), ras()]),
    }),
  );
  const runArb = fc.tuple(
    fc.constantFrom(
      'AUTHORISED_TO_CONVERT',
      'NOT_AUTHORISED_TO_CONVERT',
    ) as fc.Arbitrary<'AUTHORISED_TO_CONVERT'>,
    fc.array(fc.tuple(eventArb, fc.constantFrom(...ACTORS)), { maxLength: 25 }),
  );

  it('never leaves a terminal state, and accepts exactly what allowedAdviceActions offers', () => {
    fc.assert(
      fc.property(runArb, ([authorisation, attempts]) => {
        let advice = created({ providerConversionAuthorisation: authorisation });
        let now = NOW;
        for (const [event, actor] of attempts) {
          now = hoursAfter(now, 1);
          const offered = allowedAdviceActions(advice, actor, now).map((a) => a.type);
          const result = transitionAdvice(advice, event, actor, now, CONTEXT);
          if (!offered.includes(event.type)) expect(result.ok).toBe(false);
          if (!result.ok) continue;
          if (isTerminalAdviceState(advice.state))
            expect(result.value.snapshot.state).toBe(advice.state);
          expect(result.value.snapshot.version).toBe(advice.version + 1);
          advice = result.value.snapshot;
        }
        if (isTerminalAdviceState(advice.state)) {
          for (const actor of ACTORS) expect(allowedAdviceActions(advice, actor, now)).toEqual([]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('offers every advice event to someone at some point', () => {
    const seen = new Set<string>();
    for (const state of ['fresh', 'answered', 'asked'] as const) {
      const advice =
        state === 'fresh'
          ? created()
          : state === 'answered'
            ? answered()
            : expectOk(run(created(), askMore, 'spc')).snapshot;
      for (const actor of ACTORS)
        for (const a of allowedAdviceActions(advice, actor, NOW)) seen.add(a.type);
    }
    expect([...seen].sort()).toEqual([...ADVICE_EVENT_TYPES].sort());
  });
});
