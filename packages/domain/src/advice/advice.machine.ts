import {
  hasLegitimateRelationship,
  referralAccess,
  roleSide,
  type AccessLevel,
  type Actor,
  type ReferralParties,
  type Role,
} from '../access/index.js';
import { DEFAULT_TIME_ZONE, localDate, type DateContext } from '../dates/index.js';
import { DomainError, err, ok, type ErrorCode, type Result } from '../errors/index.js';
import { parseUbrn } from '../identifiers/index.js';
import {
  ADVICE_RECOMMENDATIONS,
  ADVICE_TEXT_MAX_LENGTH,
  COMMENT_MAX_LENGTH,
  findReason,
  isPriority,
  isReasonInEffect,
  reasonsUsableBy,
  type Priority,
} from '../reference/index.js';
import { createReferral, referralConvertedByProvider } from '../referral/referral.machine.js';
import type { ShortlistEntry } from '../referral/referral.types.js';
import { adviceWorklists } from '../worklists/advice-worklists.js';
import type { WorklistMembership } from '../worklists/worklist-codes.js';
import {
  ADVICE_EVENT_TYPES,
  CONVERSION_AUTHORISATIONS,
  type AdviceEffect,
  type AdviceEvent,
  type AdviceEventType,
  type AdviceSnapshot,
  type AdviceState,
  type ConversionAuthorisation,
} from './advice.types.js';

/**
 * The Advice & Guidance state machine (reference §4.3), in the same style as the referral
 * machine: a table of who may do what from which state, guards, and a pure {@link
 * transitionAdvice} returning the next snapshot and effects.
 *
 * Only clinicians (and the clinician admins who act for them) take part: the conversation is
 * clinical content, which admin roles never see.
 */

const RC: Role = 'REFERRING_CLINICIAN';
const RCA: Role = 'REFERRING_CLINICIAN_ADMIN';
const SPC: Role = 'SERVICE_PROVIDER_CLINICIAN';
const SPCA: Role = 'SERVICE_PROVIDER_CLINICIAN_ADMIN';

const OPEN: readonly AdviceState[] = [
  'PROVIDER_RESPONSE_REQUIRED',
  'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  'REFERRER_TO_REVIEW_RESPONSE',
];

/** One row of the advice transition table. */
export interface AdviceTransitionRule {
  readonly event: AdviceEventType;
  readonly roles: readonly Role[];
  readonly from: Partial<Readonly<Record<'REFERRER' | 'PROVIDER', readonly AdviceState[]>>>;
  readonly to: string;
}

/** The Advice & Guidance transition table. */
export const ADVICE_TRANSITIONS: Readonly<Record<AdviceEventType, AdviceTransitionRule>> = {
  RESPOND: {
    event: 'RESPOND',
    roles: [SPC, SPCA],
    from: { PROVIDER: ['PROVIDER_RESPONSE_REQUIRED'] },
    to: 'REFERRER_TO_REVIEW_RESPONSE (advice) or REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  },
  SEND_FURTHER_INFORMATION: {
    event: 'SEND_FURTHER_INFORMATION',
    roles: [RC, RCA],
    from: { REFERRER: ['REFERRER_TO_SUBMIT_FURTHER_INFORMATION', 'REFERRER_TO_REVIEW_RESPONSE'] },
    to: 'PROVIDER_RESPONSE_REQUIRED',
  },
  CLOSE: {
    event: 'CLOSE',
    roles: [RC, RCA],
    from: { REFERRER: ['REFERRER_TO_REVIEW_RESPONSE'] },
    to: 'CONVERSATION_ENDED_CLOSED',
  },
  CANCEL: {
    event: 'CANCEL',
    roles: [RC, RCA],
    from: { REFERRER: OPEN },
    to: 'CONVERSATION_ENDED_CANCELLED',
  },
  CONVERT_TO_REFERRAL: {
    event: 'CONVERT_TO_REFERRAL',
    roles: [RC, RCA, SPC, SPCA],
    from: { PROVIDER: ['PROVIDER_RESPONSE_REQUIRED'], REFERRER: ['REFERRER_TO_REVIEW_RESPONSE'] },
    to: 'ADVICE_CONVERTED, creating a referral on the same UBRN',
  },
};

/** The parties to an advice request: the provider is party from the moment it is sent. */
export function adviceParties(advice: AdviceSnapshot): ReferralParties {
  return {
    patientId: advice.patientId,
    referringOrganisationId: advice.referringOrganisationId,
    commissioningOrganisationId: advice.commissioningOrganisationId,
    providerOrganisationIds: [advice.service.providerOrganisationId],
  };
}

/** What an actor may see of an advice request (see `referralAccess`). */
export function adviceAccess(advice: AdviceSnapshot, actor: Actor): AccessLevel {
  return referralAccess(adviceParties(advice), actor);
}

/** The next snapshot and effects of an advice transition. */
export interface AdviceTransitionOutcome {
  readonly snapshot: AdviceSnapshot;
  readonly effects: readonly AdviceEffect[];
}

/** One action an actor could take on an advice request now. */
export interface AllowedAdviceAction {
  readonly type: AdviceEventType;
  /** For RESPOND: the outcomes this actor may give. */
  readonly outcomes: readonly string[];
}

const refuse = (code: ErrorCode, options: ConstructorParameters<typeof DomainError>[1] = {}) =>
  new DomainError(code, options);

function side(actor: Actor): 'REFERRER' | 'PROVIDER' | null {
  const s = roleSide(actor.role);
  return s === 'REFERRER' || s === 'PROVIDER' ? s : null;
}

/** Role, state, organisation and on-behalf-of checks for one event type. */
function actionRefusal(
  type: AdviceEventType,
  advice: AdviceSnapshot,
  actor: Actor,
): DomainError | null {
  const rule = ADVICE_TRANSITIONS[type];
  if (!rule.roles.includes(actor.role)) return refuse('FORBIDDEN');
  const who = side(actor);
  const states = (who && rule.from[who]) ?? [];
  if (!states.includes(advice.state)) {
    return refuse('INVALID_REQUEST_STATE', { details: { state: advice.state } });
  }
  if (actor.role === SPCA && !actor.onBehalfOfUserId) {
    return refuse('ON_BEHALF_OF_REQUIRED', { field: 'onBehalfOfUserId' });
  }
  if (type === 'CONVERT_TO_REFERRAL' && who === 'PROVIDER') {
    if (advice.providerConversionAuthorisation !== 'AUTHORISED_TO_CONVERT') {
      return refuse('NOT_AUTHORISED_TO_CONVERT');
    }
  }
  return null;
}

function checkText(
  text: string | null | undefined,
  field: string,
  max = ADVICE_TEXT_MAX_LENGTH,
): Result<string> {
  const value = typeof text === 'string' ? text.trim() : '';
  if (value === '') return err(refuse('TEXT_REQUIRED', { field }));
  if (value.length > max) {
    return err(
      refuse(max === COMMENT_MAX_LENGTH ? 'COMMENT_TOO_LONG' : 'TEXT_TOO_LONG', { field }),
    );
  }
  return ok(value);
}

const membershipKey = (m: WorklistMembership) => `${m.worklist}\u0000${m.organisationId}`;

function worklistEffects(before: AdviceSnapshot | null, after: AdviceSnapshot): AdviceEffect[] {
  const was = new Map((before ? adviceWorklists(before) : []).map((m) => [membershipKey(m), m]));
  const is = new Map(adviceWorklists(after).map((m) => [membershipKey(m), m]));
  const effects: AdviceEffect[] = [];
  for (const [key, m] of was) if (!is.has(key)) effects.push({ type: 'TAKE_OFF_WORKLIST', ...m });
  for (const [key, m] of is) if (!was.has(key)) effects.push({ type: 'PUT_ON_WORKLIST', ...m });
  return effects;
}

function commit(
  before: AdviceSnapshot | null,
  next: AdviceSnapshot,
  effects: readonly AdviceEffect[],
  now: Date,
): AdviceTransitionOutcome {
  const snapshot: AdviceSnapshot = {
    ...next,
    version: before === null ? 1 : before.version + 1,
    lastActivityAt: now,
    stateChangedAt: before === null || before.state !== next.state ? now : next.stateChangedAt,
  };
  return { snapshot, effects: [...effects, ...worklistEffects(before, snapshot)] };
}

/** What a referrer submits to ask for Advice & Guidance (A044). */
export interface CreateAdviceRequestCommand {
  /** A new UBRN allocated by the server. */
  readonly ubrn: string;
  readonly patientId: string;
  readonly priority: Priority;
  /** The one advice service asked (an A&G shortlist holds exactly one service). */
  readonly service: ShortlistEntry;
  /** The question, up to 8,000 characters. */
  readonly request: string;
  /** The referrer must say whether the provider may convert the request into a referral. */
  readonly providerConversionAuthorisation: ConversionAuthorisation | null;
  readonly commissioningOrganisationId?: string | null;
}

/**
 * Creates an Advice & Guidance request: referring clinicians, or their admins naming the
 * clinician in `actor.onBehalfOfUserId`; one advice service that accepts the priority; the
 * question; and the referrer's answer on conversion.
 */
export function createAdviceRequest(
  command: CreateAdviceRequestCommand,
  actor: Actor,
  now: Date,
): Result<AdviceTransitionOutcome> {
  if (actor.role !== RC && actor.role !== RCA) return err(refuse('FORBIDDEN'));
  if (actor.role === RCA && !actor.onBehalfOfUserId) {
    return err(refuse('ON_BEHALF_OF_REQUIRED', { field: 'onBehalfOfUserId' }));
  }
  const ubrn = parseUbrn(command.ubrn ?? '');
  if (ubrn === null) return err(refuse('INVALID_UBRN', { field: 'ubrn' }));
  if (!isPriority(command.priority)) return err(refuse('INVALID_PRIORITY', { field: 'priority' }));
  if (command.service.requestFlow !== 'ADVICE_AND_GUIDANCE_REQUEST') {
    return err(refuse('SERVICE_NOT_SUITABLE', { field: 'service' }));
  }
  if (!command.service.priorities.includes(command.priority)) {
    return err(refuse('UNSUPPORTED_PRIORITY', { field: 'service' }));
  }
  const request = checkText(command.request, 'request');
  if (!request.ok) return request;
  const authorisation = command.providerConversionAuthorisation;
  if (authorisation === null || !CONVERSION_AUTHORISATIONS.includes(authorisation)) {
    return err(
      refuse('CONVERSION_AUTHORISATION_REQUIRED', { field: 'providerConversionAuthorisation' }),
    );
  }
  const snapshot: AdviceSnapshot = {
    ubrn,
    version: 0,
    state: 'PROVIDER_RESPONSE_REQUIRED',
    stateChangedAt: now,
    createdAt: now,
    lastActivityAt: now,
    priority: command.priority,
    patientId: command.patientId,
    referringOrganisationId: actor.organisationId,
    referringClinicianId: actor.role === RCA ? actor.onBehalfOfUserId! : actor.userId,
    commissioningOrganisationId: command.commissioningOrganisationId ?? null,
    service: command.service,
    providerConversionAuthorisation: authorisation,
    lastOutcome: null,
    recommendation: null,
    messageCount: 1,
    firstRespondedAt: null,
  };
  return ok(
    commit(
      null,
      snapshot,
      [
        { type: 'RECORD_MESSAGE', author: 'REFERRER', kind: 'REQUEST', text: request.value },
        {
          type: 'NOTIFY',
          recipient: 'PROVIDER',
          organisationId: command.service.providerOrganisationId,
          about: 'CREATE',
          state: 'PROVIDER_RESPONSE_REQUIRED',
        },
      ],
      now,
    ),
  );
}

/**
 * Applies an event to an advice request. Refusals come in the same order as for referrals:
 * `NO_RELATIONSHIP`, `STALE_VERSION`, `FORBIDDEN`, `INVALID_REQUEST_STATE`, then the event's own
 * checks. A conversion by the referrer uses `context` for the new referral's letter due date.
 */
export function transitionAdvice(
  advice: AdviceSnapshot,
  event: AdviceEvent,
  actor: Actor,
  now: Date,
  context: DateContext,
): Result<AdviceTransitionOutcome> {
  if (!hasLegitimateRelationship(adviceParties(advice), actor))
    return err(refuse('NO_RELATIONSHIP'));
  if (event.expectedVersion != null && event.expectedVersion !== advice.version) {
    return err(refuse('STALE_VERSION', { details: { currentVersion: advice.version } }));
  }
  if (!(ADVICE_EVENT_TYPES as readonly string[]).includes(event.type)) {
    return err(refuse('BAD_USER_INPUT', { field: 'type' }));
  }
  const refusal = actionRefusal(event.type, advice, actor);
  if (refusal) return err(refusal);
  const provider = advice.service.providerOrganisationId;
  const referrer = advice.referringOrganisationId;

  switch (event.type) {
    case 'RESPOND': {
      if (!event.outcome) return err(refuse('REASON_REQUIRED', { field: 'outcome' }));
      const outcome = findReason('ADVICE_OUTCOME', event.outcome);
      if (!outcome) return err(refuse('INVALID_CODE', { field: 'outcome' }));
      if (
        !outcome.roles.includes(actor.role) ||
        !isReasonInEffect(outcome, localDate(now, context.timeZone))
      ) {
        return err(refuse('REASON_NOT_ALLOWED', { field: 'outcome' }));
      }
      const guidance = checkText(event.guidance, 'guidance');
      if (!guidance.ok) return guidance;
      if (!isPriority(event.updatedPriority))
        return err(refuse('INVALID_PRIORITY', { field: 'updatedPriority' }));
      const advises = outcome.code === 'RETURN_TO_REFERRER_WITH_ADVICE';
      const recommendation = event.recommendation ?? null;
      if (advises && !ADVICE_RECOMMENDATIONS.some((r) => r.code === recommendation)) {
        return err(refuse('RECOMMENDATION_REQUIRED', { field: 'recommendation' }));
      }
      const state: AdviceState = advises
        ? 'REFERRER_TO_REVIEW_RESPONSE'
        : 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION';
      const next: AdviceSnapshot = {
        ...advice,
        state,
        priority: event.updatedPriority,
        lastOutcome: outcome.code as AdviceSnapshot['lastOutcome'],
        recommendation: advises ? recommendation : advice.recommendation,
        messageCount: advice.messageCount + 1,
        firstRespondedAt: advice.firstRespondedAt ?? now,
      };
      return ok(
        commit(
          advice,
          next,
          [
            {
              type: 'RECORD_MESSAGE',
              author: 'PROVIDER',
              kind: advises ? 'ADVICE' : 'REQUEST_FOR_INFORMATION',
              text: guidance.value,
            },
            {
              type: 'NOTIFY',
              recipient: 'REFERRER',
              organisationId: referrer,
              about: 'RESPOND',
              state,
            },
          ],
          now,
        ),
      );
    }
    case 'SEND_FURTHER_INFORMATION': {
      const text = checkText(event.text, 'text');
      if (!text.ok) return text;
      const next: AdviceSnapshot = {
        ...advice,
        state: 'PROVIDER_RESPONSE_REQUIRED',
        messageCount: advice.messageCount + 1,
      };
      return ok(
        commit(
          advice,
          next,
          [
            {
              type: 'RECORD_MESSAGE',
              author: 'REFERRER',
              kind: 'FURTHER_INFORMATION',
              text: text.value,
            },
            {
              type: 'NOTIFY',
              recipient: 'PROVIDER',
              organisationId: provider,
              about: 'SEND_FURTHER_INFORMATION',
              state: 'PROVIDER_RESPONSE_REQUIRED',
            },
          ],
          now,
        ),
      );
    }
    case 'CLOSE':
      return ok(commit(advice, { ...advice, state: 'CONVERSATION_ENDED_CLOSED' }, [], now));
    case 'CANCEL': {
      const comment = typeof event.comment === 'string' ? event.comment.trim() : '';
      if (comment.length > COMMENT_MAX_LENGTH)
        return err(refuse('COMMENT_TOO_LONG', { field: 'comment' }));
      const effects: AdviceEffect[] = [
        {
          type: 'NOTIFY',
          recipient: 'PROVIDER',
          organisationId: provider,
          about: 'CANCEL',
          state: 'CONVERSATION_ENDED_CANCELLED',
        },
      ];
      if (comment !== '') {
        effects.unshift({
          type: 'RECORD_MESSAGE',
          author: 'REFERRER',
          kind: 'CANCELLATION',
          text: comment,
        });
      }
      return ok(commit(advice, { ...advice, state: 'CONVERSATION_ENDED_CANCELLED' }, effects, now));
    }
    case 'CONVERT_TO_REFERRAL': {
      if (!isPriority(event.priority))
        return err(refuse('INVALID_PRIORITY', { field: 'priority' }));
      if (side(actor) === 'PROVIDER') {
        const comment = checkText(event.comment, 'comment', COMMENT_MAX_LENGTH);
        if (!comment.ok) {
          return err(
            comment.error.code === 'TEXT_REQUIRED'
              ? refuse('COMMENT_REQUIRED', { field: 'comment' })
              : comment.error,
          );
        }
        const referral = referralConvertedByProvider(
          {
            ubrn: advice.ubrn,
            patientId: advice.patientId,
            referringOrganisationId: referrer,
            referringClinicianId: advice.referringClinicianId,
            commissioningOrganisationId: advice.commissioningOrganisationId,
            priority: event.priority,
            service: advice.service,
            comment: comment.value,
          },
          now,
          context.timeZone,
        );
        return ok(
          commit(
            advice,
            {
              ...advice,
              state: 'ADVICE_CONVERTED',
              priority: event.priority,
              messageCount: advice.messageCount + 1,
            },
            [
              {
                type: 'RECORD_MESSAGE',
                author: 'PROVIDER',
                kind: 'CONVERSION',
                text: comment.value,
              },
              { type: 'CREATE_REFERRAL', referral: referral.snapshot, effects: referral.effects },
              {
                type: 'NOTIFY',
                recipient: 'REFERRER',
                organisationId: referrer,
                about: 'CONVERT_TO_REFERRAL',
                state: 'ADVICE_CONVERTED',
              },
            ],
            now,
          ),
        );
      }
      const created = createReferral(
        {
          ubrn: advice.ubrn,
          patientId: advice.patientId,
          patientHasRegisteredGp: true,
          priority: event.priority,
          shortlist: event.shortlist ?? [],
          letterStatus: event.letterStatus ?? 'NOT_INTENDING_TO_ADD',
          // The request's conversation is the clinical information; no letter comes with it.
          clinicalInformation: null,
          letterDocumentCount: 0,
          commissioningOrganisationId: advice.commissioningOrganisationId,
          convertedFromAdvice: true,
        },
        // An admin converting acts for the clinician who asked, unless they name another.
        actor.role === RCA
          ? { ...actor, onBehalfOfUserId: actor.onBehalfOfUserId ?? advice.referringClinicianId }
          : actor,
        now,
        context,
      );
      if (!created.ok) return created;
      const note = typeof event.comment === 'string' ? event.comment.trim() : '';
      if (note.length > COMMENT_MAX_LENGTH)
        return err(refuse('COMMENT_TOO_LONG', { field: 'comment' }));
      const effects: AdviceEffect[] = [
        {
          type: 'CREATE_REFERRAL',
          referral: created.value.snapshot,
          effects: created.value.effects,
        },
      ];
      if (note !== '')
        effects.unshift({
          type: 'RECORD_MESSAGE',
          author: 'REFERRER',
          kind: 'CONVERSION',
          text: note,
        });
      return ok(
        commit(
          advice,
          { ...advice, state: 'ADVICE_CONVERTED', priority: event.priority },
          effects,
          now,
        ),
      );
    }
  }
}

/** The advice events an actor could make now, with the outcomes to offer. */
export function allowedAdviceActions(
  advice: AdviceSnapshot,
  actor: Actor,
  now: Date,
  options: { timeZone?: string } = {},
): AllowedAdviceAction[] {
  if (!hasLegitimateRelationship(adviceParties(advice), actor)) return [];
  const today = localDate(now, options.timeZone ?? DEFAULT_TIME_ZONE);
  return ADVICE_EVENT_TYPES.filter((type) => actionRefusal(type, advice, actor) === null).map(
    (type) => ({
      type,
      outcomes:
        type === 'RESPOND'
          ? reasonsUsableBy('ADVICE_OUTCOME', actor.role, { today }).map((r) => r.code)
          : [],
    }),
  );
}
