import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  adviceAccess,
  allowedAdviceActions,
  createAdviceRequest,
  DomainError,
  generateUbrn,
  referralAccess,
  requireUbrn,
  transitionAdvice,
  type AccessLevel,
  type Actor,
  type AdviceEvent,
  type AdviceEventType,
  type AdviceSnapshot,
  type AllowedAdviceAction,
  type ConversionAuthorisation,
  type Priority,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { UK_TIME_ZONE, ukDate } from '../../time.js';
import { Organisation, Service } from '../directory/index.js';
import { runIdempotent } from '../idempotency/index.js';
import { User } from '../identity/index.js';
import { Patient } from '../patients/index.js';
import {
  auditAction,
  decodeSnapshot,
  ensureServicesSuitable,
  Referral,
  shortlistEntryOf,
  type ReferralRead,
  type ReferralRuntime,
  type ReferralService,
  type WriteOptions,
} from '../referrals/index.js';
import { AdviceMessage } from './advice-message.entity.js';
import { decodeAdviceSnapshot } from './advice-snapshot-codec.js';
import { AdviceStore, type StoredAdviceChange } from './advice-store.js';
import { AdviceRequest } from './advice.entity.js';

/** An advice request as read: its row, the domain snapshot and what the reader may see of it. */
export interface AdviceRead {
  readonly advice: AdviceRequest;
  readonly snapshot: AdviceSnapshot;
  readonly access: Exclude<AccessLevel, 'NONE'>;
}

/** The result of a write: the request after it, a converted referral, and whether replayed. */
export interface AdviceWrite extends AdviceRead {
  /** The referral a conversion created on the same UBRN; null for other writes. */
  readonly referral: ReferralRead | null;
  readonly replayed: boolean;
}

/** One message of a conversation with its author, the clinician acted for and organisation. */
export interface ConversationLine {
  readonly message: AdviceMessage;
  readonly user: User | null;
  readonly onBehalfOf: User | null;
  readonly organisation: Organisation | null;
}

/** What a referrer sends to ask for Advice & Guidance. */
export interface CreateAdviceRequestInput {
  readonly patientId: string;
  /** The one advice service asked. */
  readonly serviceId: string;
  readonly priority: Priority;
  /** The question, up to 8,000 characters. */
  readonly request: string;
  readonly providerConversionAuthorisation: ConversionAuthorisation | null;
}

/** What a write produced inside its transaction (or replayed from an earlier one). */
interface Written {
  readonly advice: AdviceRequest;
  readonly snapshot: AdviceSnapshot;
  readonly change: StoredAdviceChange | null;
  readonly event: AdviceEventType | 'CREATE_ADVICE_REQUEST' | null;
  readonly referral: ReferralRead | null;
  readonly replayed: boolean;
}

/** Attempts at finding a UBRN no referral or advice request has, before giving up. */
const UBRN_ATTEMPTS = 4;

/**
 * Advice & Guidance commands and reads. Rules come from the domain's advice machine; this class
 * loads the facts the rules need, runs them, and stores the outcome through {@link AdviceStore}
 * in one transaction, with the idempotency key when given and one audit line. A conversion's
 * referral is stored in the same transaction through the referrals module, on the same UBRN.
 * Changes are announced after commit.
 */
export class AdviceService {
  constructor(
    private readonly rt: ReferralRuntime,
    private readonly referrals: ReferralService,
  ) {}

  get now(): Date {
    return this.rt.now;
  }

  /** Reads an advice request the actor has a legitimate relationship with (else NO_RELATIONSHIP). */
  async read(ubrn: string, actor: Actor, em: EntityManager = this.rt.em): Promise<AdviceRead> {
    const advice = await em.findOne(AdviceRequest, { ubrn: requireUbrn(ubrn) });
    if (!advice) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'ubrn' });
    const snapshot = decodeAdviceSnapshot(advice.snapshot);
    const access = adviceAccess(snapshot, actor);
    if (access === 'NONE') throw new DomainError('NO_RELATIONSHIP');
    return { advice, snapshot, access };
  }

  /** Reads an advice request for display, recording the read in the audit trail (once). */
  async view(ubrn: string, actor: Actor): Promise<AdviceRead> {
    const read = await this.read(ubrn, actor);
    await this.rt.audit?.record({
      action: 'VIEW_ADVICE_REQUEST',
      patientId: read.snapshot.patientId,
      ubrn: read.snapshot.ubrn,
    });
    return read;
  }

  /**
   * Refuses with NO_RELATIONSHIP unless the actor has a legitimate relationship with the
   * referral or the advice request on this UBRN (one UBRN can hold both, and the advice provider
   * keeps its relationship with the conversation after a conversion); REFERENCE_NOT_FOUND when
   * the UBRN has neither. For records about a UBRN rather than one of them (the access log).
   */
  async requireUbrnRelationship(ubrn: string, actor: Actor): Promise<void> {
    const id = requireUbrn(ubrn);
    const [referral, advice] = await Promise.all([
      this.rt.em.findOne(Referral, { ubrn: id }),
      this.rt.em.findOne(AdviceRequest, { ubrn: id }),
    ]);
    if (!referral && !advice) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'ubrn' });
    const related =
      (referral && referralAccess(decodeSnapshot(referral.snapshot), actor) !== 'NONE') ||
      (advice && adviceAccess(decodeAdviceSnapshot(advice.snapshot), actor) !== 'NONE');
    if (!related) throw new DomainError('NO_RELATIONSHIP');
  }

  /** The advice actions the actor could take now. */
  allowedActions(snapshot: AdviceSnapshot, actor: Actor): AllowedAdviceAction[] {
    return allowedAdviceActions(snapshot, actor, this.rt.now, { timeZone: UK_TIME_ZONE });
  }

  /**
   * The conversation of an advice request, oldest message first, with the people and
   * organisations named: three queries, however long the conversation.
   */
  async conversation(
    adviceId: string,
    em: EntityManager = this.rt.em,
  ): Promise<ConversationLine[]> {
    const messages = await em.find(
      AdviceMessage,
      { adviceRequest: adviceId },
      { orderBy: { version: 'asc' } },
    );
    const userIds = new Set<string>();
    for (const m of messages) {
      userIds.add(m.userId);
      if (m.onBehalfOfUserId) userIds.add(m.onBehalfOfUserId);
    }
    const organisationIds = [...new Set(messages.map((m) => m.organisationId))];
    const [users, organisations] = await Promise.all([
      userIds.size ? em.find(User, { id: { $in: [...userIds] } }) : [],
      organisationIds.length ? em.find(Organisation, { id: { $in: organisationIds } }) : [],
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const organisationById = new Map(organisations.map((o) => [o.id, o]));
    return messages.map((message) => ({
      message,
      user: userById.get(message.userId) ?? null,
      onBehalfOf: (message.onBehalfOfUserId && userById.get(message.onBehalfOfUserId)) || null,
      organisation: organisationById.get(message.organisationId) ?? null,
    }));
  }

  /**
   * Asks for Advice & Guidance (A044): the patient, one advice service the patient is eligible
   * for, the priority, the question and whether the provider may convert it into a referral,
   * with a new UBRN. A referring clinician admin sends it for the clinician they named when
   * choosing their role.
   */
  async create(
    input: CreateAdviceRequestInput,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<AdviceWrite> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.createOnce(input, actor, options);
      } catch (error) {
        // A new random UBRN collided with another advice request's: try again with another.
        if (
          attempt < 3 &&
          error instanceof UniqueConstraintViolationException &&
          /ubrn/i.test(error.message)
        ) {
          continue;
        }
        throw error;
      }
    }
  }

  private async createOnce(
    input: CreateAdviceRequestInput,
    actor: Actor,
    options: WriteOptions,
  ): Promise<AdviceWrite> {
    const { now } = this.rt;
    const operation = 'createAdviceRequest';
    const result = await runIdempotent<Written, { ubrn: string }>(this.rt.em, {
      userId: actor.userId,
      key: options.idempotencyKey,
      operation,
      args: input,
      run: async (tx) => {
        const patient = await tx.findOne(Patient, { id: input.patientId });
        if (!patient) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'patientId' });
        const service = await tx.findOne(Service, { id: input.serviceId });
        if (!service) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'serviceId' });
        // The service must be one an advice search for this patient would return.
        ensureServicesSuitable(
          [service],
          patient,
          {
            priority: input.priority,
            requestType: 'ADVICE_AND_GUIDANCE_REQUEST',
            today: ukDate(now),
          },
          () => 'serviceId',
        );
        const outcome = createAdviceRequest(
          {
            ubrn: await this.unusedUbrn(tx),
            patientId: patient.id,
            priority: input.priority,
            service: shortlistEntryOf(service),
            request: input.request,
            providerConversionAuthorisation: input.providerConversionAuthorisation,
            commissioningOrganisationId: null,
          },
          actor,
          now,
        );
        if (!outcome.ok) throw outcome.error;
        const { advice, change } = await new AdviceStore(tx).insert(outcome.value, randomUUID(), {
          actor,
          now,
          requestId: this.rt.requestId,
        });
        await this.rt.audit?.record(
          {
            action: auditAction(operation),
            patientId: patient.id,
            ubrn: advice.ubrn,
            details: { serviceId: service.id, priority: input.priority },
          },
          { em: tx },
        );
        return {
          advice,
          snapshot: outcome.value.snapshot,
          change,
          event: 'CREATE_ADVICE_REQUEST',
          referral: null,
          replayed: false,
        };
      },
      remember: (r) => ({ ubrn: r.advice.ubrn }),
      replay: (remembered) => this.replay(remembered.ubrn, actor, operation),
    });
    return this.finish(result, actor);
  }

  /**
   * Applies one domain event to an advice request, in one transaction: read, check with the
   * domain's `transitionAdvice`, store the new snapshot with a compare-and-swap on the version,
   * record the message, rewrite the worklist entries, store a converted referral, and record
   * one audit line. `build` supplies the event with the facts only the database knows.
   */
  async apply(
    ubrn: string,
    actor: Actor,
    operation: string,
    args: unknown,
    options: WriteOptions,
    build: (tx: EntityManager, snapshot: AdviceSnapshot) => Promise<AdviceEvent>,
  ): Promise<AdviceWrite> {
    const { now } = this.rt;
    const result = await runIdempotent<Written, { ubrn: string }>(this.rt.em, {
      userId: actor.userId,
      key: options.idempotencyKey,
      operation,
      args: {
        ubrn,
        ...((args as object) ?? {}),
        expectedVersion: options.expectedVersion ?? null,
      },
      run: async (tx) => {
        const { advice, snapshot } = await this.read(ubrn, actor, tx);
        const event: AdviceEvent = {
          ...(await build(tx, snapshot)),
          expectedVersion: options.expectedVersion ?? null,
        };
        const outcome = transitionAdvice(snapshot, event, actor, now, this.rt.dateContext);
        if (!outcome.ok) throw outcome.error;
        const author = { actor, now, requestId: this.rt.requestId };
        const change = await new AdviceStore(tx).update(advice, snapshot, outcome.value, author);
        let referral: ReferralRead | null = null;
        for (const effect of outcome.value.effects) {
          if (effect.type !== 'CREATE_REFERRAL') continue;
          referral = await this.referrals.insertConverted(
            tx,
            { snapshot: effect.referral, effects: effect.effects },
            actor,
            { convertedFromAdvice: true },
          );
        }
        await this.rt.audit?.record(
          {
            action: auditAction(operation),
            patientId: snapshot.patientId,
            ubrn: snapshot.ubrn,
            details: auditDetails(event),
          },
          { em: tx },
        );
        return {
          advice,
          snapshot: outcome.value.snapshot,
          change,
          event: event.type,
          referral,
          replayed: false,
        };
      },
      remember: (r) => ({ ubrn: r.advice.ubrn }),
      replay: (remembered) => this.replay(remembered.ubrn, actor, operation),
    });
    return this.finish(result, actor);
  }

  /**
   * A new random UBRN that no referral has either: a converted request's referral takes the
   * request's UBRN. (A clash with another advice request is caught by its unique index.)
   */
  private async unusedUbrn(tx: EntityManager): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const ubrn = generateUbrn(this.rt.random);
      if ((await tx.count(Referral, { ubrn })) === 0 || attempt >= UBRN_ATTEMPTS) return ubrn;
    }
  }

  /**
   * The remembered result of an earlier request with the same idempotency key, read afresh:
   * recorded in the audit trail as a read of the request (with the referral a conversion made).
   */
  private async replay(ubrn: string, actor: Actor, operation: string): Promise<Written> {
    const em = this.rt.em.fork();
    const read = await this.read(ubrn, actor, em);
    const referral =
      read.snapshot.state === 'ADVICE_CONVERTED' && operation === 'convertAdviceToReferral'
        ? await this.referrals.read(ubrn, actor, em)
        : null;
    await this.rt.audit?.record({
      action: 'VIEW_ADVICE_REQUEST',
      patientId: read.snapshot.patientId,
      ubrn: read.snapshot.ubrn,
      details: { replayOf: auditAction(operation) },
    });
    return {
      advice: read.advice,
      snapshot: read.snapshot,
      change: null,
      event: null,
      referral,
      replayed: true,
    };
  }

  /** Announces a committed change and shapes the result for the writer. */
  private async finish(result: Written, actor: Actor): Promise<AdviceWrite> {
    if (result.change && result.event) {
      this.rt.changes.publishReferralChange({
        ubrn: result.change.ubrn,
        version: result.change.version,
        event: result.event,
        organisationIds: result.change.organisationIds,
        at: this.rt.now,
      });
      if (result.referral) await this.referrals.announceCreated(result.change.ubrn);
    }
    const access = adviceAccess(result.snapshot, actor);
    return {
      advice: result.advice,
      snapshot: result.snapshot,
      // The writer sees the outcome of what they did, at the level their role allows.
      access: access === 'NONE' ? 'ADMINISTRATIVE' : access,
      referral: result.referral,
      replayed: result.replayed,
    };
  }
}

/** A few facts of an event for the audit trail (never its clinical text). */
function auditDetails(event: AdviceEvent): Record<string, string | null> | null {
  switch (event.type) {
    case 'RESPOND':
      return {
        outcome: event.outcome,
        recommendation: event.recommendation ?? null,
        updatedPriority: event.updatedPriority,
      };
    case 'CONVERT_TO_REFERRAL':
      return { priority: event.priority };
    default:
      return null;
  }
}
