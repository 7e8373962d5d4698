import { errorMessage, isErrorCode, maySeeReferrer, REFERRAL_TRANSITIONS } from '@open-ers/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { requireActor } from '../../graphql/actor.js';
import { Allow, ANY_ROLE } from '../../graphql/authorization.js';
import { Organisation, Service } from '../directory/index.js';
import { User } from '../identity/user.entity.js';
import { Patient } from '../patients/index.js';
import { SYSTEM_USER_NAMES } from '../slots/system-actors.js';
import { ReferralDocument } from './referral-document.entity.js';
import { ReferralEventRecord } from './referral-event.entity.js';
import type { ReferralWrite } from './referral.service.js';
import { loadReferrers, ReferrerView } from './referrer.js';
import {
  AssessmentOutcomeInput,
  AttachReferralLetterInput,
  BookAppointmentInput,
  CancelAppointmentActionLaterInput,
  ChangeShortlistInput,
  CommentInput,
  CreateReferralInput,
  DidNotAttendInput,
  OnwardReferralInput,
  ReasonInput,
  ReferralRefInput,
  RejectReferralInput,
  ServiceChoiceInput,
  SlotChoiceInput,
  TriageOutcomeInput,
} from './referrals.inputs.js';
import {
  ReferralActionOption,
  ReferralDocumentInfo,
  ReferralHistoryEntry,
  ReferralPayload,
  ReferralView,
  SlotHold,
} from './referrals.types.js';
import { isUuid } from '../../db/ids.js';

const options = (input: { expectedVersion?: number | null; idempotencyKey?: string | null }) => ({
  expectedVersion: input.expectedVersion ?? null,
  idempotencyKey: input.idempotencyKey ?? null,
});

function payload(write: ReferralWrite, ctx: RequestContext): ReferralPayload {
  return {
    referral: new ReferralView(write, ctx.now),
    notice: write.notice,
    noticeMessage: write.notice && isErrorCode(write.notice) ? errorMessage(write.notice) : null,
    replayed: write.replayed,
  };
}

@Resolver(() => ReferralView)
export class ReferralResolver {
  @Allow(ANY_ROLE)
  @Query(() => ReferralView, { description: 'A referral by UBRN, as the current user may see it.' })
  async referral(
    @Ctx() ctx: RequestContext,
    @Arg('ubrn', () => ID) ubrn: string,
  ): Promise<ReferralView> {
    const read = await ctx.services.referrals.view(ubrn, requireActor(ctx));
    return new ReferralView(read, ctx.now);
  }

  @FieldResolver(() => Patient)
  patient(@Root() referral: ReferralView, @Ctx() ctx: RequestContext): Promise<Patient> {
    return ctx.em.findOneOrFail(Patient, { id: referral.snapshot.patientId });
  }

  @FieldResolver(() => Organisation)
  referringOrganisation(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): Promise<Organisation> {
    return ctx.em.findOneOrFail(Organisation, { id: referral.snapshot.referringOrganisationId });
  }

  @FieldResolver(() => ReferrerView, {
    nullable: true,
    description:
      'Who referred the patient (the referring clinician, and the admin who acted for them): for staff of the referring practice and of the providers it has reached; null for other roles.',
  })
  async referrer(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferrerView | null> {
    if (!maySeeReferrer(referral.snapshot, requireActor(ctx))) return null;
    const subject = {
      id: referral.id,
      referringClinicianId: referral.snapshot.referringClinicianId,
      referral: true,
    };
    return (await loadReferrers(ctx.em, [subject])).get(referral.id) ?? null;
  }

  @FieldResolver(() => [Service], { description: 'The shortlisted services, in order.' })
  async shortlist(@Root() referral: ReferralView, @Ctx() ctx: RequestContext): Promise<Service[]> {
    const services = await ctx.em.find(Service, { id: { $in: referral.shortlistServiceIds } });
    const byId = new Map(services.map((s) => [s.id, s]));
    return referral.shortlistServiceIds.map((id) => byId.get(id)).filter((s): s is Service => !!s);
  }

  @FieldResolver(() => Service, {
    nullable: true,
    description: 'The service of the current appointment.',
  })
  appointmentService(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): Promise<Service | null> {
    const id = referral.appointment?.serviceId;
    return id ? ctx.em.findOne(Service, { id }) : Promise.resolve(null);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The patient’s access code for managing their referral: shown to the referring practice only.',
  })
  accessCode(@Root() referral: ReferralView, @Ctx() ctx: RequestContext): string | null {
    const actor = requireActor(ctx);
    return actor.organisationId === referral.snapshot.referringOrganisationId
      ? referral.accessCode
      : null;
  }

  @FieldResolver(() => [ReferralActionOption], {
    description:
      'Exactly the actions the current user could take now (from the shared state machine).',
  })
  allowedActions(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): ReferralActionOption[] {
    const actor = requireActor(ctx);
    return ctx.services.referrals.allowedActions(referral.snapshot, actor).map((a) => ({
      action: a.type,
      reasons: [...a.reasons],
      serviceIds: [...a.serviceIds],
      mayRedirect: a.mayRedirect,
      redirectFromServiceId: a.redirectFromServiceId,
      redirectReasons: [...a.redirectReasons],
      comment: a.comment,
      newPriorities: [...a.newPriorities],
      newPriorityOnlyWithReason: a.newPriorityOnlyWithReason,
      pasAnswerRequired: a.pasAnswerRequired,
    }));
  }

  @FieldResolver(() => [ReferralHistoryEntry], { description: 'Every event, oldest first.' })
  async history(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralHistoryEntry[]> {
    const rows = await ctx.em.find(
      ReferralEventRecord,
      { referral: referral.id },
      { orderBy: { version: 'asc', occurredAt: 'asc' } },
    );
    const clinical = referral.accessLevel === 'CLINICAL';
    // Who did what is named only to the staff who work with them (not patients or oversight).
    const named = maySeeReferrer(referral.snapshot, requireActor(ctx));
    // Names of the people (and open-ers's own system users) in the history: one query.
    const ids = [...new Set(rows.flatMap((r) => [r.userId, r.onBehalfOfUserId ?? null]))].filter(
      (id): id is string => id !== null && !(id in SYSTEM_USER_NAMES) && isUuid(id),
    );
    const users =
      named && ids.length
        ? await ctx.em.find(User, { id: { $in: ids } }, { fields: ['id', 'displayName'] })
        : [];
    const names = new Map<string, string>([
      ...Object.entries(SYSTEM_USER_NAMES),
      ...users.map((u) => [u.id, u.displayName] as [string, string]),
    ]);
    const nameOf = (id: string | null | undefined) =>
      named && id ? (names.get(id) ?? null) : null;
    return rows.map((row) => ({
      version: row.version,
      action: row.type,
      fromState: (row.fromState ?? null) as ReferralHistoryEntry['fromState'],
      toState: row.toState as ReferralHistoryEntry['toState'],
      reason: row.reason ?? null,
      comment: clinical ? (row.comment ?? null) : null,
      occurredAt: row.occurredAt,
      userId: row.userId,
      role: row.role,
      organisationId: row.organisationId,
      onBehalfOfUserId: row.onBehalfOfUserId ?? null,
      userName: nameOf(row.userId),
      onBehalfOfName: nameOf(row.onBehalfOfUserId),
    }));
  }

  @FieldResolver(() => [ReferralDocumentInfo], {
    description: 'Attached documents. Clinical content: empty for roles that do not see it.',
  })
  async documents(
    @Root() referral: ReferralView,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralDocumentInfo[]> {
    if (referral.accessLevel !== 'CLINICAL') return [];
    const rows = await ctx.em.find(
      ReferralDocument,
      { referral: referral.id },
      { orderBy: { uploadedAt: 'asc' } },
    );
    return rows.map((d) => ({
      id: d.id,
      filename: d.filename,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      uploadedAt: d.uploadedAt,
      downloadUrl: `/api/documents/${d.id}`,
    }));
  }

  // --- Writes -------------------------------------------------------------------------------

  @Allow('REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN')
  @Mutation(() => ReferralPayload, { description: 'Creates a referral with a new UBRN (T1).' })
  async createReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
  ): Promise<ReferralPayload> {
    const { idempotencyKey, ...rest } = input;
    const write = await ctx.services.referrals.create(rest, requireActor(ctx), { idempotencyKey });
    return payload(write, ctx);
  }

  @Allow(...REFERRAL_TRANSITIONS.CHANGE_SHORTLIST.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Replaces the shortlist, and optionally the priority (T17).',
  })
  async changeShortlist(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ChangeShortlistInput) input: ChangeShortlistInput,
  ) {
    return payload(
      await ctx.services.commands.changeShortlist(
        input.ubrn,
        requireActor(ctx),
        { serviceIds: input.serviceIds, priority: input.priority ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.ATTACH_REFERRAL_LETTER.roles)
  @Mutation(() => ReferralPayload, { description: 'Attaches (replaces) the referral letter.' })
  async attachReferralLetter(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AttachReferralLetterInput) input: AttachReferralLetterInput,
  ) {
    return payload(
      await ctx.services.commands.attachReferralLetter(
        input.ubrn,
        requireActor(ctx),
        { documentIds: input.documentIds },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.BOOK.roles)
  @Mutation(() => SlotHold, {
    description: 'Holds a slot for the referral for a few minutes while the user decides.',
  })
  async holdSlot(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SlotChoiceInput) input: SlotChoiceInput,
  ) {
    const { slot, heldUntil } = await ctx.services.booking.hold(
      input.ubrn,
      input.slotId,
      requireActor(ctx),
      { redirectReason: input.redirectReason ?? null },
    );
    return { slotId: slot.id, heldUntil };
  }

  @Allow(...REFERRAL_TRANSITIONS.BOOK.roles)
  @Mutation(() => Boolean, { description: 'Lets go of a slot held for the referral.' })
  async releaseSlot(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SlotChoiceInput) input: SlotChoiceInput,
  ) {
    await ctx.services.booking.release(input.ubrn, input.slotId, requireActor(ctx));
    return true;
  }

  @Allow(...REFERRAL_TRANSITIONS.BOOK.roles)
  @Mutation(() => ReferralPayload, {
    description:
      'Books a slot (T2). Confirmed with the provider’s system; if that fails the referral is deferred to the provider and `notice` says so.',
  })
  async bookAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => BookAppointmentInput) input: BookAppointmentInput,
  ) {
    return payload(
      await ctx.services.booking.book(
        input.ubrn,
        {
          slotId: input.slotId,
          redirectReason: input.redirectReason as never,
          comment: input.comment ?? null,
        },
        requireActor(ctx),
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.BOOK.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Books an indirectly bookable service; the provider arranges the time.',
  })
  async bookIndirectly(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ServiceChoiceInput) input: ServiceChoiceInput,
  ) {
    return payload(
      await ctx.services.commands.bookIndirectly(
        input.ubrn,
        requireActor(ctx),
        { serviceId: input.serviceId, comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.DEFER_TO_PROVIDER.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Defers to the provider when no slot can be booked (T3).',
  })
  async deferToProvider(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ServiceChoiceInput) input: ServiceChoiceInput,
  ) {
    return payload(
      await ctx.services.commands.deferToProvider(
        input.ubrn,
        requireActor(ctx),
        {
          serviceId: input.serviceId,
          comment: input.comment ?? null,
          redirectReason: input.redirectReason as never,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.SEND_FOR_TRIAGE.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Sends to a referral assessment (triage) service on the shortlist (T4).',
  })
  async sendForTriage(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ServiceChoiceInput) input: ServiceChoiceInput,
  ) {
    return payload(
      await ctx.services.commands.sendForTriage(
        input.ubrn,
        requireActor(ctx),
        { serviceId: input.serviceId, comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.ACCEPT.roles)
  @Mutation(() => ReferralPayload, { description: 'Accepts a booked referral after review (T5).' })
  async acceptReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CommentInput) input: CommentInput,
  ) {
    return payload(
      await ctx.services.commands.accept(
        input.ubrn,
        requireActor(ctx),
        { comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.REJECT.roles)
  @Mutation(() => ReferralPayload, { description: 'Rejects a booked referral with a reason (T6).' })
  async rejectReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RejectReferralInput) input: RejectReferralInput,
  ) {
    return payload(
      await ctx.services.commands.reject(
        input.ubrn,
        requireActor(ctx),
        {
          reason: input.reason as never,
          comment: input.comment ?? null,
          appointmentCancelledInPas: input.appointmentCancelledInPas ?? null,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.CANCEL_APPOINTMENT_ACTION_LATER.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Cancels the appointment and tasks the provider’s admin team (CAAL, T7).',
  })
  async cancelAppointmentActionLater(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CancelAppointmentActionLaterInput) input: CancelAppointmentActionLaterInput,
  ) {
    return payload(
      await ctx.services.commands.cancelAppointmentActionLater(
        input.ubrn,
        requireActor(ctx),
        {
          comment: input.comment,
          newPriority: input.newPriority ?? null,
          appointmentCancelledInPas: input.appointmentCancelledInPas ?? null,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.RECORD_TRIAGE_OUTCOME.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Records a triage outcome (T8 accept to book later, T9 return with advice).',
  })
  async recordTriageOutcome(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => TriageOutcomeInput) input: TriageOutcomeInput,
  ) {
    return payload(
      await ctx.services.commands.recordTriageOutcome(
        input.ubrn,
        requireActor(ctx),
        {
          outcome: input.outcome as never,
          comment: input.comment,
          newPriority: input.newPriority ?? null,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.CANCEL_APPOINTMENT.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Cancels the booked appointment (T12 patient or referrer, T13 provider).',
  })
  async cancelAppointment(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReasonInput) input: ReasonInput,
  ) {
    return payload(
      await ctx.services.commands.cancelAppointment(
        input.ubrn,
        requireActor(ctx),
        { reason: input.reason as never, comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.RECORD_DID_NOT_ATTEND.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Records that the patient did not attend (T14).',
  })
  async recordDidNotAttend(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => DidNotAttendInput) input: DidNotAttendInput,
  ) {
    return payload(
      await ctx.services.commands.recordDidNotAttend(
        input.ubrn,
        requireActor(ctx),
        {
          reason: input.reason as never,
          comment: input.comment ?? null,
          returnToReferrer: input.returnToReferrer,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.RECORD_ASSESSMENT_OUTCOME.roles)
  @Mutation(() => ReferralPayload, { description: 'Records a clinical assessment outcome (T15).' })
  async recordAssessmentOutcome(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AssessmentOutcomeInput) input: AssessmentOutcomeInput,
  ) {
    return payload(
      await ctx.services.commands.recordAssessmentOutcome(
        input.ubrn,
        requireActor(ctx),
        { outcome: input.outcome as never, comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.CANCEL_REFERRAL.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Cancels the referral and any appointment. Final (T16).',
  })
  async cancelReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReasonInput) input: ReasonInput,
  ) {
    return payload(
      await ctx.services.commands.cancelReferral(
        input.ubrn,
        requireActor(ctx),
        { reason: input.reason as never, comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.CREATE_ONWARD_REFERRAL.roles)
  @Mutation(() => ReferralPayload, {
    description:
      'Refers the patient on to new services on a new, related UBRN (T18). Returns the new referral.',
  })
  async createOnwardReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => OnwardReferralInput) input: OnwardReferralInput,
  ) {
    const { onward } = await ctx.services.commands.createOnwardReferral(
      input.ubrn,
      requireActor(ctx),
      {
        serviceIds: input.serviceIds,
        priority: input.priority,
        letterStatus: input.letterStatus,
        clinicalInformation: input.clinicalInformation ?? null,
        documentIds: input.documentIds ?? null,
        letterDueDate: input.letterDueDate ?? null,
      },
      options(input),
    );
    return payload(onward, ctx);
  }

  @Allow(...REFERRAL_TRANSITIONS.CONFIRM_PAS_CANCELLATION.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Confirms an indirectly booked appointment was cancelled in the hospital system.',
  })
  async confirmPasCancellation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReferralRefInput) input: ReferralRefInput,
  ) {
    return payload(
      await ctx.services.commands.confirmPasCancellation(
        input.ubrn,
        requireActor(ctx),
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...REFERRAL_TRANSITIONS.ACKNOWLEDGE.roles)
  @Mutation(() => ReferralPayload, {
    description: 'Acknowledges a referral the provider handed back (takes it off the worklist).',
  })
  async acknowledgeReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ReferralRefInput) input: ReferralRefInput,
  ) {
    return payload(
      await ctx.services.commands.acknowledge(input.ubrn, requireActor(ctx), options(input)),
      ctx,
    );
  }
}
