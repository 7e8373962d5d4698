import {
  DomainError,
  transition,
  type Actor,
  type RedirectReasonCode,
  type Slot as DomainSlot,
} from '@open-ers/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { inTransaction } from '../../db/transaction.js';
import { type Service } from '../directory/index.js';
import { MultiStepIdempotency, releaseAbandonedKeys } from '../idempotency/index.js';
import { Slot, SlotService } from '../slots/index.js';
import { Appointment } from './appointment.entity.js';
import {
  confirmWithTimeout,
  DEFAULT_CONFIRMATION_TIMEOUT_MS,
  IMMEDIATE_CONFIRMATION,
  type ProviderBookingAdapter,
} from './provider-adapter.js';
import { claimSlot, DEFAULT_BOOKING_GUARDS } from './referral-store.js';
import {
  shortlistEntryOf,
  type ReferralRuntime,
  type ReferralService,
  type ReferralWrite,
  type WriteOptions,
} from './referral.service.js';

export interface BookingSettings {
  readonly adapter: ProviderBookingAdapter;
  /** How long to wait for the provider's system. */
  readonly confirmationTimeoutMs: number;
  /** How long a slot is held while the user decides. */
  readonly holdMinutes: number;
}

export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  adapter: IMMEDIATE_CONFIRMATION,
  confirmationTimeoutMs: DEFAULT_CONFIRMATION_TIMEOUT_MS,
  holdMinutes: 5,
};

export interface BookInput {
  readonly slotId: string;
  readonly redirectReason?: RedirectReasonCode | null;
  readonly comment?: string | null;
}

/**
 * The domain names the event's slot `slot`; the API's input calls it `slotId`. Refusals name the
 * input field, so a client can show the message beside it.
 */
function asInputError(error: DomainError): DomainError {
  if (error.field !== 'slot') return error;
  return new DomainError(error.code, {
    message: error.message,
    field: 'slotId',
    ...(error.details ? { details: error.details } : {}),
  });
}

/** The BOOK event for a slot at a service. */
function bookEvent(service: Service, slot: DomainSlot | null, input: Omit<BookInput, 'slotId'>) {
  return {
    type: 'BOOK' as const,
    service: shortlistEntryOf(service),
    bookingPolicy: service.bookingPolicy(),
    slot,
    redirectReason: input.redirectReason ?? null,
    comment: input.comment ?? null,
  };
}

/**
 * Airline-style booking. A slot is held for a few minutes while the user decides; confirming
 * claims it in the database (so nobody else can), asks the provider's system to confirm, and
 * only then books the referral. When the provider's system fails or times out the referral is
 * deferred to the provider with reason BOOKING_ATTEMPT_PROBLEM: nothing the user did is lost.
 */
/** What a booking's idempotency key remembers of it. */
interface Remembered {
  readonly ubrn: string;
  readonly notice: string | null;
}

export class BookingService {
  constructor(
    private readonly rt: ReferralRuntime,
    private readonly referrals: ReferralService,
    private readonly settings: BookingSettings = DEFAULT_BOOKING_SETTINGS,
  ) {}

  /** Holds a slot for a referral until the returned instant. */
  async hold(
    ubrn: string,
    slotId: string,
    actor: Actor,
    options: { redirectReason?: string | null } = {},
  ): Promise<{ slot: Slot; heldUntil: Date }> {
    const { referral, snapshot } = await this.referrals.read(ubrn, actor);
    this.referrals.ensureAllowed('BOOK', snapshot, actor);
    const slot = await this.rt.em.findOne(Slot, { id: slotId }, { populate: ['service'] });
    if (!slot) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'slotId' });
    // Check everything the booking itself would (service, window, priority) before holding.
    const dry = transition(
      snapshot,
      bookEvent(slot.service.$, slot.toDomain(), {
        redirectReason: (options.redirectReason ?? null) as BookInput['redirectReason'],
      }),
      actor,
      this.rt.now,
      this.rt.dateContext,
    );
    if (!dry.ok) throw asInputError(dry.error);
    const heldUntil = await new SlotService(this.rt.em).hold(
      slotId,
      referral.ubrn,
      this.rt.now,
      this.settings.holdMinutes,
    );
    slot.status = 'HELD';
    slot.heldUntil = heldUntil;
    slot.heldForUbrn = referral.ubrn;
    await this.referrals.audit('HOLD_SLOT', snapshot, { slotId });
    return { slot, heldUntil };
  }

  /** Lets go of a slot held for a referral. */
  async release(ubrn: string, slotId: string, actor: Actor): Promise<void> {
    const { snapshot } = await this.referrals.read(ubrn, actor);
    await new SlotService(this.rt.em).release(slotId, ubrn);
    await this.referrals.audit('RELEASE_SLOT', snapshot, { slotId });
  }

  /** Books a slot for a referral (see the class comment). */
  async book(
    ubrn: string,
    input: BookInput,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<ReferralWrite> {
    const { now } = this.rt;
    const key = MultiStepIdempotency.for<Remembered>(this.rt.em, {
      userId: actor.userId,
      key: options.idempotencyKey,
      operation: 'bookAppointment',
      args: { ubrn, ...input, expectedVersion: options.expectedVersion ?? null },
    });
    const earlier = await key.remembered();
    if (earlier) return this.replay(earlier, ubrn, actor);
    const guards = this.rt.guards ?? DEFAULT_BOOKING_GUARDS;

    // 1. Claim the slot: from here on nobody else can book it.
    const claim = await inTransaction(this.rt.em, async (tx) => {
      // The key before anything is read: a second request with it waits here for the first,
      // then is told it is running (or given its result), instead of losing the slot race to
      // it as if it were someone else.
      await key.reserve(tx, now);
      const { referral, snapshot } = await this.referrals.read(ubrn, actor, tx);
      if (options.expectedVersion != null && options.expectedVersion !== snapshot.version) {
        throw new DomainError('STALE_VERSION', { details: { currentVersion: snapshot.version } });
      }
      const slot = await tx.findOne(Slot, { id: input.slotId }, { populate: ['service'] });
      if (!slot) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'slotId' });
      const service = slot.service.$;
      const domainSlot = slot.toDomain();
      // With the application check off (tests proving the database's guarantee), the rules are
      // told the slot is free whatever was read, so only the unique index can stop a second booking.
      const asRead = guards.applicationCheck
        ? domainSlot
        : { ...domainSlot, status: 'FREE' as const, heldUntil: null, heldForUbrn: null };
      const dry = transition(
        snapshot,
        bookEvent(service, asRead, input),
        actor,
        now,
        this.rt.dateContext,
      );
      if (!dry.ok) throw asInputError(dry.error);
      const appointmentId = randomUUID();
      await claimSlot(tx, slot.id, referral.ubrn, now, guards, {
        id: appointmentId,
        referralId: referral.id,
        serviceId: service.id,
        start: slot.startAt,
        end: slot.endAt,
        clinicianId: slot.clinicianId ?? null,
        status: 'PENDING',
      });
      return { appointmentId, service, slot: domainSlot, version: snapshot.version };
    }).catch(async (error: unknown) => {
      // The same key sent twice at once: the second reservation meets the first's on the
      // unique index, and is told the first is still running (or given its result).
      if (error instanceof UniqueConstraintViolationException) {
        const winner = await key.remembered();
        if (winner) return { replay: winner } as const;
      }
      throw error;
    });
    if ('replay' in claim) return this.replay(claim.replay, ubrn, actor);

    // 2. Ask the provider's system, outside any transaction (it may take up to the timeout).
    const confirmation = await confirmWithTimeout(
      this.settings.adapter,
      {
        appointmentId: claim.appointmentId,
        ubrn,
        serviceId: claim.service.id,
        providerOrganisationId: claim.service.provider.id,
        slotId: claim.slot.id,
        start: claim.slot.start,
        end: claim.slot.end,
      },
      this.settings.confirmationTimeoutMs,
    );

    // 3a. Confirmed: book the referral into the claimed slot.
    if (confirmation.status === 'CONFIRMED') {
      // The slot is claimed for this referral: to the rules it is held for it.
      const claimed: DomainSlot = {
        ...claim.slot,
        status: 'HELD',
        heldForUbrn: ubrn,
        heldUntil: null,
      };
      try {
        const write = await this.referrals.apply(
          ubrn,
          actor,
          'bookAppointment',
          input,
          { expectedVersion: claim.version },
          async () => bookEvent(claim.service, claimed, input),
        );
        await key.complete({ ubrn, notice: null });
        return write;
      } catch (error) {
        await this.abandon(claim.appointmentId, claim.slot.id, 'FREE', key);
        throw error;
      }
    }

    // 3b. Not confirmed: release the claim and defer to the provider, who will arrange it.
    const failure =
      confirmation.status === 'SLOT_NOT_AVAILABLE'
        ? 'SLOT_NOT_AVAILABLE'
        : 'BOOKING_ATTEMPT_PROBLEM';
    const { snapshot } = await this.referrals.read(ubrn, actor);
    const canDefer = this.referrals.canAct('DEFER_TO_PROVIDER', snapshot, actor);
    if (!canDefer) {
      await this.abandon(
        claim.appointmentId,
        claim.slot.id,
        failure === 'SLOT_NOT_AVAILABLE' ? 'CANCELLED' : 'FREE',
        key,
      );
      throw new DomainError('BOOKING_ATTEMPT_PROBLEM');
    }
    const write = await this.referrals.apply(
      ubrn,
      actor,
      'bookAppointment',
      input,
      {},
      async () => ({
        type: 'DEFER_TO_PROVIDER' as const,
        service: shortlistEntryOf(claim.service),
        bookableSlotsAvailable: false,
        bookingAttemptFailure: failure,
        redirectReason: input.redirectReason ?? null,
        comment: input.comment ?? null,
      }),
      async (tx) => {
        // In the same transaction as the deferral: the slot goes back (or out, if the provider's
        // system says it does not exist) and the claim is marked failed.
        await tx.nativeUpdate(
          Appointment,
          { id: claim.appointmentId },
          { status: 'FAILED', updatedAt: now },
        );
        await new SlotService(tx).undoClaim(
          claim.slot.id,
          failure === 'SLOT_NOT_AVAILABLE' ? 'CANCELLED' : 'FREE',
        );
      },
      'BOOKING_ATTEMPT_PROBLEM',
    );
    await key.complete({ ubrn, notice: 'BOOKING_ATTEMPT_PROBLEM' });
    return write;
  }

  /**
   * Clears up claims whose request never finished (the server stopped between claiming a slot
   * and booking the referral): the claim fails, the slot is freed and the idempotency key is
   * released so a retry can start again. The referral was never changed, and the user was never
   * told it was booked, so nothing acknowledged is lost.
   */
  async recoverAbandonedClaims(olderThan: Date): Promise<number> {
    return inTransaction(this.rt.em, async (tx) => {
      const stale = await tx.find(Appointment, {
        status: 'PENDING',
        createdAt: { $lt: olderThan },
      });
      for (const appointment of stale) {
        appointment.status = 'FAILED';
        appointment.updatedAt = this.rt.now;
        if (appointment.slot) await new SlotService(tx).undoClaim(appointment.slot.id, 'FREE');
      }
      await releaseAbandonedKeys(tx, olderThan);
      await tx.flush();
      return stale.length;
    });
  }

  private async abandon(
    appointmentId: string,
    slotId: string,
    slotStatus: 'FREE' | 'CANCELLED',
    key: MultiStepIdempotency<Remembered>,
  ): Promise<void> {
    await inTransaction(this.rt.em, async (tx) => {
      await tx.nativeUpdate(
        Appointment,
        { id: appointmentId, status: 'PENDING' },
        { status: 'FAILED', updatedAt: this.rt.now },
      );
      await new SlotService(tx).undoClaim(slotId, slotStatus);
      await key.release(tx);
    });
  }

  private async replay(remembered: Remembered, ubrn: string, actor: Actor): Promise<ReferralWrite> {
    const { referral, snapshot } = await this.referrals.replayed(
      remembered.ubrn ?? ubrn,
      actor,
      'bookAppointment',
    );
    const read = await this.referrals.read(referral.ubrn, actor, this.rt.em.fork());
    return { ...read, snapshot, notice: remembered.notice, replayed: true };
  }
}
