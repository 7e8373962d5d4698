import {
  DomainError,
  generateUbrn,
  type Actor,
  type AppointmentCancellationReasonCode,
  type AssessmentOutcomeCode,
  type DidNotAttendReasonCode,
  type Priority,
  type RedirectReasonCode,
  type ReferralCancellationReasonCode,
  type RejectionReasonCode,
  type TriageOutcomeCode,
} from '@open-ers/domain';
import { SlotService } from '../slots/index.js';
import {
  shortlistEntryOf,
  type CreateReferralInput,
  type ReferralService,
  type ReferralWrite,
  type WriteOptions,
} from './referral.service.js';

/**
 * One method per referral action a user or partner system can take: each turns its arguments
 * into a domain event (looking up the facts the rules need) and applies it.
 */
export class ReferralCommands {
  constructor(private readonly referrals: ReferralService) {}

  changeShortlist(
    ubrn: string,
    actor: Actor,
    args: { serviceIds: string[]; priority?: Priority | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'changeShortlist', args, options, async (tx) => ({
      type: 'CHANGE_SHORTLIST',
      shortlist: (await this.referrals.services(args.serviceIds, tx)).map(shortlistEntryOf),
      priority: args.priority ?? null,
    }));
  }

  attachReferralLetter(
    ubrn: string,
    actor: Actor,
    args: { documentIds: string[] },
    options: WriteOptions,
  ) {
    return this.referrals.apply(
      ubrn,
      actor,
      'attachReferralLetter',
      args,
      options,
      async () => ({ type: 'ATTACH_REFERRAL_LETTER', documentIds: args.documentIds }),
      (tx, referral) => this.referrals.attachDocuments(tx, referral, args.documentIds, actor),
    );
  }

  /**
   * Defers the referral to a service's provider (T3). Allowed only when the service has no slot
   * this user could book now for the referral's priority: the database answers that, with the
   * same bounds the slot list uses.
   */
  deferToProvider(
    ubrn: string,
    actor: Actor,
    args: {
      serviceId: string;
      comment?: string | null;
      redirectReason?: RedirectReasonCode | null;
    },
    options: WriteOptions,
  ) {
    return this.referrals.apply(
      ubrn,
      actor,
      'deferToProvider',
      args,
      options,
      async (tx, snapshot) => {
        const [service] = await this.referrals.services([args.serviceId], tx);
        const available = await new SlotService(tx).hasBookableSlot({
          service: service!,
          priority: snapshot.priority,
          booker: { role: actor.role, organisationId: actor.organisationId },
          now: this.now,
          ubrn,
        });
        return {
          type: 'DEFER_TO_PROVIDER',
          service: shortlistEntryOf(service!),
          bookableSlotsAvailable: available,
          bookingAttemptFailure: null,
          redirectReason: args.redirectReason ?? null,
          comment: args.comment ?? null,
        };
      },
    );
  }

  sendForTriage(
    ubrn: string,
    actor: Actor,
    args: { serviceId: string; comment?: string | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'sendForTriage', args, options, async () => ({
      type: 'SEND_FOR_TRIAGE',
      serviceId: args.serviceId,
      comment: args.comment ?? null,
    }));
  }

  /** Books an indirectly bookable service: the provider arranges the time with the patient. */
  bookIndirectly(
    ubrn: string,
    actor: Actor,
    args: { serviceId: string; comment?: string | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'bookIndirectly', args, options, async (tx) => {
      const [service] = await this.referrals.services([args.serviceId], tx);
      if (service!.bookableType !== 'INDIRECTLY_BOOKABLE')
        throw new DomainError('SLOT_REQUIRED', { field: 'slotId' });
      return {
        type: 'BOOK',
        service: shortlistEntryOf(service!),
        bookingPolicy: service!.bookingPolicy(),
        slot: null,
        comment: args.comment ?? null,
      };
    });
  }

  accept(ubrn: string, actor: Actor, args: { comment?: string | null }, options: WriteOptions) {
    return this.referrals.apply(ubrn, actor, 'acceptReferral', args, options, async () => ({
      type: 'ACCEPT',
      comment: args.comment ?? null,
    }));
  }

  reject(
    ubrn: string,
    actor: Actor,
    args: {
      reason: RejectionReasonCode;
      comment?: string | null;
      appointmentCancelledInPas?: boolean | null;
    },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'rejectReferral', args, options, async () => ({
      type: 'REJECT',
      reason: args.reason,
      comment: args.comment ?? null,
      appointmentCancelledInPas: args.appointmentCancelledInPas ?? null,
    }));
  }

  cancelAppointmentActionLater(
    ubrn: string,
    actor: Actor,
    args: {
      comment: string;
      newPriority?: Priority | null;
      appointmentCancelledInPas?: boolean | null;
    },
    options: WriteOptions,
  ) {
    return this.referrals.apply(
      ubrn,
      actor,
      'cancelAppointmentActionLater',
      args,
      options,
      async () => ({
        type: 'CANCEL_APPOINTMENT_ACTION_LATER',
        comment: args.comment,
        newPriority: args.newPriority ?? null,
        appointmentCancelledInPas: args.appointmentCancelledInPas ?? null,
      }),
    );
  }

  recordTriageOutcome(
    ubrn: string,
    actor: Actor,
    args: { outcome: TriageOutcomeCode; comment: string; newPriority?: Priority | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'recordTriageOutcome', args, options, async () => ({
      type: 'RECORD_TRIAGE_OUTCOME',
      outcome: args.outcome,
      comment: args.comment,
      newPriority: args.newPriority ?? null,
    }));
  }

  cancelAppointment(
    ubrn: string,
    actor: Actor,
    args: { reason: AppointmentCancellationReasonCode; comment?: string | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'cancelAppointment', args, options, async () => ({
      type: 'CANCEL_APPOINTMENT',
      reason: args.reason,
      comment: args.comment ?? null,
    }));
  }

  recordDidNotAttend(
    ubrn: string,
    actor: Actor,
    args: { reason: DidNotAttendReasonCode; comment?: string | null; returnToReferrer: boolean },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'recordDidNotAttend', args, options, async () => ({
      type: 'RECORD_DID_NOT_ATTEND',
      reason: args.reason,
      comment: args.comment ?? null,
      returnToReferrer: args.returnToReferrer,
    }));
  }

  recordAssessmentOutcome(
    ubrn: string,
    actor: Actor,
    args: { outcome: AssessmentOutcomeCode; comment?: string | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(
      ubrn,
      actor,
      'recordAssessmentOutcome',
      args,
      options,
      async () => ({
        type: 'RECORD_ASSESSMENT_OUTCOME',
        outcome: args.outcome,
        comment: args.comment ?? null,
      }),
    );
  }

  cancelReferral(
    ubrn: string,
    actor: Actor,
    args: { reason: ReferralCancellationReasonCode; comment?: string | null },
    options: WriteOptions,
  ) {
    return this.referrals.apply(ubrn, actor, 'cancelReferral', args, options, async () => ({
      type: 'CANCEL_REFERRAL',
      reason: args.reason,
      comment: args.comment ?? null,
    }));
  }

  confirmPasCancellation(ubrn: string, actor: Actor, options: WriteOptions) {
    return this.referrals.apply(ubrn, actor, 'confirmPasCancellation', {}, options, async () => ({
      type: 'CONFIRM_PAS_CANCELLATION',
    }));
  }

  acknowledge(ubrn: string, actor: Actor, options: WriteOptions) {
    return this.referrals.apply(ubrn, actor, 'acknowledgeReferral', {}, options, async () => ({
      type: 'ACKNOWLEDGE',
    }));
  }

  /**
   * Onward referral (T18): a provider clinician refers the patient on, from a booked referral, to
   * new services on a new, related UBRN. Both are written in one transaction.
   */
  async createOnwardReferral(
    ubrn: string,
    actor: Actor,
    args: Omit<CreateReferralInput, 'patientId'>,
    options: WriteOptions,
  ): Promise<{ parent: ReferralWrite; onward: ReferralWrite }> {
    const onwardUbrn = generateUbrn(this.random);
    const parent = await this.referrals.apply(
      ubrn,
      actor,
      'createOnwardReferral',
      args,
      options,
      async () => ({ type: 'CREATE_ONWARD_REFERRAL', onwardUbrn }),
      (tx, _referral, snapshot) =>
        this.referrals.insertOnward(tx, snapshot, onwardUbrn, args, actor),
    );
    // On a replay the onward referral is the one the first request created.
    const created = parent.snapshot.onwardReferralUbrns.at(-1) ?? onwardUbrn;
    if (!parent.replayed) await this.referrals.announceCreated(created);
    const onward = await this.referrals.read(created, actor);
    return { parent, onward: { ...onward, notice: null, replayed: parent.replayed } };
  }

  private get now(): Date {
    return this.referrals.now;
  }

  private get random() {
    return this.referrals.random;
  }
}
