import {
  bookingWindowFor,
  DomainError,
  isSlotIssuePolicy,
  matchSlotIssues,
  PRIORITY_CODES,
  type SlotIssue,
  type SlotIssueAssignment,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { inTransaction } from '../../db/transaction.js';
import { UK_TIME_ZONE } from '../../time.js';
import { Service } from '../directory/index.js';
import {
  Referral,
  ReferralEventRecord,
  type BookingService,
  type ReferralRuntime,
} from '../referrals/index.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import type { OfferedSlot } from './slot-maintenance.types.js';
import { Slot } from './slot.entity.js';
import { SLOT_CHUNK, slotServiceOf, SlotService } from './slots.service.js';
import { slotIssueResolutionActor } from './system-actors.js';

/** What one run of automatic resolution did at a service. */
export interface SlotIssueRun {
  readonly offered: number;
  readonly booked: number;
  /** Matches that lost a race with staff (or the provider's system refused); the next run retries. */
  readonly skipped: number;
}

const NOTHING: SlotIssueRun = { offered: 0, booked: 0, skipped: 0 };

/** The history entry of an automatic offer (the referral's state and version do not change). */
export const OFFER_SLOT_EVENT = 'OFFER_SLOT';

/**
 * Automatic resolution of Appointment Slot Issues (issue 9): a service's referrals deferred to
 * its provider are matched to its free slots by the domain's {@link matchSlotIssues} (clinical
 * priority, then longest waiting; each the earliest slot a referrer could book it), then, by the
 * service's policy, each match is offered (the slot is held for the referral for the service's
 * offer hours, for staff to confirm with `bookAppointment`) or booked straight away through
 * {@link BookingService} as the provider's system, like any booking. Safe to run at any time,
 * again, and while staff work the same referrals: every write is a compare-and-swap, a lost
 * race skips that referral, and a referral already offered a live slot is not offered another.
 */
export class SlotIssueService {
  constructor(
    private readonly rt: ReferralRuntime,
    private readonly booking: BookingService,
  ) {}

  /** Matches the service's slot issues to its free slots under its policy (see the class). */
  async resolveForService(serviceId: string): Promise<SlotIssueRun> {
    const em = this.rt.em.fork();
    const service = await em.findOne(Service, { id: serviceId });
    if (!service || !isSlotIssuePolicy(service.slotIssuePolicy)) return NOTHING;
    const policy = service.slotIssuePolicy;
    if (policy === 'LEAVE' || service.bookableType !== 'DIRECTLY_BOOKABLE') return NOTHING;
    const assignments = await this.match(em, service);
    if (assignments.length === 0) return NOTHING;
    return policy === 'OFFER' ? this.offer(service, assignments) : this.book(service, assignments);
  }

  /** The service's slot issues matched to its free slots (nothing is written). */
  async match(em: EntityManager, service: Service): Promise<SlotIssueAssignment[]> {
    const { now } = this.rt;
    const entries = await em.find(
      WorklistEntryRecord,
      {
        organisationId: service.provider.id,
        worklist: 'APPOINTMENT_SLOT_ISSUES',
        serviceId: service.id,
      },
      { fields: ['ubrn', 'priority', 'stateChangedAt'] },
    );
    if (entries.length === 0) return [];
    // A referral already offered a live slot keeps that offer until it lapses or is confirmed.
    const offers = await em.find(
      Slot,
      { service: service.id, status: 'HELD', offer: true, heldUntil: { $gt: now } },
      { fields: ['heldForUbrn'] },
    );
    const offered = new Set(offers.map((s) => s.heldForUbrn));
    const issues: SlotIssue[] = entries
      .filter((e) => !offered.has(e.ubrn))
      .map((e) => ({ ubrn: e.ubrn, priority: e.priority, deferredAt: e.stateChangedAt }));
    if (issues.length === 0) return [];
    // Free slots up to the furthest any priority's booking window reaches.
    const policy = service.bookingPolicy();
    const furthestDays = Math.max(
      ...PRIORITY_CODES.map((p) => bookingWindowFor(policy, p).closesDaysAhead),
    );
    const slots = await em.find(
      Slot,
      {
        service: service.id,
        startAt: { $gt: now, $lt: new Date(now.getTime() + (furthestDays + 2) * 86_400_000) },
        $or: [{ status: 'FREE' }, { status: 'HELD', heldUntil: { $lte: now } }],
      },
      { orderBy: [{ startAt: 'asc' }, { id: 'asc' }] },
    );
    return matchSlotIssues({
      issues,
      slots: slots.map((s) => s.toDomain()),
      service: slotServiceOf(service),
      now,
      timeZone: UK_TIME_ZONE,
    });
  }

  /**
   * Holds each matched slot for its referral as an offer, for the service's offer hours, and
   * records it in the referral's history. A slot someone took meanwhile, or a referral no longer
   * deferred to this service, is skipped.
   */
  private async offer(service: Service, assignments: SlotIssueAssignment[]): Promise<SlotIssueRun> {
    const { now } = this.rt;
    const heldUntil = new Date(now.getTime() + service.offerHoldHours * 3_600_000);
    const actor = slotIssueResolutionActor(service.provider.id);
    let offered = 0;
    for (let i = 0; i < assignments.length; i += SLOT_CHUNK) {
      const chunk = assignments.slice(i, i + SLOT_CHUNK);
      offered += await inTransaction(this.rt.em, async (tx) => {
        const referrals = await tx.find(
          Referral,
          { ubrn: { $in: chunk.map((a) => a.ubrn) } },
          // Not managed, so the statements below need not check them for changes to flush.
          {
            fields: ['id', 'ubrn', 'state', 'version', 'currentService', 'patient'],
            disableIdentityMap: true,
          },
        );
        const byUbrn = new Map(referrals.map((r) => [r.ubrn, r]));
        const slots = new SlotService(tx);
        const events = [];
        for (const { ubrn, slot } of chunk) {
          const referral = byUbrn.get(ubrn);
          if (
            !referral ||
            referral.state !== 'DEFERRED_TO_PROVIDER' ||
            referral.currentService?.id !== service.id
          ) {
            continue;
          }
          if (!(await slots.offer(slot.id, ubrn, now, heldUntil))) continue;
          await this.rt.audit?.record(
            {
              action: OFFER_SLOT_EVENT,
              patientId: referral.patient.id,
              ubrn,
              details: { slotId: slot.id, heldUntil: heldUntil.toISOString() },
            },
            { em: tx, actor },
          );
          events.push({
            id: randomUUID(),
            referral: referral.id,
            version: referral.version,
            type: OFFER_SLOT_EVENT,
            fromState: referral.state,
            toState: referral.state,
            reason: null,
            comment: null,
            userId: actor.userId,
            role: actor.role,
            organisationId: actor.organisationId,
            onBehalfOfUserId: null,
            occurredAt: now,
            requestId: this.rt.requestId,
            details: {
              slotId: slot.id,
              start: slot.start.toISOString(),
              heldUntil: heldUntil.toISOString(),
            },
          });
        }
        if (events.length > 0) await tx.insertMany(ReferralEventRecord, events);
        return events.length;
      });
    }
    return { offered, booked: 0, skipped: assignments.length - offered };
  }

  /**
   * Books each match through the normal booking path (claim, the provider's system confirming,
   * history, worklists, change feed) as the provider's system. A race lost to staff
   * (SLOT_NOT_AVAILABLE, STALE_VERSION, the referral no longer deferred) skips that referral.
   */
  private async book(service: Service, assignments: SlotIssueAssignment[]): Promise<SlotIssueRun> {
    const actor = slotIssueResolutionActor(service.provider.id);
    let booked = 0;
    for (const { ubrn, slot } of assignments) {
      try {
        const write = await this.booking.book(ubrn, { slotId: slot.id }, actor);
        if (write.snapshot.state === 'BOOKED' || write.snapshot.state === 'ACCEPTED') booked++;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return { offered: 0, booked, skipped: assignments.length - booked };
  }

  /** The live offers held for these referrals, by UBRN (one query). */
  async offeredSlots(ubrns: readonly string[]): Promise<Map<string, OfferedSlot>> {
    const offers = new Map<string, OfferedSlot>();
    if (ubrns.length === 0) return offers;
    const slots = await this.rt.em.find(Slot, {
      status: 'HELD',
      offer: true,
      heldUntil: { $gt: this.rt.now },
      heldForUbrn: { $in: [...new Set(ubrns)] },
    });
    for (const slot of slots) {
      offers.set(slot.heldForUbrn!, {
        slotId: slot.id,
        startAt: slot.startAt,
        endAt: slot.endAt,
        clinicianName: slot.clinicianName ?? null,
        heldUntil: slot.heldUntil!,
      });
    }
    return offers;
  }
}
