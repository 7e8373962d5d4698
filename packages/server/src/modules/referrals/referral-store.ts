import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  DomainError,
  priorityRank,
  referralWorklistEntries,
  type Actor,
  type ReferralEffect,
  type ReferralSnapshot,
  type TransitionOutcome,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { UK_TIME_ZONE } from '../../time.js';
import { Service } from '../directory/index.js';
import { SlotService } from '../slots/index.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import { Appointment } from './appointment.entity.js';
import { ReferralEventRecord } from './referral-event.entity.js';
import { Referral } from './referral.entity.js';
import { encodeSnapshot } from './snapshot-codec.js';

/** Switches for the booking guards; tests turn the application check off to prove the database's. */
export interface BookingGuards {
  /** Compare-and-swap on the slot's status before inserting the appointment (default on). */
  readonly applicationCheck: boolean;
}

export const DEFAULT_BOOKING_GUARDS: BookingGuards = { applicationCheck: true };

/** Who made an event, for the history. */
export interface EventAuthor {
  readonly actor: Actor;
  readonly now: Date;
  readonly requestId: string | null;
}

/** What a stored transition changed, for notifications after commit. */
export interface StoredChange {
  readonly ubrn: string;
  readonly version: number;
  /** Organisations whose worklists gained or lost this referral, or whose entries changed. */
  readonly organisationIds: readonly string[];
  readonly effects: readonly ReferralEffect[];
}

/** Effects that release resources run before those that take them. */
const EFFECT_ORDER: Record<ReferralEffect['type'], number> = {
  CANCEL_APPOINTMENT: 0,
  RELEASE_SLOT: 1,
  BOOK_SLOT: 2,
  NEW_APPOINTMENT: 3,
  PUT_ON_WORKLIST: 4,
  TAKE_OFF_WORKLIST: 4,
  NOTIFY: 5,
  START_LETTER_DUE_CLOCK: 5,
  STOP_LETTER_DUE_CLOCK: 5,
  START_PATIENT_CONTACT_CLOCK: 5,
  STOP_PATIENT_CONTACT_CLOCK: 5,
  CREATE_ONWARD_REFERRAL: 6,
};

/** The columns queries use, written from the snapshot. */
function columnsOf(snapshot: ReferralSnapshot) {
  return {
    state: snapshot.state,
    priority: snapshot.priority,
    version: snapshot.version,
    snapshot: encodeSnapshot(snapshot),
    currentService: snapshot.appointment?.serviceId ?? null,
    currentProvider: snapshot.appointment?.providerOrganisationId ?? null,
    lastActivityAt: snapshot.lastActivityAt,
    parentUbrn: snapshot.parentUbrn,
  };
}

/**
 * Writes referrals and the consequences of their transitions, inside a caller's transaction:
 * the compare-and-swap on the version, the domain's effects (slots, appointments), the worklist
 * projection and the history row. Knows persistence, not rules.
 */
export class ReferralStore {
  constructor(
    private readonly tx: EntityManager,
    private readonly guards: BookingGuards = DEFAULT_BOOKING_GUARDS,
  ) {}

  /** Inserts a new referral created by the domain, with its first history row and worklists. */
  async insert(
    outcome: TransitionOutcome,
    extra: { id: string; accessCode: string; clinicalInformation: string | null },
    author: EventAuthor,
    details: Record<string, unknown> | null = null,
  ): Promise<{ referral: Referral; change: StoredChange }> {
    const { snapshot } = outcome;
    const referral = this.tx.create(Referral, {
      id: extra.id,
      ubrn: snapshot.ubrn,
      accessCode: extra.accessCode,
      patient: snapshot.patientId,
      referringOrganisation: snapshot.referringOrganisationId,
      referringClinicianId: snapshot.referringClinicianId,
      clinicalInformation: extra.clinicalInformation,
      createdAt: snapshot.createdAt,
      updatedAt: author.now,
      ...columnsOf(snapshot),
    });
    await this.tx.flush();
    await this.applyEffects(referral, null, outcome.effects, author);
    const organisationIds = await this.rewriteWorklists(referral, snapshot, author.now);
    await this.recordEvent(referral, 'CREATE_REFERRAL', null, snapshot, author, details);
    return {
      referral,
      change: {
        ubrn: snapshot.ubrn,
        version: snapshot.version,
        organisationIds,
        effects: outcome.effects,
      },
    };
  }

  /**
   * Stores a transition of `referral` from `before` to `outcome.snapshot`. Refused with
   * STALE_VERSION when another writer stored a newer version first (compare-and-swap).
   */
  async update(
    referral: Referral,
    before: ReferralSnapshot,
    outcome: TransitionOutcome,
    eventType: string,
    author: EventAuthor,
    details: Record<string, unknown> | null = null,
  ): Promise<StoredChange> {
    const next = outcome.snapshot;
    const updated = await this.tx.nativeUpdate(
      Referral,
      { id: referral.id, version: before.version },
      { ...columnsOf(next), updatedAt: author.now },
    );
    if (updated !== 1) {
      throw new DomainError('STALE_VERSION', { details: { currentVersion: before.version } });
    }
    Object.assign(referral, { ...columnsOf(next), updatedAt: author.now });
    await this.applyEffects(referral, before, outcome.effects, author);
    const previous = new Set(
      (
        await this.tx.find(
          WorklistEntryRecord,
          { referral: referral.id },
          { fields: ['organisationId'] },
        )
      ).map((e) => e.organisationId),
    );
    const now = await this.rewriteWorklists(referral, next, author.now);
    await this.recordEvent(referral, eventType, before, next, author, details);
    return {
      ubrn: next.ubrn,
      version: next.version,
      organisationIds: [...new Set([...previous, ...now])],
      effects: outcome.effects,
    };
  }

  private async applyEffects(
    referral: Referral,
    before: ReferralSnapshot | null,
    effects: readonly ReferralEffect[],
    author: EventAuthor,
  ): Promise<void> {
    const ordered = [...effects].sort((a, b) => EFFECT_ORDER[a.type] - EFFECT_ORDER[b.type]);
    for (const effect of ordered) {
      switch (effect.type) {
        case 'CANCEL_APPOINTMENT':
          await this.tx.nativeUpdate(
            Appointment,
            {
              referral: referral.id,
              isCurrent: true,
              status: { $in: ['BOOKED', 'PROPOSED', 'PENDING'] },
            },
            { status: 'CANCELLED', cancellationReason: effect.reason, updatedAt: author.now },
          );
          break;
        case 'RELEASE_SLOT':
          await new SlotService(this.tx).releaseForReuse(effect.slotId);
          break;
        case 'BOOK_SLOT':
          await this.bookSlot(referral, effect.slotId, author);
          break;
        case 'NEW_APPOINTMENT':
          await this.newAppointment(referral, effect.appointment, author);
          break;
        default:
          // Worklists are projected from the snapshot; clocks live in the snapshot; notifications
          // are published after commit; onward referrals are created by the caller.
          break;
      }
    }
    void before;
  }

  /**
   * Books a slot for a referral. The slot's status is swapped from free (or held for this
   * referral) to booked, then the appointment is inserted; the unique index on a slot's active
   * appointment stops a second booking even when the first check is switched off.
   */
  private async bookSlot(referral: Referral, slotId: string, author: EventAuthor): Promise<void> {
    // A two-step booking already claimed the slot while the provider's system confirmed it.
    const claimed = await this.tx.findOne(Appointment, {
      referral: referral.id,
      slot: slotId,
      status: 'PENDING',
    });
    if (claimed) return;
    await claimSlot(this.tx, slotId, referral.ubrn, author.now, this.guards);
  }

  private async newAppointment(
    referral: Referral,
    appointment: Extract<ReferralEffect, { type: 'NEW_APPOINTMENT' }>['appointment'],
    author: EventAuthor,
  ): Promise<void> {
    await this.tx.nativeUpdate(
      Appointment,
      { referral: referral.id, isCurrent: true },
      { isCurrent: false },
    );
    if (appointment.slotId) {
      const claimed = await this.tx.findOne(Appointment, {
        referral: referral.id,
        slot: appointment.slotId,
        status: 'PENDING',
      });
      if (claimed) {
        claimed.status = 'BOOKED';
        claimed.isCurrent = true;
        claimed.updatedAt = author.now;
        await this.tx.flush();
        return;
      }
    }
    try {
      await this.tx.insert(Appointment, {
        id: randomUUID(),
        referral: referral.id,
        service: appointment.serviceId,
        slot: appointment.slotId,
        status: appointment.status,
        proposalReason: appointment.proposalReason,
        startAt: appointment.start,
        endAt: appointment.end,
        clinicianId: appointment.clinicianId,
        isCurrent: true,
        createdAt: author.now,
        updatedAt: author.now,
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('SLOT_NOT_AVAILABLE', { field: 'slotId' });
      }
      throw error;
    }
  }

  /** Replaces the referral's worklist entries with those the domain rules give now. */
  private async rewriteWorklists(
    referral: Referral,
    snapshot: ReferralSnapshot,
    now: Date,
  ): Promise<string[]> {
    await this.tx.nativeDelete(WorklistEntryRecord, { referral: referral.id });
    const entries = referralWorklistEntries(snapshot, now, UK_TIME_ZONE);
    if (entries.length === 0) return [];
    const service = snapshot.appointment
      ? await this.tx.findOne(
          Service,
          { id: snapshot.appointment.serviceId },
          { fields: ['specialty'] },
        )
      : null;
    await this.tx.insertMany(
      WorklistEntryRecord,
      entries.map((entry) => {
        const providerSide = entry.organisationId !== snapshot.referringOrganisationId;
        return {
          id: randomUUID(),
          referral: referral.id,
          ubrn: entry.ubrn,
          organisationId: entry.organisationId,
          worklist: entry.worklist,
          priority: entry.priority,
          priorityRank: priorityRank(entry.priority),
          sortAt: entry.sortAt,
          state: entry.state,
          stateChangedAt: snapshot.stateChangedAt,
          serviceId: snapshot.appointment?.serviceId ?? null,
          specialtyCode: service?.specialty.unwrap().code ?? null,
          clinicianId: providerSide
            ? (snapshot.appointment?.clinicianId ?? null)
            : snapshot.referringClinicianId,
          letterDueAt: entry.letterDueAt,
          patientContactBy: entry.patientContactBy,
          requestContextStatus: entry.requestContextStatus,
          awaitingReferrer: false,
        };
      }),
    );
    return [...new Set(entries.map((e) => e.organisationId))];
  }

  private async recordEvent(
    referral: Referral,
    type: string,
    before: ReferralSnapshot | null,
    next: ReferralSnapshot,
    author: EventAuthor,
    details: Record<string, unknown> | null,
  ): Promise<void> {
    await this.tx.insert(ReferralEventRecord, {
      id: randomUUID(),
      referral: referral.id,
      version: next.version,
      type,
      fromState: before?.state ?? null,
      toState: next.state,
      reason: next.stateReason,
      comment: next.version === before?.version ? null : next.stateComment,
      userId: author.actor.userId,
      role: author.actor.role,
      organisationId: author.actor.organisationId,
      onBehalfOfUserId: author.actor.onBehalfOfUserId ?? null,
      occurredAt: author.now,
      requestId: author.requestId,
      details,
    });
  }
}

/**
 * Takes a slot for a referral: the slots module's compare-and-swap on its status (unless switched
 * off), then the PENDING or BOOKED appointment row, whose unique index is the database's guarantee.
 * Throws SLOT_NOT_AVAILABLE when someone else has it.
 */
export async function claimSlot(
  tx: EntityManager,
  slotId: string,
  ubrn: string,
  now: Date,
  guards: BookingGuards,
  appointment?: {
    id: string;
    referralId: string;
    serviceId: string;
    start: Date;
    end: Date;
    clinicianId: string | null;
    status: 'PENDING' | 'BOOKED';
  },
): Promise<void> {
  await new SlotService(tx).claim(slotId, ubrn, now, guards);
  if (!appointment) return;
  try {
    await tx.insert(Appointment, {
      id: appointment.id,
      referral: appointment.referralId,
      service: appointment.serviceId,
      slot: slotId,
      status: appointment.status,
      proposalReason: null,
      startAt: appointment.start,
      endAt: appointment.end,
      clinicianId: appointment.clinicianId,
      isCurrent: false,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new DomainError('SLOT_NOT_AVAILABLE', { field: 'slotId' });
    }
    throw error;
  }
}
