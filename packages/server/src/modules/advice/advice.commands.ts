import {
  DomainError,
  type Actor,
  type AdviceOutcomeCode,
  type AdviceRecommendationCode,
  type LetterStatus,
  type Priority,
  type ShortlistEntry,
} from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { ukDate } from '../../time.js';
import { Patient } from '../patients/index.js';
import {
  ensureServicesSuitable,
  shortlistEntryOf,
  type ReferralService,
  type WriteOptions,
} from '../referrals/index.js';
import type { AdviceService, AdviceWrite } from './advice.service.js';

/**
 * One method per Advice & Guidance action a user can take on an existing request: each turns
 * its arguments into a domain event (looking up the facts the rules need) and applies it.
 */
export class AdviceCommands {
  constructor(
    private readonly advice: AdviceService,
    private readonly referrals: ReferralService,
  ) {}

  /**
   * The provider responds (A026): advice with a recommendation, or a request for more
   * information; always with the (possibly updated) priority.
   */
  respond(
    ubrn: string,
    actor: Actor,
    args: {
      outcome: AdviceOutcomeCode;
      guidance: string;
      recommendation?: AdviceRecommendationCode | null;
      updatedPriority: Priority;
    },
    options: WriteOptions,
  ): Promise<AdviceWrite> {
    return this.advice.apply(ubrn, actor, 'respondToAdviceRequest', args, options, async () => ({
      type: 'RESPOND',
      outcome: args.outcome,
      guidance: args.guidance,
      recommendation: args.recommendation ?? null,
      updatedPriority: args.updatedPriority,
    }));
  }

  /** The referrer sends the information asked for, or a follow-up question after advice. */
  sendFurtherInformation(
    ubrn: string,
    actor: Actor,
    args: { text: string },
    options: WriteOptions,
  ): Promise<AdviceWrite> {
    return this.advice.apply(ubrn, actor, 'sendFurtherInformation', args, options, async () => ({
      type: 'SEND_FURTHER_INFORMATION',
      text: args.text,
    }));
  }

  /** The referrer is satisfied with the advice and closes the conversation. */
  close(ubrn: string, actor: Actor, options: WriteOptions): Promise<AdviceWrite> {
    return this.advice.apply(ubrn, actor, 'closeAdviceRequest', {}, options, async () => ({
      type: 'CLOSE',
    }));
  }

  /** The referrer cancels an open request, optionally saying why. */
  cancel(
    ubrn: string,
    actor: Actor,
    args: { comment?: string | null },
    options: WriteOptions,
  ): Promise<AdviceWrite> {
    return this.advice.apply(ubrn, actor, 'cancelAdviceRequest', args, options, async () => ({
      type: 'CANCEL',
      comment: args.comment ?? null,
    }));
  }

  /**
   * Converts the request into a referral on the same UBRN (A027). A provider converts only when
   * the referrer authorised it, with final guidance as the comment: the referral waits on its
   * Appointments for Booking. A referrer converts after reading the advice, choosing the
   * services to shortlist (each one the patient is eligible for) and the letter intention.
   */
  convertToReferral(
    ubrn: string,
    actor: Actor,
    args: {
      priority: Priority;
      comment?: string | null;
      serviceIds?: readonly string[] | null;
      letterStatus?: LetterStatus | null;
    },
    options: WriteOptions,
  ): Promise<AdviceWrite> {
    return this.advice.apply(
      ubrn,
      actor,
      'convertAdviceToReferral',
      args,
      options,
      async (tx, snapshot) => ({
        type: 'CONVERT_TO_REFERRAL',
        priority: args.priority,
        comment: args.comment ?? null,
        shortlist: args.serviceIds?.length
          ? await this.shortlist(tx, snapshot.patientId, args.priority, args.serviceIds)
          : null,
        letterStatus: args.letterStatus ?? null,
      }),
    );
  }

  /** The directory facts of the services a referrer shortlists, each checked for the patient. */
  private async shortlist(
    tx: EntityManager,
    patientId: string,
    priority: Priority,
    serviceIds: readonly string[],
  ): Promise<ShortlistEntry[]> {
    const patient = await tx.findOne(Patient, { id: patientId });
    if (!patient) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'patientId' });
    const services = await this.referrals.services(serviceIds, tx);
    ensureServicesSuitable(services, patient, {
      priority,
      requestType: 'APPOINTMENT_REQUEST',
      today: ukDate(this.advice.now),
    });
    return services.map(shortlistEntryOf);
  }
}
