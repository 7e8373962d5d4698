import {
  adviceWorklistEntries,
  DomainError,
  worklistInfo,
  type Actor,
  type AdviceEffect,
  type AdviceSnapshot,
  type AdviceTransitionOutcome,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { Service } from '../directory/index.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import { AdviceMessage } from './advice-message.entity.js';
import { encodeAdviceSnapshot } from './advice-snapshot-codec.js';
import { AdviceRequest } from './advice.entity.js';

/** Who made an advice event, and when, for the conversation. */
export interface AdviceAuthor {
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId: string | null;
}

/** What a stored advice transition changed, for notifications after commit. */
export interface StoredAdviceChange {
  readonly ubrn: string;
  readonly version: number;
  /** Organisations whose worklists gained or lost this request, or whose entries changed. */
  readonly organisationIds: readonly string[];
}

/** The columns queries use, written from the snapshot. */
function columnsOf(snapshot: AdviceSnapshot) {
  return {
    state: snapshot.state,
    priority: snapshot.priority,
    version: snapshot.version,
    snapshot: encodeAdviceSnapshot(snapshot),
    stateChangedAt: snapshot.stateChangedAt,
    firstRespondedAt: snapshot.firstRespondedAt,
    lastActivityAt: snapshot.lastActivityAt,
  };
}

/**
 * Writes advice requests and the consequences of their transitions, inside a caller's
 * transaction: the compare-and-swap on the version, the conversation's new message and the
 * worklist projection. Knows persistence, not rules. A conversion's referral is stored by the
 * caller, through the referrals module.
 */
export class AdviceStore {
  constructor(private readonly tx: EntityManager) {}

  /** Inserts a new advice request created by the domain, with its first message and worklists. */
  async insert(
    outcome: AdviceTransitionOutcome,
    id: string,
    author: AdviceAuthor,
  ): Promise<{ advice: AdviceRequest; change: StoredAdviceChange }> {
    const { snapshot } = outcome;
    const advice = this.tx.create(AdviceRequest, {
      id,
      ubrn: snapshot.ubrn,
      patient: snapshot.patientId,
      referringOrganisation: snapshot.referringOrganisationId,
      referringClinicianId: snapshot.referringClinicianId,
      service: snapshot.service.serviceId,
      providerOrganisation: snapshot.service.providerOrganisationId,
      providerConversionAuthorisation: snapshot.providerConversionAuthorisation,
      createdAt: snapshot.createdAt,
      updatedAt: author.now,
      ...columnsOf(snapshot),
    });
    await this.tx.flush();
    await this.recordMessages(advice, snapshot, outcome.effects, author);
    const organisationIds = await this.rewriteWorklists(advice, snapshot);
    return {
      advice,
      change: { ubrn: snapshot.ubrn, version: snapshot.version, organisationIds },
    };
  }

  /**
   * Stores a transition of `advice` from `before` to `outcome.snapshot`. Refused with
   * STALE_VERSION when another writer stored a newer version first (compare-and-swap).
   */
  async update(
    advice: AdviceRequest,
    before: AdviceSnapshot,
    outcome: AdviceTransitionOutcome,
    author: AdviceAuthor,
  ): Promise<StoredAdviceChange> {
    const next = outcome.snapshot;
    const updated = await this.tx.nativeUpdate(
      AdviceRequest,
      { id: advice.id, version: before.version },
      { ...columnsOf(next), updatedAt: author.now },
    );
    if (updated !== 1) {
      throw new DomainError('STALE_VERSION', { details: { currentVersion: before.version } });
    }
    Object.assign(advice, { ...columnsOf(next), updatedAt: author.now });
    await this.recordMessages(advice, next, outcome.effects, author);
    const previous = (
      await this.tx.find(
        WorklistEntryRecord,
        { adviceRequest: advice.id },
        { fields: ['organisationId'] },
      )
    ).map((e) => e.organisationId);
    const now = await this.rewriteWorklists(advice, next);
    return {
      ubrn: next.ubrn,
      version: next.version,
      organisationIds: [...new Set([...previous, ...now])],
    };
  }

  /**
   * Stores the message an event recorded (the machine records at most one per event), with the
   * outcome, recommendation and priority it came with.
   */
  private async recordMessages(
    advice: AdviceRequest,
    snapshot: AdviceSnapshot,
    effects: readonly AdviceEffect[],
    author: AdviceAuthor,
  ): Promise<void> {
    for (const effect of effects) {
      if (effect.type !== 'RECORD_MESSAGE') continue;
      const response = effect.kind === 'ADVICE' || effect.kind === 'REQUEST_FOR_INFORMATION';
      const setsPriority = response || effect.kind === 'REQUEST' || effect.kind === 'CONVERSION';
      await this.tx.insert(AdviceMessage, {
        id: randomUUID(),
        adviceRequest: advice.id,
        version: snapshot.version,
        kind: effect.kind,
        author: effect.author,
        userId: author.actor.userId,
        role: author.actor.role,
        organisationId: author.actor.organisationId,
        onBehalfOfUserId: author.actor.onBehalfOfUserId ?? null,
        sentAt: author.now,
        text: effect.text,
        outcome: response ? snapshot.lastOutcome : null,
        recommendation: effect.kind === 'ADVICE' ? snapshot.recommendation : null,
        priority: setsPriority ? snapshot.priority : null,
        requestId: author.requestId,
      });
    }
  }

  /** Replaces the request's worklist entries with those the domain rules give now. */
  private async rewriteWorklists(
    advice: AdviceRequest,
    snapshot: AdviceSnapshot,
  ): Promise<string[]> {
    await this.tx.nativeDelete(WorklistEntryRecord, { adviceRequest: advice.id });
    const entries = adviceWorklistEntries(snapshot);
    if (entries.length === 0) return [];
    const service = await this.tx.findOne(
      Service,
      { id: snapshot.service.serviceId },
      { fields: ['specialty'] },
    );
    await this.tx.insertMany(
      WorklistEntryRecord,
      entries.map((entry) => {
        const [rank, sortMs] = entry.sortKey;
        const referrerSide = worklistInfo(entry.worklist).owner === 'REFERRER';
        return {
          id: randomUUID(),
          referral: null,
          adviceRequest: advice.id,
          ubrn: entry.ubrn,
          organisationId: entry.organisationId,
          worklist: entry.worklist,
          priority: snapshot.priority,
          priorityRank: Number(rank),
          sortAt: new Date(Number(sortMs)),
          state: entry.state,
          stateChangedAt: snapshot.stateChangedAt,
          serviceId: snapshot.service.serviceId,
          specialtyCode: service?.specialty.unwrap().code ?? null,
          clinicianId: referrerSide ? snapshot.referringClinicianId : null,
          letterDueAt: null,
          patientContactBy: null,
          requestContextStatus: null,
          awaitingReferrer: entry.awaitingReferrer,
        };
      }),
    );
    return [...new Set(entries.map((e) => e.organisationId))];
  }
}
