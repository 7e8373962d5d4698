import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  addCalendarDays,
  calendarDaysBetween,
  checkSlotBlockReason,
  checkSlotCancellationReason,
  DomainError,
  errorMessage,
  isIsoDate,
  localDate,
  PRIORITY_CODES,
  SLOT_BLOCK_REASONS,
  slotCancellationReasons,
  startOfLocalDay,
  type Actor,
  type AppointmentCancellationReasonCode,
  type ErrorCode,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { inTransaction } from '../../db/transaction.js';
import { UK_TIME_ZONE, ukDate } from '../../time.js';
import { Service } from '../directory/index.js';
import { Appointment, type ReferralRuntime, type ReferralService } from '../referrals/index.js';
import type { Written } from '../referrals/referral.service.js';
import { requestSlotIssueMatching } from './slot-issue-jobs.js';
import type {
  CalendarDay,
  CalendarSlot,
  FedSlotInput,
  FedSlotResult,
  ReasonChoice,
  SlotActionInput,
  SlotActionResult,
  SlotCalendarState,
  SlotFeedResult,
  SlotReleaseInput,
} from './slot-maintenance.types.js';
import { priorityColumns, Slot } from './slot.entity.js';
import { SLOT_CHUNK, SlotService, type SlotChange } from './slots.service.js';
import { slotMaintenanceActor } from './system-actors.js';
import { isUuid } from '../../db/ids.js';

/** Most slots one request may name (maintenance) or send (the feed). */
export const MAX_SLOTS_PER_REQUEST = 10_000;
/** Most days one calendar request may cover. */
export const MAX_CALENDAR_DAYS = 62;
/** Longest a slot may last (INVALID_SLOT_TIMES beyond it). */
const MAX_SLOT_MS = 12 * 3_600_000;
const MAX_EXTERNAL_ID_LENGTH = 100;
const MAX_CLINICIAN_NAME_LENGTH = 100;
const MAX_CLINICIAN_ID_LENGTH = 64;

/** The source key of a slot fed by the provider's system. */
export const fedSourceKey = (externalId: string) => `x:${externalId}`;

/** A refusal of one fed slot. */
class Rejection extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? errorMessage(code));
  }
}

/** What the feed will do with one valid slot, decided before writing. */
type FeedPlan =
  | { kind: 'create'; index: number; row: Record<string, unknown> }
  | { kind: 'update'; index: number; slot: Slot; changes: Omit<SlotChange, 'id'> }
  | { kind: 'withdraw'; index: number; slot: Slot; booked: boolean };

/**
 * The slot calendar of a service, blocking, unblocking and cancelling its slots, and the
 * provider-system slot feed. Every slot write goes through {@link SlotService}; a cancelled or
 * withdrawn slot holding a booked appointment cancels that appointment as the provider (T13)
 * through the referral service, in the same transaction as the slot change, acting as the
 * provider's system on behalf of the person who did it (see system-actors.ts).
 */
export class SlotMaintenanceService {
  constructor(
    private readonly rt: ReferralRuntime,
    private readonly referrals: ReferralService,
  ) {}

  /** The service, if it is the actor's organisation's; REFERENCE_NOT_FOUND otherwise. */
  private async ownService(
    serviceId: string,
    actor: Actor,
    em: EntityManager = this.rt.em,
  ): Promise<Service> {
    const service = isUuid(serviceId) ? await em.findOne(Service, { id: serviceId }) : null;
    if (!service || service.provider.id !== actor.organisationId) {
      throw new DomainError('REFERENCE_NOT_FOUND', { field: 'serviceId' });
    }
    return service;
  }

  /**
   * A service's slots from `from` to `to` (UK dates, inclusive, at most 62 days), by day: only
   * days with slots. States as staff see them (RESERVED: free, but still within the provider
   * reservation). No patient details: not even the UBRN of a booked slot.
   */
  async calendar(
    serviceId: string,
    from: string,
    to: string,
    actor: Actor,
  ): Promise<CalendarDay[]> {
    if (!isIsoDate(from) || !isIsoDate(to) || to < from) {
      throw new DomainError('INVALID_DATE_RANGE', { field: 'to' });
    }
    if (calendarDaysBetween(from, to) + 1 > MAX_CALENDAR_DAYS) {
      throw new DomainError('INVALID_DATE_RANGE', {
        field: 'to',
        message: `Show at most ${MAX_CALENDAR_DAYS} days at a time.`,
      });
    }
    const service = await this.ownService(serviceId, actor);
    const { now } = this.rt;
    const slots = await this.rt.em.find(
      Slot,
      {
        service: service.id,
        startAt: {
          $gte: startOfLocalDay(from, UK_TIME_ZONE),
          $lt: startOfLocalDay(addCalendarDays(to, 1), UK_TIME_ZONE),
        },
      },
      { orderBy: [{ startAt: 'asc' }, { id: 'asc' }] },
    );
    const reservedAfter = now.getTime() - service.reservationDays * 86_400_000;
    const days = new Map<string, CalendarSlot[]>();
    for (const slot of slots) {
      const date = localDate(slot.startAt, UK_TIME_ZONE);
      const list = days.get(date) ?? [];
      list.push(toCalendarSlot(slot, now, reservedAfter));
      days.set(date, list);
    }
    return [...days].map(([date, list]) => ({ date, slots: list }));
  }

  /** The reasons slots may be blocked for. */
  blockReasons(): ReasonChoice[] {
    return SLOT_BLOCK_REASONS.map((r) => ({ ...r }));
  }

  /** The provider's appointment-cancellation reasons slots may be cancelled for. */
  cancellationReasons(): ReasonChoice[] {
    return slotCancellationReasons(ukDate(this.rt.now)).map((r) => ({
      code: r.code,
      name: r.name,
      commentRequired: r.commentMandatory,
    }));
  }

  /**
   * Blocks slots (FREE, a lapsed hold or an automatic offer → BLOCKED) with a reason. All or
   * nothing: SLOT_CHANGE_NOT_ALLOWED names the slots that cannot be (someone is booking it, it
   * is booked, cancelled or has started); already blocked slots are left as they are.
   */
  async block(input: SlotActionInput, actor: Actor): Promise<SlotActionResult> {
    const { reason, comment } = checkSlotBlockReason(input.reason, input.comment);
    const { now } = this.rt;
    return inTransaction(this.rt.em, async (tx) => {
      await this.ownService(input.serviceId, actor, tx);
      const slots = await this.slotsOf(tx, input.serviceId, input.slotIds);
      refuseUnless(
        slots,
        (s) => s.status === 'BLOCKED' || (changeableFree(s, now) && !started(s, now)),
      );
      const ids = slots.filter((s) => s.status !== 'BLOCKED').map((s) => s.id);
      const changed = await new SlotService(tx).block(input.serviceId, ids, now, {
        code: reason.code,
        comment,
      });
      ensureAllChanged(ids, changed);
      return { changed: changed.length, cancelledReferrals: [] };
    });
  }

  /** Puts blocked slots back into use; then the service's slot issues are matched again. */
  async unblock(input: SlotReleaseInput, actor: Actor): Promise<SlotActionResult> {
    const result = await inTransaction(this.rt.em, async (tx) => {
      await this.ownService(input.serviceId, actor, tx);
      const slots = await this.slotsOf(tx, input.serviceId, input.slotIds);
      refuseUnless(slots, (s) => s.status !== 'CANCELLED');
      const ids = slots.filter((s) => s.status === 'BLOCKED').map((s) => s.id);
      const changed = await new SlotService(tx).unblock(input.serviceId, ids);
      return { changed: changed.length, cancelledReferrals: [] };
    });
    if (result.changed > 0) await requestSlotIssueMatching(this.rt.jobs, [input.serviceId]);
    return result;
  }

  /**
   * Cancels slots for good with one of the provider's appointment-cancellation reasons. A
   * booked slot's appointment is cancelled as the provider (T13, APPT_CANCELLED_BY_PROVIDER,
   * with the reason and comment) in the same transaction, so the referral reaches the worklists
   * the domain names and the referrer sees it live; the result lists those UBRNs. All or
   * nothing: SLOT_CHANGE_NOT_ALLOWED names slots someone is booking right now, or that started.
   */
  async cancel(input: SlotActionInput, actor: Actor): Promise<SlotActionResult> {
    const { now } = this.rt;
    const { reason, comment } = checkSlotCancellationReason(
      input.reason,
      input.comment,
      ukDate(now),
    );
    const written: Written[] = [];
    const result = await inTransaction(this.rt.em, async (tx) => {
      written.length = 0;
      const service = await this.ownService(input.serviceId, actor, tx);
      const slots = await this.slotsOf(tx, input.serviceId, input.slotIds);
      refuseUnless(
        slots,
        (s) =>
          s.status === 'CANCELLED' ||
          (!started(s, now) &&
            (changeableFree(s, now) || s.status === 'BLOCKED' || s.status === 'BOOKED')),
      );
      const booked = slots.filter((s) => s.status === 'BOOKED').map((s) => s.id);
      const free = slots.filter((s) => s.status !== 'BOOKED' && s.status !== 'CANCELLED');
      const cancelledReferrals: string[] = [];
      const bookings = await this.bookingsOf(tx, booked);
      const unconfirmed = booked.filter((id) => !bookings.has(id));
      if (unconfirmed.length > 0) {
        // Claimed while the provider's system confirms it: someone is booking it right now.
        throw new DomainError('SLOT_CHANGE_NOT_ALLOWED', {
          field: 'slotIds',
          details: { slotIds: unconfirmed },
        });
      }
      const systemActor = slotMaintenanceActor(service.provider.id, actor);
      for (const [slotId, ubrn] of bookings) {
        written.push(
          await this.referrals.applyWithin(
            tx,
            ubrn,
            systemActor,
            'cancelSlots',
            null,
            async () => ({
              type: 'CANCEL_APPOINTMENT',
              reason: reason.code as AppointmentCancellationReasonCode,
              comment,
            }),
            undefined,
            { slotId, slotMaintenance: 'cancelSlots' },
          ),
        );
        cancelledReferrals.push(ubrn);
      }
      const slotService = new SlotService(tx);
      const why = { code: reason.code, comment };
      const changedFree = await slotService.cancel(
        input.serviceId,
        free.map((s) => s.id),
        now,
        why,
      );
      ensureAllChanged(
        free.map((s) => s.id),
        changedFree,
      );
      const changedBooked = await slotService.cancel(input.serviceId, booked, now, why, {
        includeBooked: true,
      });
      return { changed: changedFree.length + changedBooked.length, cancelledReferrals };
    });
    this.referrals.announceWritten(written);
    return result;
  }

  /**
   * The provider-system slot feed: publishes, changes and withdraws slots by the provider
   * system's own ids (source key `x:<externalId>` within the service), up to 10,000 a call, with
   * a result per slot in the order sent. Idempotent: a retry is UNCHANGED throughout. A slot
   * that is booked or being booked is never moved (REJECTED, SLOT_CHANGE_NOT_ALLOWED); a
   * withdrawn booked slot cancels its appointment as the provider (T13, SLOT_CANCELLED).
   * Reads and inserts are bulk (a few statements per thousand slots); each changed slot is one
   * guarded update. All the changes commit together.
   */
  async feed(input: readonly FedSlotInput[], actor: Actor): Promise<SlotFeedResult> {
    if (input.length > MAX_SLOTS_PER_REQUEST) {
      throw new DomainError('TOO_MANY_ITEMS_IN_REQUEST', {
        field: 'slots',
        details: { max: MAX_SLOTS_PER_REQUEST },
      });
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.feedOnce(input, actor);
      } catch (error) {
        // Another call fed the same new slot at the same moment: read again, it is there now.
        if (attempt < 2 && error instanceof UniqueConstraintViolationException) continue;
        throw error;
      }
    }
  }

  private async feedOnce(input: readonly FedSlotInput[], actor: Actor): Promise<SlotFeedResult> {
    const { now } = this.rt;
    const today = ukDate(now);
    const results: FedSlotResult[] = input.map((slot) => ({
      externalId: slot.externalId,
      serviceId: slot.serviceId,
      outcome: 'UNCHANGED',
      slotId: null,
      code: null,
      message: null,
      cancelledUbrn: null,
    }));
    const reject = (index: number, rejection: Rejection | DomainError) => {
      results[index] = {
        ...results[index]!,
        outcome: 'REJECTED',
        code: rejection.code,
        message: rejection.message,
      };
    };
    const written: Written[] = [];
    const freshCapacity = new Set<string>();

    await inTransaction(this.rt.em, async (tx) => {
      written.length = 0;
      freshCapacity.clear();
      const services = await this.servicesById(
        tx,
        input.map((s) => s.serviceId),
      );
      const existing = await this.fedSlots(tx, input);
      const seen = new Set<string>();
      const plans: FeedPlan[] = [];
      input.forEach((fed, index) => {
        try {
          const service = services.get(fed.serviceId);
          if (!service || service.provider.id !== actor.organisationId) {
            throw new Rejection(
              'REFERENCE_NOT_FOUND',
              'There is no such service at your organisation.',
            );
          }
          checkExternalId(fed.externalId);
          const key = `${fed.serviceId}|${fed.externalId}`;
          if (seen.has(key)) {
            throw new Rejection(
              'BAD_USER_INPUT',
              'This slot was sent more than once in this call.',
            );
          }
          seen.add(key);
          const slot = existing.get(key) ?? null;
          if (slot) results[index]!.slotId = slot.id;
          const plan = planFedSlot(fed, index, slot, service, now, today);
          if (plan) plans.push(plan);
        } catch (error) {
          if (error instanceof Rejection || error instanceof DomainError) reject(index, error);
          else throw error;
        }
      });

      const slotService = new SlotService(tx);
      const creates = plans.filter((p) => p.kind === 'create');
      for (let i = 0; i < creates.length; i += 500) {
        await tx.insertMany(Slot, creates.slice(i, i + 500).map((p) => p.row) as never[]);
      }
      for (const plan of creates) {
        results[plan.index] = {
          ...results[plan.index]!,
          outcome: 'CREATED',
          slotId: plan.row.id as string,
        };
        freshCapacity.add(input[plan.index]!.serviceId);
      }

      // Guarded: a slot someone held or booked since it was read is left alone.
      const updates = plans.filter((p) => p.kind === 'update');
      const moved = await slotService.reschedule(
        updates.map((p) => ({ id: p.slot.id, ...p.changes })),
        now,
      );
      for (const plan of updates) {
        if (moved.has(plan.slot.id)) {
          results[plan.index]!.outcome = 'UPDATED';
          freshCapacity.add(plan.slot.service.id);
        } else {
          reject(plan.index, new DomainError('SLOT_CHANGE_NOT_ALLOWED'));
        }
      }

      const withdrawals = plans.filter((p) => p.kind === 'withdraw');
      const booked = withdrawals.filter((p) => p.booked);
      const bookings = await this.bookingsOf(
        tx,
        booked.map((p) => p.slot.id),
      );
      const withdrawnFree = new Map<string, number[]>();
      for (const plan of withdrawals) {
        const serviceId = plan.slot.service.id;
        if (!plan.booked) {
          withdrawnFree.set(serviceId, [...(withdrawnFree.get(serviceId) ?? []), plan.index]);
          continue;
        }
        const ubrn = bookings.get(plan.slot.id);
        if (!ubrn) {
          reject(plan.index, new DomainError('SLOT_CHANGE_NOT_ALLOWED'));
          continue;
        }
        const service = services.get(serviceId)!;
        try {
          written.push(
            await this.referrals.applyWithin(
              tx,
              ubrn,
              slotMaintenanceActor(service.provider.id, actor),
              'feedSlots',
              null,
              async () => ({ type: 'CANCEL_APPOINTMENT', reason: 'SLOT_CANCELLED', comment: null }),
              undefined,
              { slotId: plan.slot.id, slotMaintenance: 'feedSlots' },
            ),
          );
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          reject(plan.index, error);
          continue;
        }
        const changed = await slotService.cancel(
          serviceId,
          [plan.slot.id],
          now,
          { code: 'SLOT_CANCELLED', comment: null },
          { includeBooked: true },
        );
        if (changed.length === 1) {
          results[plan.index] = {
            ...results[plan.index]!,
            outcome: 'WITHDRAWN',
            cancelledUbrn: ubrn,
          };
        }
      }
      for (const [serviceId, indexes] of withdrawnFree) {
        const ids = new Map(
          indexes.map((index) => [existingId(existing, input[index]!), index] as const),
        );
        const changed = new Set(
          await slotService.cancel(serviceId, [...ids.keys()], now, {
            code: 'SLOT_CANCELLED',
            comment: null,
          }),
        );
        for (const [id, index] of ids) {
          if (changed.has(id)) results[index]!.outcome = 'WITHDRAWN';
          else reject(index, new DomainError('SLOT_CHANGE_NOT_ALLOWED'));
        }
      }
    });

    this.referrals.announceWritten(written);
    await requestSlotIssueMatching(this.rt.jobs, freshCapacity);
    const count = (outcome: FedSlotResult['outcome']) =>
      results.filter((r) => r.outcome === outcome).length;
    return {
      created: count('CREATED'),
      updated: count('UPDATED'),
      unchanged: count('UNCHANGED'),
      withdrawn: count('WITHDRAWN'),
      rejected: count('REJECTED'),
      results,
    };
  }

  /** The services named, by id (one query per thousand). */
  private async servicesById(
    tx: EntityManager,
    ids: readonly string[],
  ): Promise<Map<string, Service>> {
    const unique = [...new Set(ids)].filter(isUuid);
    const found = new Map<string, Service>();
    for (let i = 0; i < unique.length; i += SLOT_CHUNK) {
      const rows = await tx.find(Service, { id: { $in: unique.slice(i, i + SLOT_CHUNK) } });
      for (const row of rows) found.set(row.id, row);
    }
    return found;
  }

  /** The fed slots that already exist, by `serviceId|externalId`. */
  private async fedSlots(
    tx: EntityManager,
    input: readonly FedSlotInput[],
  ): Promise<Map<string, Slot>> {
    const byService = new Map<string, string[]>();
    for (const slot of input) {
      if (!isUuid(slot.serviceId)) continue;
      const keys = byService.get(slot.serviceId) ?? [];
      keys.push(fedSourceKey(slot.externalId));
      byService.set(slot.serviceId, keys);
    }
    const found = new Map<string, Slot>();
    for (const [serviceId, keys] of byService) {
      for (let i = 0; i < keys.length; i += SLOT_CHUNK) {
        // Read, not managed: thousands of managed rows would make every later statement of
        // the transaction check them all for changes to flush first.
        const rows = await tx.find(
          Slot,
          { service: serviceId, sourceKey: { $in: keys.slice(i, i + SLOT_CHUNK) } },
          { disableIdentityMap: true },
        );
        for (const row of rows) found.set(`${serviceId}|${row.sourceKey!.slice(2)}`, row);
      }
    }
    return found;
  }

  /**
   * The slots named, which must all exist and be at the service (REFERENCE_NOT_FOUND,
   * SLOT_NOT_AT_SERVICE, naming them in `details.slotIds`).
   */
  private async slotsOf(
    tx: EntityManager,
    serviceId: string,
    slotIds: readonly string[],
  ): Promise<Slot[]> {
    if (slotIds.length > MAX_SLOTS_PER_REQUEST) {
      throw new DomainError('TOO_MANY_ITEMS_IN_REQUEST', {
        field: 'slotIds',
        details: { max: MAX_SLOTS_PER_REQUEST },
      });
    }
    const ids = [...new Set(slotIds)];
    const missing = ids.filter((id) => !isUuid(id));
    const slots: Slot[] = [];
    const valid = ids.filter(isUuid);
    for (let i = 0; i < valid.length; i += SLOT_CHUNK) {
      slots.push(
        ...(await tx.find(
          Slot,
          { id: { $in: valid.slice(i, i + SLOT_CHUNK) } },
          { disableIdentityMap: true },
        )),
      );
    }
    const found = new Set(slots.map((s) => s.id));
    missing.push(...valid.filter((id) => !found.has(id)));
    if (missing.length > 0) {
      throw new DomainError('REFERENCE_NOT_FOUND', {
        field: 'slotIds',
        details: { slotIds: missing },
      });
    }
    const elsewhere = slots.filter((s) => s.service.id !== serviceId).map((s) => s.id);
    if (elsewhere.length > 0) {
      throw new DomainError('SLOT_NOT_AT_SERVICE', {
        field: 'slotIds',
        details: { slotIds: elsewhere },
      });
    }
    return slots;
  }

  /** The referral (UBRN) of each booked slot's confirmed current appointment. */
  private async bookingsOf(
    tx: EntityManager,
    slotIds: readonly string[],
  ): Promise<Map<string, string>> {
    const bookings = new Map<string, string>();
    for (let i = 0; i < slotIds.length; i += SLOT_CHUNK) {
      const appointments = await tx.find(
        Appointment,
        { slot: { $in: slotIds.slice(i, i + SLOT_CHUNK) }, status: 'BOOKED', isCurrent: true },
        { populate: ['referral'] },
      );
      for (const a of appointments) bookings.set(a.slot!.id, a.referral.$.ubrn);
    }
    return bookings;
  }
}

const started = (slot: Slot, now: Date) => slot.startAt.getTime() <= now.getTime();

/** Free, a lapsed hold, or an automatic offer: maintenance may take it without disturbing anyone. */
function changeableFree(slot: Slot, now: Date): boolean {
  if (slot.status === 'FREE') return true;
  if (slot.status !== 'HELD') return false;
  return slot.offer || (slot.heldUntil != null && slot.heldUntil.getTime() <= now.getTime());
}

/** Refuses the whole request, naming the slots that fail `allowed`. */
function refuseUnless(slots: readonly Slot[], allowed: (slot: Slot) => boolean): void {
  const refused = slots.filter((s) => !allowed(s)).map((s) => s.id);
  if (refused.length > 0) {
    throw new DomainError('SLOT_CHANGE_NOT_ALLOWED', {
      field: 'slotIds',
      details: { slotIds: refused },
    });
  }
}

/** A slot taken between the checks and the write (someone started booking it): refuse it all. */
function ensureAllChanged(ids: readonly string[], changed: readonly string[]): void {
  if (changed.length === ids.length) return;
  const done = new Set(changed);
  throw new DomainError('SLOT_CHANGE_NOT_ALLOWED', {
    field: 'slotIds',
    details: { slotIds: ids.filter((id) => !done.has(id)) },
  });
}

function existingId(existing: Map<string, Slot>, fed: FedSlotInput): string {
  return existing.get(`${fed.serviceId}|${fed.externalId}`)!.id;
}

function checkExternalId(externalId: string): void {
  if (externalId.trim() === '') {
    throw new Rejection('BAD_USER_INPUT', 'Give the slot’s id in your system (externalId).');
  }
  if (externalId.length > MAX_EXTERNAL_ID_LENGTH) {
    throw new Rejection(
      'FIELD_TOO_LONG',
      `A slot id (externalId) can be at most ${MAX_EXTERNAL_ID_LENGTH} characters.`,
    );
  }
}

/** The state the calendar shows for a slot. */
function toCalendarSlot(slot: Slot, now: Date, reservedAfter: number): CalendarSlot {
  const liveHold =
    slot.status === 'HELD' && slot.heldUntil != null && slot.heldUntil.getTime() > now.getTime();
  let state: SlotCalendarState;
  if (slot.status === 'HELD' && liveHold) state = slot.offer ? 'OFFERED' : 'HELD';
  else if (slot.status === 'FREE' || slot.status === 'HELD') {
    state = slot.publishedAt.getTime() > reservedAfter ? 'RESERVED' : 'FREE';
  } else state = slot.status;
  const withReason = state === 'BLOCKED' || state === 'CANCELLED';
  return {
    id: slot.id,
    startAt: slot.startAt,
    endAt: slot.endAt,
    priorities: slot.priorities,
    clinicianName: slot.clinicianName ?? null,
    state,
    reason: withReason ? (slot.statusReason ?? null) : null,
    comment: withReason ? (slot.statusComment ?? null) : null,
    heldUntil: liveHold ? slot.heldUntil! : null,
    scheduleId: slot.scheduleId ?? null,
    sourceKey: slot.sourceKey ?? null,
  };
}

/**
 * What to do with one fed slot: create it, change it, withdraw it, or nothing (null, UNCHANGED).
 * Throws a {@link Rejection} or DomainError for a slot to reject.
 */
function planFedSlot(
  fed: FedSlotInput,
  index: number,
  slot: Slot | null,
  service: Service,
  now: Date,
  today: string,
): FeedPlan | null {
  if (fed.withdrawn) {
    if (!slot) throw new Rejection('REFERENCE_NOT_FOUND', 'There is no such slot to withdraw.');
    if (slot.status === 'CANCELLED') return null;
    if (slot.status === 'BOOKED') {
      if (started(slot, now)) throw new DomainError('SLOT_CHANGE_NOT_ALLOWED');
      return { kind: 'withdraw', index, slot, booked: true };
    }
    if (slot.status === 'HELD' && !changeableFree(slot, now)) {
      throw new DomainError('SLOT_CHANGE_NOT_ALLOWED');
    }
    return { kind: 'withdraw', index, slot, booked: false };
  }
  if (
    service.requestFlow !== 'APPOINTMENT_REQUEST' ||
    service.bookableType !== 'DIRECTLY_BOOKABLE'
  ) {
    throw new Rejection(
      'SERVICE_NOT_SUITABLE',
      'Slots can only be published for a directly bookable appointment service.',
    );
  }
  if (service.effectiveTo != null && service.effectiveTo < today) {
    throw new DomainError('SERVICE_RETIRED');
  }
  const start = fed.startAt.getTime();
  const end = fed.endAt.getTime();
  if (!(end > start) || end - start > MAX_SLOT_MS || start <= now.getTime()) {
    throw new Rejection(
      'INVALID_SLOT_TIMES',
      'A slot must start in the future, end after it starts and last no more than 12 hours.',
    );
  }
  if (fed.priorities.length === 0) throw new DomainError('PRIORITY_REQUIRED');
  const unsupported = fed.priorities.filter((p) => !service.priorities.includes(p));
  if (unsupported.length > 0 || !fed.priorities.every((p) => PRIORITY_CODES.includes(p))) {
    throw new Rejection(
      'UNSUPPORTED_PRIORITY',
      `The service does not take ${unsupported.join(', ')} referrals.`,
    );
  }
  const clinicianId = fed.clinicianId?.trim() || null;
  const named = clinicianId
    ? (service.namedClinicians ?? []).find((c) => c.id === clinicianId)
    : null;
  if (clinicianId && (!named || clinicianId.length > MAX_CLINICIAN_ID_LENGTH)) {
    throw new Rejection(
      'INVALID_NAMED_CLINICIAN',
      'The clinician must be one of the service’s named clinicians.',
    );
  }
  const clinicianName = fed.clinicianName?.trim() || named?.name || null;
  if (clinicianName && clinicianName.length > MAX_CLINICIAN_NAME_LENGTH) {
    throw new Rejection(
      'FIELD_TOO_LONG',
      `A clinician’s name can be at most ${MAX_CLINICIAN_NAME_LENGTH} characters.`,
    );
  }
  const fields = {
    startAt: fed.startAt,
    endAt: fed.endAt,
    ...priorityColumns(fed.priorities),
    clinicianId,
    clinicianName,
  };
  if (!slot) {
    return {
      kind: 'create',
      index,
      row: {
        id: randomUUID(),
        service: service.id,
        ...fields,
        status: 'FREE',
        offer: false,
        publishedAt: now,
        sourceKey: fedSourceKey(fed.externalId),
        scheduleId: null,
      },
    };
  }
  if (slot.status === 'CANCELLED') {
    throw new Rejection(
      'SLOT_CHANGE_NOT_ALLOWED',
      'This slot was withdrawn or cancelled; publish it again under a new id.',
    );
  }
  const same =
    slot.startAt.getTime() === start &&
    slot.endAt.getTime() === end &&
    slot.forRoutine === fields.forRoutine &&
    slot.forUrgent === fields.forUrgent &&
    slot.forTwoWeekWait === fields.forTwoWeekWait &&
    (slot.clinicianId ?? null) === clinicianId &&
    (slot.clinicianName ?? null) === clinicianName;
  if (same) return null;
  if (slot.status === 'BOOKED' || (slot.status === 'HELD' && !changeableFree(slot, now))) {
    throw new Rejection(
      'SLOT_CHANGE_NOT_ALLOWED',
      'This slot is booked or being booked: cancel the appointment before moving it.',
    );
  }
  return { kind: 'update', index, slot, changes: fields };
}
