import { describe, expect, it } from 'vitest';
import { hasLegitimateRelationship } from '../access/index.js';
import { reasonsUsableBy } from '../reference/index.js';
import { offeredAction, validEventFor } from '../test-support/events.js';
import {
  actors,
  AFTER_APPOINTMENT,
  apply,
  bookEvent,
  cas,
  CONTEXT,
  createCommand,
  dbs,
  daysAfter,
  expectOk,
  freeSlot,
  GP,
  hoursAfter,
  ibs,
  newReferral,
  NO_LETTER_TO_FOLLOW,
  NOW,
  OPEN_POLICY,
  OTHER_TRUST,
  ras,
  referralIn,
  TRUST,
  UBRN,
  withLetter,
  type ActorKey,
} from '../test-support/fixtures.js';
import {
  allowedActions,
  createReferral,
  REFERRAL_TRANSITIONS,
  transition,
} from './referral.machine.js';
import {
  REFERRAL_EVENT_TYPES,
  REFERRAL_STATES,
  type ReferralEffect,
  type ReferralEvent,
  type ReferralEventType,
  type ReferralSnapshot,
  type ReferralState,
} from './referral.types.js';

/** Runs an event and returns the refusal's code, or 'OK'. */
function outcome(
  snapshot: ReferralSnapshot,
  event: ReferralEvent,
  actor: ActorKey,
  now = NOW,
): string {
  const result = transition(snapshot, event, actors[actor], now, CONTEXT);
  return result.ok ? 'OK' : result.error.code;
}

const effectTypes = (effects: readonly ReferralEffect[]) => effects.map((e) => e.type);
const worklistMoves = (effects: readonly ReferralEffect[]) =>
  effects
    .filter((e) => e.type === 'PUT_ON_WORKLIST' || e.type === 'TAKE_OFF_WORKLIST')
    .map(
      (e) =>
        `${e.type === 'PUT_ON_WORKLIST' ? '+' : '-'}${'worklist' in e ? e.worklist : ''}@${'organisationId' in e ? e.organisationId : ''}`,
    )
    .sort();

// ---------------------------------------------------------------------------------------------
// T1: create
// ---------------------------------------------------------------------------------------------

describe('T1 create a referral', () => {
  it('creates a NOT_BOOKED referral at version 1 with the letter-due clock running', () => {
    const { snapshot, effects } = expectOk(
      createReferral(createCommand(), actors.rc, NOW, CONTEXT),
    );
    expect(snapshot).toMatchObject({
      ubrn: UBRN,
      version: 1,
      state: 'NOT_BOOKED',
      referringOrganisationId: GP,
      referringClinicianId: 'u-rc',
      providerOrganisationIds: [],
      letterStatus: 'NEED_TO_ADD_LATER',
      letterDueDate: '2026-03-11',
      pathwayStart: '2026-03-10',
    });
    expect(effects).toContainEqual({
      type: 'START_LETTER_DUE_CLOCK',
      dueDate: '2026-03-11',
      dueAt: new Date('2026-03-12T00:00:00Z'),
    });
    expect(worklistMoves(effects)).toEqual([
      `+AWAITING_BOOKING@${GP}`,
      `+LETTERS_OUTSTANDING@${GP}`,
    ]);
  });

  it('records the clinician a clinician admin acts for', () => {
    const { snapshot } = expectOk(createReferral(createCommand(), actors.rca, NOW, CONTEXT));
    expect(snapshot.referringClinicianId).toBe('u-rc');
  });

  it('refuses a clinician admin who names no clinician', () => {
    const result = createReferral(
      createCommand(),
      { ...actors.rca, onBehalfOfUserId: null },
      NOW,
      CONTEXT,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'ON_BEHALF_OF_REQUIRED' } });
  });

  it.each(['ra', 'spc', 'spa', 'patient', 'commissioner'] as const)(
    'refuses to let %s create a referral',
    (who) => {
      expect(createReferral(createCommand(), actors[who], NOW, CONTEXT)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    },
  );

  it.each([
    ['an empty shortlist', { shortlist: [] }, 'SHORTLIST_EMPTY'],
    [
      '21 services',
      { shortlist: Array.from({ length: 21 }, (_, i) => dbs(`s${i}`)) },
      'TOO_MANY_ITEMS',
    ],
    ['a duplicate service', { shortlist: [dbs(), dbs()] }, 'DUPLICATE_SERVICE'],
    [
      'a priority a service does not accept',
      { shortlist: [dbs('s', { priorities: ['ROUTINE'] })] },
      'UNSUPPORTED_PRIORITY',
    ],
    [
      'an advice service',
      { shortlist: [dbs('s', { requestFlow: 'ADVICE_AND_GUIDANCE_REQUEST' })] },
      'SERVICE_NOT_SUITABLE',
    ],
    ['a patient with no registered GP', { patientHasRegisteredGp: false }, 'NO_REG_GP_PRACTICE'],
    ['a malformed UBRN', { ubrn: '1234' }, 'INVALID_UBRN'],
    ['an unknown priority', { priority: 'SOON' as never }, 'INVALID_PRIORITY'],
    ['a pathway start in the future', { pathwayStart: '2026-03-11' }, 'INVALID_PATHWAY_START'],
    ['a pathway start over 365 days ago', { pathwayStart: '2025-03-09' }, 'INVALID_PATHWAY_START'],
    ['a pathway start that is not a date', { pathwayStart: '2026-02-30' }, 'INVALID_PATHWAY_START'],
  ])('refuses %s', (_label, overrides, code) => {
    expect(createReferral(createCommand(overrides), actors.rc, NOW, CONTEXT)).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('allows 20 services and a pathway start exactly 365 days ago', () => {
    const shortlist = Array.from({ length: 20 }, (_, i) => dbs(`s${i}`));
    expect(
      createReferral(
        createCommand({ shortlist, pathwayStart: '2025-03-10' }),
        actors.rc,
        NOW,
        CONTEXT,
      ).ok,
    ).toBe(true);
  });

  it('warns about a single triage service for an urgent referral, but allows it', () => {
    const result = expectOk(
      createReferral(createCommand({ shortlist: [ras()] }), actors.rc, NOW, CONTEXT),
    );
    expect(result.warnings).toEqual(['SINGLE_TRIAGE_SERVICE_FOR_URGENT_REFERRAL']);
    const routine = expectOk(
      createReferral(
        createCommand({ shortlist: [ras()], priority: 'ROUTINE' }),
        actors.rc,
        NOW,
        CONTEXT,
      ),
    );
    expect(routine.warnings).toEqual([]);
  });

  it('lets a provider clinician create an onward referral, with its organisation as referrer', () => {
    const { snapshot } = expectOk(
      createReferral(
        createCommand({ ubrn: '000000070000', parentUbrn: UBRN }),
        actors.spc,
        NOW,
        CONTEXT,
      ),
    );
    expect(snapshot).toMatchObject({ referringOrganisationId: TRUST, parentUbrn: UBRN });
  });
});

// ---------------------------------------------------------------------------------------------
// The transition table: every (event, actor, state), written out independently of the machine.
// ---------------------------------------------------------------------------------------------

const S = (...states: ReferralState[]) => states;
const REF_UNBOOKED = S(
  'NOT_BOOKED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'TRIAGE_RESPONSE',
  'REJECTED',
  'DID_NOT_ATTEND',
);
const PATIENT_UNBOOKED = S('NOT_BOOKED', 'APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER');
const PROVIDER_BOOK = S(
  'DEFERRED_TO_PROVIDER',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
);
const PROVIDER_DEFER = S(
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
);
const BOOKED = S('BOOKED', 'ACCEPTED');
const NON_TERMINAL = REFERRAL_STATES.filter((s) => s !== 'CANCELLED_REFERRAL');
const PROVIDER_HOLDS = S(
  'BOOKED',
  'ACCEPTED',
  'DEFERRED_TO_PROVIDER',
  'AWAITING_TRIAGE',
  'TRIAGED_PROVIDER_TO_ACTION',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'DID_NOT_ATTEND',
  'ASSESSMENT_RESULT',
);

/**
 * For every event: the roles that may ever make it, and the fixture states each may make it
 * from. Events whose other guards fail for every standard fixture (assessment needs a clinical
 * assessment service; PAS confirmation needs a pending cancellation) are covered further down.
 */
const TABLE: Record<
  ReferralEventType,
  { roles: ActorKey[]; from: Partial<Record<ActorKey, ReferralState[]>> }
> = {
  BOOK: {
    roles: ['rc', 'rca', 'ra', 'patient', 'spc', 'spca', 'spa', 'paa'],
    from: {
      rc: REF_UNBOOKED,
      rca: REF_UNBOOKED,
      ra: REF_UNBOOKED,
      patient: PATIENT_UNBOOKED,
      spc: [...PROVIDER_BOOK, 'AWAITING_TRIAGE'],
      spca: [...PROVIDER_BOOK, 'AWAITING_TRIAGE'],
      spa: PROVIDER_BOOK,
      paa: PROVIDER_BOOK,
    },
  },
  DEFER_TO_PROVIDER: {
    roles: ['rc', 'rca', 'ra', 'patient', 'spc', 'spca', 'spa'],
    from: {
      rc: REF_UNBOOKED,
      rca: REF_UNBOOKED,
      ra: REF_UNBOOKED,
      patient: PATIENT_UNBOOKED,
      spc: PROVIDER_DEFER,
      spca: PROVIDER_DEFER,
      spa: PROVIDER_DEFER,
    },
  },
  SEND_FOR_TRIAGE: { roles: ['rc', 'rca'], from: { rc: REF_UNBOOKED, rca: REF_UNBOOKED } },
  ACCEPT: { roles: ['spc', 'spca'], from: { spc: S('BOOKED'), spca: S('BOOKED') } },
  REJECT: { roles: ['spc', 'spca'], from: { spc: S('BOOKED'), spca: S('BOOKED') } },
  CANCEL_APPOINTMENT_ACTION_LATER: { roles: ['spc', 'spca'], from: { spc: BOOKED, spca: BOOKED } },
  RECORD_TRIAGE_OUTCOME: {
    roles: ['spc', 'spca'],
    from: {
      spc: S('AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER'),
      spca: S('AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER'),
    },
  },
  CANCEL_APPOINTMENT: {
    roles: ['rc', 'rca', 'ra', 'patient', 'spc', 'spca', 'spa', 'paa'],
    from: {
      rc: BOOKED,
      rca: BOOKED,
      ra: BOOKED,
      patient: BOOKED,
      spc: BOOKED,
      spca: BOOKED,
      spa: BOOKED,
      paa: BOOKED,
    },
  },
  RECORD_DID_NOT_ATTEND: {
    roles: ['spc', 'spca', 'spa', 'paa'],
    from: { spc: BOOKED, spca: BOOKED, spa: BOOKED, paa: BOOKED },
  },
  RECORD_ASSESSMENT_OUTCOME: { roles: ['spc', 'spca'], from: {} },
  CANCEL_REFERRAL: {
    roles: ['rc', 'rca', 'spc', 'spca'],
    from: { rc: NON_TERMINAL, rca: NON_TERMINAL, spc: PROVIDER_HOLDS, spca: PROVIDER_HOLDS },
  },
  CHANGE_SHORTLIST: { roles: ['rc', 'rca'], from: { rc: REF_UNBOOKED, rca: REF_UNBOOKED } },
  ATTACH_REFERRAL_LETTER: { roles: ['rc', 'rca'], from: { rc: NON_TERMINAL, rca: NON_TERMINAL } },
  CREATE_ONWARD_REFERRAL: {
    roles: ['spc', 'spca'],
    from: {
      spc: S('BOOKED', 'ACCEPTED', 'ASSESSMENT_RESULT'),
      spca: S('BOOKED', 'ACCEPTED', 'ASSESSMENT_RESULT'),
    },
  },
  CONFIRM_PAS_CANCELLATION: { roles: ['spc', 'spca', 'spa'], from: {} },
  ACKNOWLEDGE: {
    roles: ['rc', 'rca', 'ra'],
    from: { rc: S('ASSESSMENT_RESULT'), rca: S('ASSESSMENT_RESULT'), ra: S('ASSESSMENT_RESULT') },
  },
};

const MATRIX_ACTORS: ActorKey[] = [
  'rc',
  'rca',
  'ra',
  'patient',
  'spc',
  'spca',
  'spa',
  'paa',
  'sd',
  'commissioner',
  'analyst',
  'otherRc',
  'otherSpc',
];

/** A plausible event of each type, so refusals can be checked through `transition` too. */
function sampleEvent(type: ReferralEventType, snapshot: ReferralSnapshot): ReferralEvent {
  const action = offeredAction(type, {
    reasons:
      (
        {
          REJECT: ['SERVICE_INAPPROPRIATE'],
          RECORD_TRIAGE_OUTCOME: ['ACCEPT_REFER_BOOK_LATER'],
          CANCEL_APPOINTMENT: ['PATIENT_ILL'],
          RECORD_DID_NOT_ATTEND: ['PATIENT_FORGOT'],
          RECORD_ASSESSMENT_OUTCOME: ['TREATED_AND_DISCHARGED'],
          CANCEL_REFERRAL: ['RAISED_IN_ERROR'],
        } as Partial<Record<ReferralEventType, string[]>>
      )[type] ?? [],
    serviceIds: type === 'SEND_FOR_TRIAGE' ? ['svc-ras'] : ['svc-dbs'],
  });
  return validEventFor(action, snapshot, actors.rc, NOW);
}

describe('the transition table', () => {
  // Referrals with nothing outstanding: the letter guard on ACCEPT is tested on its own below.
  const fixtures = new Map(
    REFERRAL_STATES.map((state) => [state, referralIn(state, NO_LETTER_TO_FOLLOW)]),
  );

  it('has a fixture in every state', () => {
    for (const [state, snapshot] of fixtures) expect(snapshot.state).toBe(state);
  });

  it('is written down for every event type', () => {
    expect(Object.keys(REFERRAL_TRANSITIONS).sort()).toEqual([...REFERRAL_EVENT_TYPES].sort());
  });

  for (const type of REFERRAL_EVENT_TYPES) {
    describe(type, () => {
      const row = TABLE[type];
      for (const who of MATRIX_ACTORS) {
        it(`${who}: offered exactly from ${JSON.stringify(row.from[who] ?? [])}`, () => {
          for (const [state, snapshot] of fixtures) {
            const expected = (row.from[who] ?? []).includes(state);
            const offered = allowedActions(snapshot, actors[who], AFTER_APPOINTMENT).some(
              (a) => a.type === type,
            );
            expect(offered, `${type} by ${who} in ${state}`).toBe(expected);
            if (expected) continue;
            const code = outcome(snapshot, sampleEvent(type, snapshot), who, AFTER_APPOINTMENT);
            const visible = hasLegitimateRelationship(snapshot, actors[who]);
            const expectedCodes = !visible
              ? ['NO_RELATIONSHIP']
              : !row.roles.includes(who)
                ? ['FORBIDDEN']
                : ['INVALID_REQUEST_STATE', 'SERVICE_NOT_SUITABLE'];
            expect(expectedCodes, `${type} by ${who} in ${state} gave ${code}`).toContain(code);
          }
        });
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Row by row: the allowed case, its effects, and every way it is refused.
// ---------------------------------------------------------------------------------------------

describe('T2 book', () => {
  it('books a free slot at a shortlisted directly bookable service', () => {
    const { snapshot, effects } = apply(newReferral(), bookEvent(), actors.rc);
    expect(snapshot).toMatchObject({
      state: 'BOOKED',
      version: 2,
      providerOrganisationIds: [TRUST],
    });
    expect(snapshot.appointment).toMatchObject({
      serviceId: 'svc-dbs',
      status: 'BOOKED',
      slotId: 'slot-1',
    });
    expect(effects).toContainEqual({ type: 'BOOK_SLOT', slotId: 'slot-1', serviceId: 'svc-dbs' });
    expect(effectTypes(effects)).toContain('NEW_APPOINTMENT');
    expect(worklistMoves(effects)).toEqual([
      `+REFERRALS_FOR_REVIEW@${TRUST}`,
      `-AWAITING_BOOKING@${GP}`,
    ]);
  });

  it('books an indirectly bookable service without a slot', () => {
    const { snapshot } = apply(newReferral(), bookEvent({ service: ibs(), slot: null }), actors.ra);
    expect(snapshot.appointment).toMatchObject({
      bookableType: 'INDIRECTLY_BOOKABLE',
      slotId: null,
      start: null,
    });
  });

  it('lets the patient book for themselves', () => {
    expect(apply(newReferral(), bookEvent(), actors.patient).snapshot.state).toBe('BOOKED');
  });

  it('refuses a service that is not on the shortlist', () => {
    expect(outcome(newReferral(), bookEvent({ service: dbs('svc-elsewhere') }), 'rc')).toBe(
      'SERVICE_NOT_ON_SHORTLIST',
    );
  });

  it('refuses to book a triage service', () => {
    expect(outcome(newReferral(), bookEvent({ service: ras(), slot: null }), 'rc')).toBe(
      'SERVICE_NOT_SUITABLE',
    );
  });

  it('refuses a service that does not accept the priority', () => {
    // The directory changed after shortlisting: the bookable service dropped urgent referrals.
    const snapshot = {
      ...newReferral(),
      shortlist: [dbs('svc-dbs', { priorities: ['ROUTINE'] }), ibs()],
    };
    expect(outcome(snapshot, bookEvent(), 'rc')).toBe('UNSUPPORTED_PRIORITY');
    expect(
      allowedActions(snapshot, actors.rc, NOW).find((a) => a.type === 'BOOK')?.serviceIds,
    ).toEqual(['svc-ibs']);
  });

  it('is not offered when no shortlisted service can be booked for the priority', () => {
    const snapshot = { ...newReferral(), shortlist: [dbs('svc-dbs', { priorities: ['ROUTINE'] })] };
    expect(allowedActions(snapshot, actors.rc, NOW).map((a) => a.type)).not.toContain('BOOK');
    expect(outcome(snapshot, bookEvent(), 'rc')).toBe('SERVICE_NOT_SUITABLE');
  });

  it('refuses to book a directly bookable service without a slot', () => {
    expect(outcome(newReferral(), bookEvent({ slot: null }), 'rc')).toBe('SLOT_REQUIRED');
  });

  it('refuses a slot for an indirectly bookable service', () => {
    expect(outcome(newReferral(), bookEvent({ service: ibs() }), 'rc')).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['already booked', { status: 'BOOKED' as const }],
    [
      'held for another referral',
      { status: 'HELD' as const, heldUntil: hoursAfter(NOW, 1), heldForUbrn: '000000000001' },
    ],
    ['in the past', { start: hoursAfter(NOW, -1) }],
    ['for another priority', { priorities: ['ROUTINE' as const] }],
    ['at another service', { serviceId: 'svc-ibs' }],
    ['still reserved for the provider', { publishedAt: hoursAfter(NOW, -2) }],
  ])('refuses a slot that is %s', (_label, slotOverrides) => {
    const event = bookEvent({
      slot: freeSlot(slotOverrides),
      bookingPolicy: { windows: {}, reservationDays: 1 },
    });
    expect(outcome(newReferral(), event, 'rc')).toBe('SLOT_NOT_AVAILABLE');
  });

  it('refuses a slot outside the priority’s booking window for a referrer, but lets the provider book it', () => {
    const policy = {
      windows: { URGENT: { opensHoursAhead: 72, closesDaysAhead: 14 } },
      reservationDays: 0,
    };
    const soon = freeSlot({ start: hoursAfter(NOW, 24) });
    expect(outcome(newReferral(), bookEvent({ slot: soon, bookingPolicy: policy }), 'rc')).toBe(
      'SLOT_NOT_AVAILABLE',
    );
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    expect(outcome(deferred, bookEvent({ slot: soon, bookingPolicy: policy }), 'spa')).toBe('OK');
  });

  it('books a slot held for this referral', () => {
    const held = freeSlot({ status: 'HELD', heldUntil: hoursAfter(NOW, 0.1), heldForUbrn: UBRN });
    expect(outcome(newReferral(), bookEvent({ slot: held }), 'rc')).toBe('OK');
  });

  it('refuses a stale version', () => {
    expect(outcome(newReferral(), { ...bookEvent(), expectedVersion: 7 }, 'rc')).toBe(
      'STALE_VERSION',
    );
    expect(outcome(newReferral(), { ...bookEvent(), expectedVersion: 1 }, 'rc')).toBe('OK');
  });

  it('refuses someone with no relationship before saying anything else', () => {
    expect(outcome(newReferral(), { ...bookEvent(), expectedVersion: 7 }, 'otherRc')).toBe(
      'NO_RELATIONSHIP',
    );
    expect(outcome(newReferral(), bookEvent(), 'spc')).toBe('NO_RELATIONSHIP');
  });

  it('goes straight to ACCEPTED when rebooked with a provider that already accepted it', () => {
    const cancelled = apply(
      referralIn('ACCEPTED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_ILL' },
      actors.patient,
    ).snapshot;
    const rebooked = apply(
      cancelled,
      bookEvent({ slot: freeSlot({ id: 'slot-2' }) }),
      actors.patient,
    );
    expect(rebooked.snapshot.state).toBe('ACCEPTED');
    expect(worklistMoves(rebooked.effects)).not.toContain(`+REFERRALS_FOR_REVIEW@${TRUST}`);
  });

  it('needs a fresh review when rebooked with a different provider', () => {
    const otherDbs = dbs('svc-other', { providerOrganisationId: OTHER_TRUST });
    const created = newReferral({ shortlist: [dbs(), otherDbs], ...NO_LETTER_TO_FOLLOW });
    const accepted = apply(
      apply(created, bookEvent(), actors.rc).snapshot,
      { type: 'ACCEPT' },
      actors.spc,
    ).snapshot;
    const cancelled = apply(
      accepted,
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_PREFERS_ANOTHER_SERVICE' },
      actors.rc,
    ).snapshot;
    const rebooked = apply(
      cancelled,
      bookEvent({ service: otherDbs, slot: freeSlot({ serviceId: 'svc-other' }) }),
      actors.rc,
    );
    expect(rebooked.snapshot.state).toBe('BOOKED');
    expect(rebooked.snapshot.providerOrganisationIds).toEqual([TRUST, OTHER_TRUST]);
  });
});

describe('T3 defer to provider', () => {
  const defer = (
    overrides: Partial<Extract<ReferralEvent, { type: 'DEFER_TO_PROVIDER' }>> = {},
  ): ReferralEvent => ({
    type: 'DEFER_TO_PROVIDER',
    service: dbs(),
    bookableSlotsAvailable: false,
    ...overrides,
  });

  it('defers when the service has no bookable slots, with a contact-by date and an ASI entry', () => {
    const { snapshot, effects } = apply(newReferral(), defer(), actors.rc);
    expect(snapshot).toMatchObject({
      state: 'DEFERRED_TO_PROVIDER',
      stateReason: 'NO_SLOTS_AT_SERVICE',
      patientContactBy: '2026-03-24', // urgent: 10 working days
      providerOrganisationIds: [TRUST],
    });
    expect(snapshot.appointment).toMatchObject({
      status: 'PROPOSED',
      proposalReason: 'NO_SLOTS_AT_SERVICE',
    });
    expect(effects).toContainEqual({
      type: 'START_PATIENT_CONTACT_CLOCK',
      contactBy: '2026-03-24',
      passedAt: new Date('2026-03-25T00:00:00Z'),
    });
    expect(worklistMoves(effects)).toEqual([`+APPOINTMENT_SLOT_ISSUES@${TRUST}`]);
  });

  it('refuses to defer while slots are available', () => {
    expect(outcome(newReferral(), defer({ bookableSlotsAvailable: true }), 'rc')).toBe(
      'SLOTS_CURRENTLY_AVAILABLE',
    );
  });

  it.each(['SLOT_NOT_AVAILABLE', 'BOOKING_ATTEMPT_PROBLEM'] as const)(
    'defers after a failed booking attempt (%s) even though slots exist',
    (failure) => {
      const { snapshot } = apply(
        newReferral(),
        defer({ bookableSlotsAvailable: true, bookingAttemptFailure: failure }),
        actors.rc,
      );
      expect(snapshot.stateReason).toBe(failure);
    },
  );

  it('refuses to defer to an indirectly bookable or triage service', () => {
    expect(outcome(newReferral(), defer({ service: ibs() }), 'rc')).toBe('SERVICE_NOT_SUITABLE');
    expect(outcome(newReferral(), defer({ service: ras() }), 'rc')).toBe('SERVICE_NOT_SUITABLE');
  });

  it('refuses a service off the shortlist for a referrer', () => {
    expect(outcome(newReferral(), defer({ service: dbs('svc-x') }), 'rc')).toBe(
      'SERVICE_NOT_ON_SHORTLIST',
    );
  });

  it('is not offered when the shortlist has no directly bookable service', () => {
    const onlyPhone = newReferral({ shortlist: [ibs()] });
    expect(allowedActions(onlyPhone, actors.rc, NOW).map((a) => a.type)).not.toContain(
      'DEFER_TO_PROVIDER',
    );
    expect(outcome(onlyPhone, defer({ service: ibs() }), 'rc')).toBe('SERVICE_NOT_SUITABLE');
  });

  it('lets a provider defer only into its own services', () => {
    const toAction = referralIn('TRIAGED_PROVIDER_TO_ACTION');
    const elsewhere = dbs('svc-x', { providerOrganisationId: OTHER_TRUST });
    expect(
      outcome(
        toAction,
        defer({ service: elsewhere, redirectReason: 'REDIRECTED_OTHER', comment: 'x' }),
        'spa',
      ),
    ).toBe('SERVICE_NOT_SUITABLE');
    expect(outcome(toAction, defer(), 'spa')).toBe('OK');
  });

  it('refuses an overlong comment', () => {
    expect(outcome(newReferral(), defer({ comment: 'x'.repeat(2001) }), 'rc')).toBe(
      'COMMENT_TOO_LONG',
    );
    expect(outcome(newReferral(), defer({ comment: 'x'.repeat(2000) }), 'rc')).toBe('OK');
  });
});

describe('T4 send for triage', () => {
  it('sends to a shortlisted triage service with the triage contact days', () => {
    const { snapshot, effects } = apply(
      newReferral(),
      { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-ras' },
      actors.rc,
    );
    expect(snapshot).toMatchObject({ state: 'AWAITING_TRIAGE', patientContactBy: '2026-03-17' });
    expect(worklistMoves(effects)).toEqual([`+REFERRALS_FOR_REVIEW@${TRUST}`]);
  });

  it('refuses a service that is not a triage service, or not shortlisted', () => {
    expect(outcome(newReferral(), { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-dbs' }, 'rc')).toBe(
      'SERVICE_NOT_SUITABLE',
    );
    expect(outcome(newReferral(), { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-x' }, 'rc')).toBe(
      'SERVICE_NOT_ON_SHORTLIST',
    );
  });

  it('is not offered without a triage service on the shortlist', () => {
    const snapshot = newReferral({ shortlist: [dbs()] });
    expect(allowedActions(snapshot, actors.rc, NOW).map((a) => a.type)).not.toContain(
      'SEND_FOR_TRIAGE',
    );
  });

  it('refuses a referring admin: sending for triage is a clinical decision', () => {
    expect(outcome(newReferral(), { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-ras' }, 'ra')).toBe(
      'FORBIDDEN',
    );
  });
});

describe('T5 accept', () => {
  it('accepts a booked referral and takes it off Referrals for Review', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED', NO_LETTER_TO_FOLLOW),
      { type: 'ACCEPT' },
      actors.spca,
    );
    expect(snapshot).toMatchObject({ state: 'ACCEPTED', acceptedByOrganisationId: TRUST });
    expect(worklistMoves(effects)).toEqual([`-REFERRALS_FOR_REVIEW@${TRUST}`]);
  });

  it('refuses a clinician admin who names no clinician', () => {
    const actor = { ...actors.spca, onBehalfOfUserId: null };
    const result = transition(referralIn('BOOKED'), { type: 'ACCEPT' }, actor, NOW, CONTEXT);
    expect(result).toMatchObject({ ok: false, error: { code: 'ON_BEHALF_OF_REQUIRED' } });
    expect(allowedActions(referralIn('BOOKED'), actor, NOW)).toEqual([]);
  });

  it('refuses a provider the referral is not booked with', () => {
    expect(outcome(referralIn('BOOKED'), { type: 'ACCEPT' }, 'otherSpc')).toBe('NO_RELATIONSHIP');
  });

  it('refuses a provider admin: accepting is a clinical decision', () => {
    expect(outcome(referralIn('BOOKED'), { type: 'ACCEPT' }, 'spa')).toBe('FORBIDDEN');
  });
});

describe('T6 reject', () => {
  it('rejects with a reason, cancels the appointment and returns the referral to the referrer', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      { type: 'REJECT', reason: 'FURTHER_INFORMATION_REQUIRED', comment: 'Please send recent ECG' },
      actors.spc,
    );
    expect(snapshot).toMatchObject({
      state: 'REJECTED',
      stateReason: 'FURTHER_INFORMATION_REQUIRED',
      acceptedByOrganisationId: null,
    });
    expect(effects).toContainEqual({
      type: 'CANCEL_APPOINTMENT',
      serviceId: 'svc-dbs',
      slotId: 'slot-1',
      reason: 'FURTHER_INFORMATION_REQUIRED',
    });
    expect(effects).toContainEqual({ type: 'RELEASE_SLOT', slotId: 'slot-1' });
    expect(effects).toContainEqual({
      type: 'NOTIFY',
      recipient: 'REFERRER',
      organisationId: GP,
      about: 'REJECT',
      state: 'REJECTED',
    });
    expect(worklistMoves(effects)).toEqual([
      `+REJECTED_TRIAGE_RESPONSE@${GP}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('requires a comment when the reason says so', () => {
    expect(outcome(referralIn('BOOKED'), { type: 'REJECT', reason: 'OTHER' }, 'spc')).toBe(
      'COMMENT_REQUIRED',
    );
    expect(
      outcome(referralIn('BOOKED'), { type: 'REJECT', reason: 'OTHER', comment: '   ' }, 'spc'),
    ).toBe('COMMENT_REQUIRED');
    expect(
      outcome(referralIn('BOOKED'), { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE' }, 'spc'),
    ).toBe('OK');
  });

  it('refuses a missing, unknown or wrong-catalogue reason, and an overlong comment', () => {
    expect(outcome(referralIn('BOOKED'), { type: 'REJECT', reason: '' as never }, 'spc')).toBe(
      'REASON_REQUIRED',
    );
    expect(
      outcome(referralIn('BOOKED'), { type: 'REJECT', reason: 'PATIENT_ILL' as never }, 'spc'),
    ).toBe('INVALID_CODE');
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'REJECT', reason: 'OTHER', comment: 'x'.repeat(2001) },
        'spc',
      ),
    ).toBe('COMMENT_TOO_LONG');
  });

  it('refuses to reject an accepted referral', () => {
    expect(
      outcome(referralIn('ACCEPTED'), { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE' }, 'spc'),
    ).toBe('INVALID_REQUEST_STATE');
  });

  it('needs to know whether an indirectly booked appointment was cancelled in the PAS', () => {
    const booked = apply(
      newReferral(),
      bookEvent({ service: ibs(), slot: null }),
      actors.rc,
    ).snapshot;
    expect(outcome(booked, { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE' }, 'spc')).toBe(
      'PAS_CANCELLATION_ANSWER_REQUIRED',
    );
    const pending = apply(
      booked,
      { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE', appointmentCancelledInPas: false },
      actors.spc,
    );
    expect(pending.snapshot.pasCancellationPendingOrganisationId).toBe(TRUST);
    expect(worklistMoves(pending.effects)).toContain(
      `+INDIRECTLY_BOOKED_APPOINTMENTS_TO_CANCEL@${TRUST}`,
    );
    const done = apply(
      booked,
      { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE', appointmentCancelledInPas: true },
      actors.spc,
    );
    expect(done.snapshot.pasCancellationPendingOrganisationId).toBeNull();
  });
});

describe('T7 cancel appointment, action later', () => {
  it('cancels the appointment and puts the referral on Appointments for Booking, with a new priority', () => {
    const { snapshot, effects } = apply(
      referralIn('ACCEPTED'),
      {
        type: 'CANCEL_APPOINTMENT_ACTION_LATER',
        comment: 'Needs the one-stop clinic',
        newPriority: 'TWO_WEEK_WAIT',
      },
      actors.spc,
    );
    expect(snapshot).toMatchObject({
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      priority: 'TWO_WEEK_WAIT',
    });
    expect(effectTypes(effects)).toEqual(
      expect.arrayContaining(['CANCEL_APPOINTMENT', 'RELEASE_SLOT']),
    );
    expect(worklistMoves(effects)).toEqual([
      `+APPOINTMENTS_FOR_BOOKING@${TRUST}`,
      `+AWAITING_BOOKING@${GP}`,
    ]);
  });

  it('requires a comment', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: '' },
        'spc',
      ),
    ).toBe('COMMENT_REQUIRED');
  });

  it('refuses an unknown priority', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: 'x', newPriority: 'ASAP' as never },
        'spc',
      ),
    ).toBe('INVALID_PRIORITY');
  });

  it('does not release a slot whose appointment time has passed', () => {
    const { effects } = apply(
      referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: 'x' },
      actors.spc,
      AFTER_APPOINTMENT,
    );
    expect(effectTypes(effects)).toContain('CANCEL_APPOINTMENT');
    expect(effectTypes(effects)).not.toContain('RELEASE_SLOT');
  });
});

describe('T8 and T9 triage outcomes', () => {
  it('accepts to refer or book later, optionally changing the priority', () => {
    const { snapshot, effects } = apply(
      referralIn('AWAITING_TRIAGE'),
      {
        type: 'RECORD_TRIAGE_OUTCOME',
        outcome: 'ACCEPT_REFER_BOOK_LATER',
        comment: 'Book into hernia clinic',
        newPriority: 'ROUTINE',
      },
      actors.spc,
    );
    expect(snapshot).toMatchObject({
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      priority: 'ROUTINE',
      acceptedByOrganisationId: TRUST,
    });
    expect(worklistMoves(effects)).toEqual([
      `+APPOINTMENTS_FOR_BOOKING@${TRUST}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('takes a slot issue off the ASI list when it is triaged', () => {
    const { effects } = apply(
      referralIn('DEFERRED_TO_PROVIDER'),
      { type: 'RECORD_TRIAGE_OUTCOME', outcome: 'ACCEPT_REFER_BOOK_LATER', comment: 'ok' },
      actors.spc,
    );
    expect(worklistMoves(effects)).toEqual([
      `+APPOINTMENTS_FOR_BOOKING@${TRUST}`,
      `-APPOINTMENT_SLOT_ISSUES@${TRUST}`,
    ]);
  });

  it('returns to the referrer with advice, stopping the contact clock', () => {
    const { snapshot, effects } = apply(
      referralIn('AWAITING_TRIAGE'),
      {
        type: 'RECORD_TRIAGE_OUTCOME',
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        comment: 'Try PPI for 8 weeks',
      },
      actors.spca,
    );
    expect(snapshot).toMatchObject({
      state: 'TRIAGE_RESPONSE',
      patientContactBy: null,
      stateComment: 'Try PPI for 8 weeks',
    });
    expect(effectTypes(effects)).toEqual(
      expect.arrayContaining(['STOP_PATIENT_CONTACT_CLOCK', 'NOTIFY']),
    );
    expect(worklistMoves(effects)).toEqual([
      `+REJECTED_TRIAGE_RESPONSE@${GP}`,
      `-AWAITING_BOOKING@${GP}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('refuses to change the priority when returning with advice', () => {
    expect(
      outcome(
        referralIn('AWAITING_TRIAGE'),
        {
          type: 'RECORD_TRIAGE_OUTCOME',
          outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
          comment: 'x',
          newPriority: 'ROUTINE',
        },
        'spc',
      ),
    ).toBe('PRIORITY_NOT_CURRENT');
    // Repeating the current priority is not a change.
    expect(
      outcome(
        referralIn('AWAITING_TRIAGE'),
        {
          type: 'RECORD_TRIAGE_OUTCOME',
          outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
          comment: 'x',
          newPriority: 'URGENT',
        },
        'spc',
      ),
    ).toBe('OK');
  });

  it('requires a comment and a known outcome', () => {
    expect(
      outcome(
        referralIn('AWAITING_TRIAGE'),
        { type: 'RECORD_TRIAGE_OUTCOME', outcome: 'ACCEPT_REFER_BOOK_LATER', comment: '' },
        'spc',
      ),
    ).toBe('COMMENT_REQUIRED');
    expect(
      outcome(
        referralIn('AWAITING_TRIAGE'),
        { type: 'RECORD_TRIAGE_OUTCOME', outcome: 'MAYBE' as never, comment: 'x' },
        'spc',
      ),
    ).toBe('INVALID_CODE');
  });
});

describe('T10 and T11 provider booking from its worklists', () => {
  it('lets the triage clinician book straight into its own service, accepted', () => {
    const { snapshot } = apply(
      referralIn('AWAITING_TRIAGE', NO_LETTER_TO_FOLLOW),
      bookEvent(),
      actors.spc,
    );
    expect(snapshot).toMatchObject({ state: 'ACCEPTED', acceptedByOrganisationId: TRUST });
  });

  it('leaves a referral its triage clinician books for review while the letter is to follow', () => {
    const { snapshot, effects } = apply(referralIn('AWAITING_TRIAGE'), bookEvent(), actors.spc);
    expect(snapshot).toMatchObject({ state: 'BOOKED', acceptedByOrganisationId: null });
    // It stays on Referrals for Review (a triage referral is already there).
    expect(worklistMoves(effects)).not.toContain(`-REFERRALS_FOR_REVIEW@${TRUST}`);
  });

  it('puts a referral an admin books without clinical review back on Referrals for Review', () => {
    const { snapshot, effects } = apply(
      referralIn('DEFERRED_TO_PROVIDER'),
      bookEvent(),
      actors.spa,
    );
    expect(snapshot.state).toBe('BOOKED');
    expect(worklistMoves(effects)).toEqual([
      `+REFERRALS_FOR_REVIEW@${TRUST}`,
      `-APPOINTMENT_SLOT_ISSUES@${TRUST}`,
      `-AWAITING_BOOKING@${GP}`,
    ]);
    expect(effects).toContainEqual({
      type: 'NOTIFY',
      recipient: 'REFERRER',
      organisationId: GP,
      about: 'BOOK',
      state: 'BOOKED',
    });
  });

  it('books a CAAL referral back with the provider that accepted it as ACCEPTED', () => {
    expect(
      apply(
        referralIn('TRIAGED_PROVIDER_TO_ACTION', NO_LETTER_TO_FOLLOW),
        bookEvent({ slot: freeSlot({ id: 'slot-9' }) }),
        actors.spa,
      ).snapshot.state,
    ).toBe('ACCEPTED');
  });

  it('needs a redirect reason to move a referral to a service it was not booked or deferred to', () => {
    const other = dbs('svc-hernia');
    const event = bookEvent({ service: other, slot: freeSlot({ serviceId: 'svc-hernia' }) });
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    expect(outcome(deferred, event, 'spa')).toBe('REASON_REQUIRED');
    expect(
      outcome(deferred, { ...event, redirectReason: 'REDIRECTED_OTHER' } as ReferralEvent, 'spa'),
    ).toBe('COMMENT_REQUIRED');
    const { snapshot } = apply(
      deferred,
      { ...event, redirectReason: 'REDIRECTED_APPROPRIATE_CLINIC' } as ReferralEvent,
      actors.spa,
    );
    expect(snapshot.stateReason).toBe('REDIRECTED_APPROPRIATE_CLINIC');
    expect(snapshot.shortlist.map((e) => e.serviceId)).toContain('svc-hernia');
  });

  it('does not need a redirect reason to book out of triage', () => {
    const other = dbs('svc-hernia');
    expect(
      outcome(
        referralIn('AWAITING_TRIAGE'),
        bookEvent({ service: other, slot: freeSlot({ serviceId: 'svc-hernia' }) }),
        'spc',
      ),
    ).toBe('OK');
  });

  it('refuses a provider admin booking out of triage: that is the clinician’s decision', () => {
    expect(outcome(referralIn('AWAITING_TRIAGE'), bookEvent(), 'spa')).toBe(
      'INVALID_REQUEST_STATE',
    );
  });

  it('lets the provider’s system book a slot issue at its service, with a referrer’s window', () => {
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    const { snapshot } = apply(deferred, bookEvent(), actors.paa);
    expect(snapshot.state).toBe('BOOKED');
    const windowed = {
      ...bookEvent({ slot: freeSlot({ start: hoursAfter(NOW, 2) }) }),
      bookingPolicy: {
        windows: { URGENT: { opensHoursAhead: 48, closesDaysAhead: 28 } },
        reservationDays: 0,
      },
    } as ReferralEvent;
    expect(outcome(deferred, windowed, 'paa')).toBe('SLOT_NOT_AVAILABLE');
    expect(outcome(deferred, windowed, 'spa')).toBe('OK');
  });

  it('never lets the provider’s system move a referral to another service', () => {
    const other = dbs('svc-hernia');
    const event = bookEvent({ service: other, slot: freeSlot({ serviceId: 'svc-hernia' }) });
    const deferred = referralIn('DEFERRED_TO_PROVIDER');
    expect(
      outcome(deferred, { ...event, redirectReason: 'REDIRECTED_AGE' } as ReferralEvent, 'paa'),
    ).toBe('REDIRECT_NOT_ALLOWED');
    const action = allowedActions(deferred, actors.paa, NOW).find((a) => a.type === 'BOOK');
    expect(action).toMatchObject({ mayRedirect: false, reasons: [], redirectReasons: [] });
    expect(action?.serviceIds).toEqual([deferred.appointment?.serviceId]);
  });

  it('offers providers redirects and the reasons to give', () => {
    const action = allowedActions(referralIn('DEFERRED_TO_PROVIDER'), actors.spa, NOW).find(
      (a) => a.type === 'BOOK',
    );
    expect(action).toMatchObject({ mayRedirect: true, reasons: [] });
    expect(action?.redirectReasons.map((r) => r.code)).toContain('REDIRECTED_AGE');
  });
});

describe('T12 and T13 cancel the appointment', () => {
  it('records a patient cancellation and tells the provider', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_HOLIDAY' },
      actors.patient,
    );
    expect(snapshot.state).toBe('APPT_CANCELLED_BY_PATIENT');
    expect(effects).toContainEqual({ type: 'RELEASE_SLOT', slotId: 'slot-1' });
    expect(effects).toContainEqual({
      type: 'NOTIFY',
      recipient: 'PROVIDER',
      organisationId: TRUST,
      about: 'CANCEL_APPOINTMENT',
      state: 'APPT_CANCELLED_BY_PATIENT',
    });
    expect(worklistMoves(effects)).toEqual([
      `+APPOINTMENTS_FOR_BOOKING@${TRUST}`,
      `+AWAITING_BOOKING@${GP}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('records a provider cancellation without freeing a slot whose clinic is cancelled', () => {
    const { snapshot, effects } = apply(
      referralIn('ACCEPTED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'CLINIC_CANCELLED' },
      actors.paa,
    );
    expect(snapshot.state).toBe('APPT_CANCELLED_BY_PROVIDER');
    expect(effectTypes(effects)).not.toContain('RELEASE_SLOT');
    expect(effects).toContainEqual({
      type: 'NOTIFY',
      recipient: 'REFERRER',
      organisationId: GP,
      about: 'CANCEL_APPOINTMENT',
      state: 'APPT_CANCELLED_BY_PROVIDER',
    });
  });

  it('refuses a reason from the other side', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT', reason: 'CLINIC_CANCELLED' },
        'rc',
      ),
    ).toBe('REASON_NOT_ALLOWED');
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_HOLIDAY' },
        'spa',
      ),
    ).toBe('REASON_NOT_ALLOWED');
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_DIED' },
        'patient',
      ),
    ).toBe('REASON_NOT_ALLOWED');
  });

  it('requires a comment for "other" reasons', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_OTHER' },
        'patient',
      ),
    ).toBe('COMMENT_REQUIRED');
  });

  it('ends the referral when the patient has died', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_DIED' },
      actors.spa,
    );
    expect(snapshot).toMatchObject({ state: 'CANCELLED_REFERRAL', returnedToReferrer: true });
    expect(effectTypes(effects)).toContain('STOP_LETTER_DUE_CLOCK');
    expect(worklistMoves(effects)).toContain(`+ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`);
  });

  it('sends the patient and referrer to the provider to cancel a phone-booked appointment', () => {
    const booked = apply(
      newReferral(),
      bookEvent({ service: ibs(), slot: null }),
      actors.rc,
    ).snapshot;
    expect(outcome(booked, { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_ILL' }, 'patient')).toBe(
      'INVALID_REQUEST_STATE',
    );
    expect(outcome(booked, { type: 'CANCEL_APPOINTMENT', reason: 'CLINIC_CANCELLED' }, 'spa')).toBe(
      'OK',
    );
  });
});

describe('T14 did not attend', () => {
  const dna = (returnToReferrer: boolean): ReferralEvent => ({
    type: 'RECORD_DID_NOT_ATTEND',
    reason: 'PATIENT_FORGOT',
    returnToReferrer,
  });

  it('refuses before the appointment has started', () => {
    expect(outcome(referralIn('BOOKED'), dna(false), 'spa', NOW)).toBe('APPOINTMENT_NOT_YET_DUE');
    expect(allowedActions(referralIn('BOOKED'), actors.spa, NOW).map((a) => a.type)).not.toContain(
      'RECORD_DID_NOT_ATTEND',
    );
    expect(outcome(referralIn('BOOKED'), dna(false), 'spa', new Date('2026-03-12T09:30:00Z'))).toBe(
      'OK',
    );
  });

  it('keeps the referral with the provider to rebook', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      dna(false),
      actors.spa,
      AFTER_APPOINTMENT,
    );
    expect(snapshot).toMatchObject({ state: 'DID_NOT_ATTEND', returnedToReferrer: false });
    expect(snapshot.appointment?.status).toBe('DID_NOT_ATTEND');
    expect(worklistMoves(effects)).toEqual([
      `+APPOINTMENTS_FOR_BOOKING@${TRUST}`,
      `+AWAITING_BOOKING@${GP}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('returns the referral to the referrer when the provider says so', () => {
    const { effects } = apply(referralIn('ACCEPTED'), dna(true), actors.spc, AFTER_APPOINTMENT);
    expect(worklistMoves(effects)).toEqual([`+ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`]);
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'NOTIFY', recipient: 'REFERRER' }),
    );
  });

  it('requires the return-to-referrer answer and a comment for "other"', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'RECORD_DID_NOT_ATTEND', reason: 'PATIENT_FORGOT' } as never,
        'spa',
        AFTER_APPOINTMENT,
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'RECORD_DID_NOT_ATTEND', reason: 'OTHER', returnToReferrer: true },
        'spa',
        AFTER_APPOINTMENT,
      ),
    ).toBe('COMMENT_REQUIRED');
  });
});

describe('T15 clinical assessment outcome', () => {
  const atCas = () =>
    apply(
      newReferral(),
      bookEvent({ service: cas(), slot: freeSlot({ serviceId: 'svc-cas' }) }),
      actors.rc,
    ).snapshot;

  it('records the outcome at a clinical assessment service and advises the referrer', () => {
    const { snapshot, effects } = apply(
      atCas(),
      {
        type: 'RECORD_ASSESSMENT_OUTCOME',
        outcome: 'ADVISE_REFERRER',
        comment: 'Manage in primary care',
      },
      actors.spc,
    );
    expect(snapshot).toMatchObject({ state: 'ASSESSMENT_RESULT', returnedToReferrer: true });
    expect(snapshot.appointment?.status).toBe('FULFILLED');
    expect(worklistMoves(effects)).toEqual([
      `+ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`,
      `-REFERRALS_FOR_REVIEW@${TRUST}`,
    ]);
  });

  it('refuses at a service that is not a clinical assessment service', () => {
    expect(
      outcome(
        referralIn('BOOKED'),
        { type: 'RECORD_ASSESSMENT_OUTCOME', outcome: 'TREATED_AND_DISCHARGED' },
        'spc',
      ),
    ).toBe('SERVICE_NOT_SUITABLE');
  });

  it('requires a comment when advising the referrer', () => {
    expect(
      outcome(atCas(), { type: 'RECORD_ASSESSMENT_OUTCOME', outcome: 'ADVISE_REFERRER' }, 'spc'),
    ).toBe('COMMENT_REQUIRED');
  });

  it('refuses a provider admin', () => {
    expect(
      outcome(
        atCas(),
        { type: 'RECORD_ASSESSMENT_OUTCOME', outcome: 'TREATED_AND_DISCHARGED' },
        'spa',
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('T16 cancel the referral', () => {
  it('cancels a booked referral and its appointment, for good', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      { type: 'CANCEL_REFERRAL', reason: 'TREATMENT_NO_LONGER_REQUIRED' },
      actors.rc,
    );
    expect(snapshot).toMatchObject({ state: 'CANCELLED_REFERRAL', returnedToReferrer: false });
    expect(effectTypes(effects)).toEqual(
      expect.arrayContaining(['CANCEL_APPOINTMENT', 'RELEASE_SLOT', 'STOP_LETTER_DUE_CLOCK']),
    );
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'NOTIFY', recipient: 'PROVIDER', organisationId: TRUST }),
    );
    expect(allowedActions(snapshot, actors.rc, NOW)).toEqual([]);
  });

  it('puts a referral cancelled by the provider on the referrer’s returned worklist until acknowledged', () => {
    const { snapshot, effects } = apply(
      referralIn('BOOKED'),
      { type: 'CANCEL_REFERRAL', reason: 'BOOKED_OUTSIDE_CAB' },
      actors.spc,
    );
    expect(worklistMoves(effects)).toContain(`+ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`);
    expect(allowedActions(snapshot, actors.ra, NOW).map((a) => a.type)).toEqual(['ACKNOWLEDGE']);
    const acknowledged = apply(snapshot, { type: 'ACKNOWLEDGE' }, actors.ra);
    expect(acknowledged.snapshot.state).toBe('CANCELLED_REFERRAL');
    expect(worklistMoves(acknowledged.effects)).toEqual([
      `-ASSESSMENT_RETURNED_CANCELLED_DNA@${GP}`,
    ]);
  });

  it('makes a provider use an end-triage reason once it has accepted to book later', () => {
    const toAction = referralIn('TRIAGED_PROVIDER_TO_ACTION');
    expect(
      outcome(toAction, { type: 'CANCEL_REFERRAL', reason: 'BOOKED_OUTSIDE_CAB' }, 'spc'),
    ).toBe('REASON_NOT_ALLOWED');
    expect(outcome(toAction, { type: 'CANCEL_REFERRAL', reason: 'STRAIGHT_TO_TEST' }, 'spc')).toBe(
      'COMMENT_REQUIRED',
    );
    expect(outcome(toAction, { type: 'CANCEL_REFERRAL', reason: 'TRIAGE_ENDED' }, 'spc')).toBe(
      'OK',
    );
    expect(
      outcome(referralIn('BOOKED'), { type: 'CANCEL_REFERRAL', reason: 'TRIAGE_ENDED' }, 'spc'),
    ).toBe('REASON_NOT_ALLOWED');
  });

  it('offers each side only its own reasons', () => {
    const provider = allowedActions(referralIn('TRIAGED_PROVIDER_TO_ACTION'), actors.spc, NOW).find(
      (a) => a.type === 'CANCEL_REFERRAL',
    );
    expect(provider?.reasons.map((r) => r.code)).toEqual(
      reasonsUsableBy('REFERRAL_CANCELLATION', 'SERVICE_PROVIDER_CLINICIAN', {
        types: ['PROVIDER_TRIAGE'],
      }).map((r) => r.code),
    );
    const referrer = allowedActions(newReferral(), actors.rc, NOW).find(
      (a) => a.type === 'CANCEL_REFERRAL',
    );
    expect(referrer?.reasons.map((r) => r.code)).toContain('RAISED_IN_ERROR');
    expect(referrer?.reasons.map((r) => r.code)).not.toContain('TRIAGE_ENDED');
  });

  it('refuses a referrer reason that needs a comment without one, and a referring admin', () => {
    expect(
      outcome(
        newReferral(),
        { type: 'CANCEL_REFERRAL', reason: 'PATIENT_REQUEST_CANCELLATION_OTHER' },
        'rc',
      ),
    ).toBe('COMMENT_REQUIRED');
    expect(
      outcome(newReferral(), { type: 'CANCEL_REFERRAL', reason: 'RAISED_IN_ERROR' }, 'ra'),
    ).toBe('FORBIDDEN');
  });

  it('refuses every event once cancelled, except acknowledging it', () => {
    const cancelled = referralIn('CANCELLED_REFERRAL');
    for (const type of REFERRAL_EVENT_TYPES) {
      if (type === 'ACKNOWLEDGE') continue;
      const code = outcome(cancelled, sampleEvent(type, cancelled), 'rc');
      expect(['INVALID_REQUEST_STATE', 'FORBIDDEN'], type).toContain(code);
    }
    expect(outcome(cancelled, { type: 'ACKNOWLEDGE' }, 'rc')).toBe('INVALID_REQUEST_STATE');
  });
});

describe('T17 change the shortlist', () => {
  it('replaces the shortlist and may change the priority', () => {
    const { snapshot, effects } = apply(
      newReferral(),
      { type: 'CHANGE_SHORTLIST', shortlist: [dbs(), dbs('svc-2')], priority: 'TWO_WEEK_WAIT' },
      actors.rca,
    );
    expect(snapshot).toMatchObject({ state: 'NOT_BOOKED', priority: 'TWO_WEEK_WAIT' });
    expect(snapshot.shortlist.map((e) => e.serviceId)).toEqual(['svc-dbs', 'svc-2']);
    expect(effects).toEqual([]);
  });

  it.each([
    ['no change', { shortlist: [dbs(), ibs(), ras(), cas()] }, 'NO_CHANGES_DETECTED'],
    ['an empty list', { shortlist: [] }, 'SHORTLIST_EMPTY'],
    [
      '21 services',
      { shortlist: Array.from({ length: 21 }, (_, i) => dbs(`s${i}`)) },
      'TOO_MANY_ITEMS',
    ],
    ['a duplicate', { shortlist: [dbs(), dbs()] }, 'DUPLICATE_SERVICE'],
    [
      'a service without the priority',
      { shortlist: [dbs('s', { priorities: ['ROUTINE'] })] },
      'UNSUPPORTED_PRIORITY',
    ],
    [
      'a new priority a service lacks',
      { shortlist: [dbs('s', { priorities: ['URGENT'] })], priority: 'ROUTINE' as const },
      'UNSUPPORTED_PRIORITY',
    ],
  ])('refuses %s', (_label, change, code) => {
    expect(outcome(newReferral(), { type: 'CHANGE_SHORTLIST', ...change }, 'rc')).toBe(code);
  });

  it('refuses while the referral is booked', () => {
    expect(
      outcome(referralIn('BOOKED'), { type: 'CHANGE_SHORTLIST', shortlist: [dbs()] }, 'rc'),
    ).toBe('INVALID_REQUEST_STATE');
  });

  it('marks the priority as changed since a provider accepted it', () => {
    const cancelled = apply(
      referralIn('ACCEPTED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_ILL' },
      actors.rc,
    ).snapshot;
    const changed = apply(
      cancelled,
      { type: 'CHANGE_SHORTLIST', shortlist: cancelled.shortlist, priority: 'TWO_WEEK_WAIT' },
      actors.rc,
    ).snapshot;
    expect(changed.priorityChangedSinceAcceptance).toBe(true);
    // Rebooking with the same provider now needs a fresh review.
    expect(
      apply(changed, bookEvent({ slot: freeSlot({ id: 'slot-3' }) }), actors.rc).snapshot.state,
    ).toBe('BOOKED');
  });
});

describe('referral letter', () => {
  it('stops the letter clock and takes the referral off Letters Outstanding', () => {
    const { snapshot, effects } = apply(
      newReferral(),
      { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['doc-1'] },
      actors.rc,
    );
    expect(snapshot).toMatchObject({ letterStatus: 'ATTACHED', letterDueAt: null });
    expect(effectTypes(effects)).toContain('STOP_LETTER_DUE_CLOCK');
    expect(worklistMoves(effects)).toEqual([`-LETTERS_OUTSTANDING@${GP}`]);
  });

  it('sends an accepted referral back for review when the letter changes', () => {
    const { snapshot, effects } = apply(
      referralIn('ACCEPTED'),
      { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['doc-2'] },
      actors.rc,
    );
    expect(snapshot).toMatchObject({ state: 'BOOKED', letterChangedSinceAcceptance: true });
    expect(worklistMoves(effects)).toContain(`+REFERRALS_FOR_REVIEW@${TRUST}`);
    expect(effects).toContainEqual(
      expect.objectContaining({ type: 'NOTIFY', recipient: 'PROVIDER' }),
    );
  });

  it('refuses an empty set of documents', () => {
    expect(outcome(newReferral(), { type: 'ATTACH_REFERRAL_LETTER', documentIds: [] }, 'rc')).toBe(
      'LETTER_REQUIRED',
    );
  });

  it('refuses a referring admin: the letter is clinical content', () => {
    expect(
      outcome(newReferral(), { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['d'] }, 'ra'),
    ).toBe('FORBIDDEN');
  });
});

describe('T18 onward referral', () => {
  it('creates a related UBRN', () => {
    const { snapshot, effects } = apply(
      referralIn('ACCEPTED'),
      { type: 'CREATE_ONWARD_REFERRAL', onwardUbrn: '0000 0007 0001' },
      actors.spc,
    );
    expect(snapshot.onwardReferralUbrns).toEqual(['000000070001']);
    expect(effects).toContainEqual({
      type: 'CREATE_ONWARD_REFERRAL',
      fromUbrn: UBRN,
      ubrn: '000000070001',
    });
  });

  it('refuses an invalid or reused UBRN', () => {
    expect(
      outcome(
        referralIn('ACCEPTED'),
        { type: 'CREATE_ONWARD_REFERRAL', onwardUbrn: 'nope' },
        'spc',
      ),
    ).toBe('INVALID_UBRN');
    expect(
      outcome(referralIn('ACCEPTED'), { type: 'CREATE_ONWARD_REFERRAL', onwardUbrn: UBRN }, 'spc'),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('indirectly booked appointments to cancel in the PAS', () => {
  it('lets the provider confirm the PAS cancellation, even after the referral is cancelled', () => {
    const booked = apply(
      newReferral(),
      bookEvent({ service: ibs(), slot: null }),
      actors.rc,
    ).snapshot;
    const caal = apply(
      booked,
      { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: 'x', appointmentCancelledInPas: false },
      actors.spc,
    ).snapshot;
    const cancelled = apply(
      caal,
      { type: 'CANCEL_REFERRAL', reason: 'TRIAGE_ENDED' },
      actors.spc,
    ).snapshot;
    expect(allowedActions(cancelled, actors.spa, NOW).map((a) => a.type)).toEqual([
      'CONFIRM_PAS_CANCELLATION',
    ]);
    expect(outcome(cancelled, { type: 'CONFIRM_PAS_CANCELLATION' }, 'otherSpa')).toBe(
      'NO_RELATIONSHIP',
    );
    const { snapshot, effects } = apply(
      cancelled,
      { type: 'CONFIRM_PAS_CANCELLATION' },
      actors.spa,
    );
    expect(snapshot).toMatchObject({
      state: 'CANCELLED_REFERRAL',
      pasCancellationPendingOrganisationId: null,
    });
    expect(worklistMoves(effects)).toEqual([`-INDIRECTLY_BOOKED_APPOINTMENTS_TO_CANCEL@${TRUST}`]);
    expect(outcome(snapshot, { type: 'CONFIRM_PAS_CANCELLATION' }, 'spa')).toBe(
      'INVALID_REQUEST_STATE',
    );
  });
});

describe('allowed actions', () => {
  it('offers a referring clinician the unbooked actions with the shortlisted services', () => {
    const actions = allowedActions(newReferral(), actors.rc, NOW);
    expect(actions.map((a) => a.type)).toEqual([
      'BOOK',
      'DEFER_TO_PROVIDER',
      'SEND_FOR_TRIAGE',
      'CANCEL_REFERRAL',
      'CHANGE_SHORTLIST',
      'ATTACH_REFERRAL_LETTER',
    ]);
    expect(actions.find((a) => a.type === 'BOOK')?.serviceIds).toEqual([
      'svc-dbs',
      'svc-ibs',
      'svc-cas',
    ]);
    expect(actions.find((a) => a.type === 'DEFER_TO_PROVIDER')?.serviceIds).toEqual([
      'svc-dbs',
      'svc-cas',
    ]);
    expect(actions.find((a) => a.type === 'SEND_FOR_TRIAGE')?.serviceIds).toEqual(['svc-ras']);
  });

  it('offers nothing to someone without a relationship, or to oversight roles', () => {
    for (const who of [
      'otherRc',
      'otherSpc',
      'sd',
      'commissioner',
      'analyst',
      'otherPatient',
    ] as const) {
      expect(allowedActions(referralIn('BOOKED'), actors[who], NOW), who).toEqual([]);
    }
  });

  it('offers only the reasons the role may use', () => {
    const patient = allowedActions(referralIn('BOOKED'), actors.patient, NOW).find(
      (a) => a.type === 'CANCEL_APPOINTMENT',
    );
    expect(patient?.reasons).toEqual(
      reasonsUsableBy('APPOINTMENT_CANCELLATION', 'PATIENT').map((r) => ({
        code: r.code,
        name: r.name,
        commentMandatory: r.commentMandatory,
      })),
    );
  });

  it('stops offering a provider anything once the referral has moved to another provider', () => {
    const otherDbs = dbs('svc-other', { providerOrganisationId: OTHER_TRUST });
    const created = newReferral({ shortlist: [dbs(), otherDbs], ...NO_LETTER_TO_FOLLOW });
    const rejected = apply(
      apply(created, bookEvent(), actors.rc).snapshot,
      { type: 'REJECT', reason: 'SERVICE_INAPPROPRIATE' },
      actors.spc,
    ).snapshot;
    const elsewhere = apply(
      rejected,
      bookEvent({ service: otherDbs, slot: freeSlot({ serviceId: 'svc-other' }) }),
      actors.rc,
    ).snapshot;
    expect(hasLegitimateRelationship(elsewhere, actors.spc)).toBe(true);
    expect(allowedActions(elsewhere, actors.spc, NOW)).toEqual([]);
    expect(outcome(elsewhere, { type: 'ACCEPT' }, 'spc')).toBe('INVALID_REQUEST_STATE');
    expect(outcome(elsewhere, { type: 'ACCEPT' }, 'otherSpc')).toBe('OK');
  });
});

describe('transition', () => {
  it('does not change the snapshot or event it is given', () => {
    const snapshot = newReferral();
    const frozen = JSON.stringify(snapshot);
    const event = bookEvent();
    apply(snapshot, event, actors.rc);
    expect(JSON.stringify(snapshot)).toBe(frozen);
  });

  it('stamps the new state’s time and the last activity', () => {
    const later = daysAfter(NOW, 1);
    const { snapshot } = apply(newReferral(), bookEvent(), actors.rc, later);
    expect(snapshot.stateChangedAt).toEqual(later);
    expect(snapshot.lastActivityAt).toEqual(later);
    const letter = apply(
      snapshot,
      { type: 'ATTACH_REFERRAL_LETTER', documentIds: ['d'] },
      actors.rc,
      daysAfter(NOW, 2),
    ).snapshot;
    expect(letter.stateChangedAt).toEqual(later);
    expect(letter.lastActivityAt).toEqual(daysAfter(NOW, 2));
  });

  it('refuses an unknown event type', () => {
    expect(outcome(newReferral(), { type: 'TELEPORT' } as never, 'rc')).toBe('BAD_USER_INPUT');
  });

  it('uses the booking policy the event carries', () => {
    expect(OPEN_POLICY.reservationDays).toBe(0);
  });
});

describe('every remaining way an allowed event is refused for its details', () => {
  const long = 'x'.repeat(2001);
  const ibsBooked = () =>
    apply(newReferral(), bookEvent({ service: ibs(), slot: null }), actors.rc).snapshot;
  const full = () => {
    const shortlist = Array.from({ length: 20 }, (_, i) => dbs(`s${i}`));
    const deferred = apply(
      newReferral({ shortlist }),
      { type: 'DEFER_TO_PROVIDER', service: shortlist[0]!, bookableSlotsAvailable: false },
      actors.rc,
    ).snapshot;
    return deferred;
  };
  it.each<[string, () => ReferralSnapshot, ReferralEvent, ActorKey, string]>([
    [
      'BOOK with an overlong comment',
      newReferral,
      { ...bookEvent(), comment: long } as ReferralEvent,
      'rc',
      'COMMENT_TOO_LONG',
    ],
    [
      'BOOK redirected with a reason from another catalogue',
      () => referralIn('DEFERRED_TO_PROVIDER'),
      {
        ...bookEvent({ service: dbs('svc-x'), slot: freeSlot({ serviceId: 'svc-x' }) }),
        redirectReason: 'PATIENT_ILL',
      } as never,
      'spa',
      'INVALID_CODE',
    ],
    [
      'BOOK redirected onto a full shortlist',
      full,
      {
        ...bookEvent({ service: dbs('svc-21'), slot: freeSlot({ serviceId: 'svc-21' }) }),
        redirectReason: 'REDIRECTED_AGE',
      } as never,
      'spa',
      'TOO_MANY_ITEMS',
    ],
    [
      'DEFER to a service that does not accept the priority',
      () => ({ ...newReferral(), shortlist: [dbs(), dbs('svc-r', { priorities: ['ROUTINE'] })] }),
      { type: 'DEFER_TO_PROVIDER', service: dbs('svc-r'), bookableSlotsAvailable: false },
      'rc',
      'UNSUPPORTED_PRIORITY',
    ],
    [
      'SEND_FOR_TRIAGE to a triage service that does not accept the priority',
      () => ({
        ...newReferral(),
        shortlist: [ras(), ras('svc-ras-r', { priorities: ['ROUTINE'] })],
      }),
      { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-ras-r' },
      'rc',
      'UNSUPPORTED_PRIORITY',
    ],
    [
      'SEND_FOR_TRIAGE with an overlong comment',
      newReferral,
      { type: 'SEND_FOR_TRIAGE', serviceId: 'svc-ras', comment: long },
      'rc',
      'COMMENT_TOO_LONG',
    ],
    [
      'ACCEPT with an overlong comment',
      () => referralIn('BOOKED', NO_LETTER_TO_FOLLOW),
      { type: 'ACCEPT', comment: long },
      'spc',
      'COMMENT_TOO_LONG',
    ],
    [
      'CAAL of a phone-booked appointment without the PAS answer',
      ibsBooked,
      { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: 'x' },
      'spc',
      'PAS_CANCELLATION_ANSWER_REQUIRED',
    ],
    [
      'CAAL with an overlong comment',
      () => referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT_ACTION_LATER', comment: long },
      'spc',
      'COMMENT_TOO_LONG',
    ],
    [
      'triage outcome without an outcome',
      () => referralIn('AWAITING_TRIAGE'),
      { type: 'RECORD_TRIAGE_OUTCOME', outcome: null as never, comment: 'x' },
      'spc',
      'REASON_REQUIRED',
    ],
    [
      'accept-to-book-later with an unknown priority',
      () => referralIn('AWAITING_TRIAGE'),
      {
        type: 'RECORD_TRIAGE_OUTCOME',
        outcome: 'ACCEPT_REFER_BOOK_LATER',
        comment: 'x',
        newPriority: 'SOON' as never,
      },
      'spc',
      'INVALID_PRIORITY',
    ],
    [
      'appointment cancellation without a reason',
      () => referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT', reason: undefined as never },
      'rc',
      'REASON_REQUIRED',
    ],
    [
      'appointment cancellation with an unknown reason',
      () => referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'BORED' as never },
      'rc',
      'INVALID_CODE',
    ],
    [
      'appointment cancellation with an overlong comment',
      () => referralIn('BOOKED'),
      { type: 'CANCEL_APPOINTMENT', reason: 'PATIENT_ILL', comment: long },
      'rc',
      'COMMENT_TOO_LONG',
    ],
    [
      'referral cancellation with an overlong comment',
      newReferral,
      { type: 'CANCEL_REFERRAL', reason: 'RAISED_IN_ERROR', comment: long },
      'rc',
      'COMMENT_TOO_LONG',
    ],
    [
      'referral cancellation with an unknown reason',
      newReferral,
      { type: 'CANCEL_REFERRAL', reason: 'MEH' as never },
      'rc',
      'INVALID_CODE',
    ],
    [
      'shortlist change to an unknown priority',
      newReferral,
      { type: 'CHANGE_SHORTLIST', shortlist: [dbs()], priority: 'SOON' as never },
      'rc',
      'INVALID_PRIORITY',
    ],
    [
      'did-not-attend with an overlong comment',
      () => referralIn('BOOKED'),
      {
        type: 'RECORD_DID_NOT_ATTEND',
        reason: 'PATIENT_FORGOT',
        returnToReferrer: false,
        comment: long,
      },
      'spa',
      'COMMENT_TOO_LONG',
    ],
  ])('%s', (_label, make, event, who, expected) => {
    expect(outcome(make(), event, who, AFTER_APPOINTMENT)).toBe(expected);
  });
});

describe('T5 accept needs the letter the referrer said would follow', () => {
  it('refuses to accept while the letter is outstanding, and does not offer it', () => {
    const booked = referralIn('BOOKED');
    expect(booked.letterStatus).toBe('NEED_TO_ADD_LATER');
    const result = transition(booked, { type: 'ACCEPT' }, actors.spc, NOW, CONTEXT);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'REFERRAL_LETTER_OUTSTANDING',
        field: 'letter',
        details: { letterDueDate: booked.letterDueDate },
      },
    });
    if (!result.ok) expect(result.error.message).toMatch(/letter has not arrived/);
    const offered = allowedActions(booked, actors.spc, NOW).map((a) => a.type);
    expect(offered).not.toContain('ACCEPT');
    // Rejecting to ask for further information stays open.
    expect(offered).toContain('REJECT');
  });

  it('accepts once the referrer attaches the letter', () => {
    const withItsLetter = withLetter(referralIn('BOOKED'));
    expect(allowedActions(withItsLetter, actors.spc, NOW).map((a) => a.type)).toContain('ACCEPT');
    const { snapshot } = apply(withItsLetter, { type: 'ACCEPT' }, actors.spc);
    expect(snapshot.state).toBe('ACCEPTED');
  });

  it('accepts a referral that carries its clinical information with no letter to follow', () => {
    const { snapshot } = apply(
      referralIn('BOOKED', NO_LETTER_TO_FOLLOW),
      { type: 'ACCEPT' },
      actors.spc,
    );
    expect(snapshot.state).toBe('ACCEPTED');
  });
});

describe('T1 a referral needs clinical information', () => {
  it('refuses a referral with no clinical information and no letter, naming the field', () => {
    for (const blank of [null, '', '   \n ']) {
      const result = createReferral(
        createCommand({ letterStatus: 'NOT_INTENDING_TO_ADD', clinicalInformation: blank }),
        actors.rc,
        NOW,
        CONTEXT,
      );
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'CLINICAL_INFORMATION_REQUIRED', field: 'clinicalInformation' },
      });
    }
  });

  it('refuses "letter attached" with no letter', () => {
    const result = createReferral(
      createCommand({
        letterStatus: 'ATTACHED',
        clinicalInformation: null,
        letterDocumentCount: 0,
      }),
      actors.rc,
      NOW,
      CONTEXT,
    );
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'LETTER_REQUIRED', field: 'documentIds' },
    });
  });

  it('takes an attached letter, or a letter to follow, in place of typed clinical information', () => {
    const attached = createReferral(
      createCommand({
        letterStatus: 'ATTACHED',
        clinicalInformation: null,
        letterDocumentCount: 1,
      }),
      actors.rc,
      NOW,
      CONTEXT,
    );
    expect(attached.ok).toBe(true);
    const toFollow = expectOk(
      createReferral(
        createCommand({ letterStatus: 'NEED_TO_ADD_LATER', clinicalInformation: null }),
        actors.rc,
        NOW,
        CONTEXT,
      ),
    );
    // No date given: the latest the priority allows (urgent: 1 working day).
    expect(toFollow.snapshot.letterDueDate).toBe('2026-03-11');
  });

  it('keeps the due date the referrer chose for a letter to follow, within the priority’s limit', () => {
    const { snapshot, effects } = expectOk(
      createReferral(
        createCommand({
          priority: 'ROUTINE',
          letterStatus: 'NEED_TO_ADD_LATER',
          letterDueDate: '2026-03-11',
        }),
        actors.rc,
        NOW,
        CONTEXT,
      ),
    );
    expect(snapshot.letterDueDate).toBe('2026-03-11');
    expect(snapshot.letterDueAt?.toISOString()).toBe('2026-03-12T00:00:00.000Z');
    expect(effects).toContainEqual({
      type: 'START_LETTER_DUE_CLOCK',
      dueDate: '2026-03-11',
      dueAt: new Date('2026-03-12T00:00:00.000Z'),
    });
  });

  it.each([
    ['2026-03-09', 'LETTER_DUE_DATE_IN_PAST'],
    ['2026-03-12', 'LETTER_DUE_DATE_TOO_LATE'],
    ['12/03/2026', 'INVALID_DATE'],
  ] as const)('refuses a letter due %s with %s', (letterDueDate, code) => {
    const result = createReferral(
      createCommand({ priority: 'URGENT', letterStatus: 'NEED_TO_ADD_LATER', letterDueDate }),
      actors.rc,
      NOW,
      CONTEXT,
    );
    expect(result).toMatchObject({ ok: false, error: { code, field: 'letterDueDate' } });
  });
});
