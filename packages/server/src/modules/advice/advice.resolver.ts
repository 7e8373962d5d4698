import {
  ADVICE_OUTCOMES,
  ADVICE_RECOMMENDATIONS,
  ADVICE_TRANSITIONS,
  type AdviceOutcomeCode,
} from '@open-ers/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Allow, ANY_ROLE, requireActor } from '../../graphql/authorization.js';
import { Organisation, Service } from '../directory/index.js';
import { Patient } from '../patients/index.js';
import { ReferralView } from '../referrals/index.js';
import {
  AdviceRefInput,
  CancelAdviceRequestInput,
  ConvertAdviceToReferralInput,
  CreateAdviceRequestInput,
  FurtherInformationInput,
  RespondToAdviceRequestInput,
} from './advice.inputs.js';
import type { AdviceWrite } from './advice.service.js';
import {
  AdviceActionOption,
  AdviceMessageView,
  AdvicePayload,
  AdviceRequestView,
} from './advice.types.js';

const options = (input: { expectedVersion?: number | null; idempotencyKey?: string | null }) => ({
  expectedVersion: input.expectedVersion ?? null,
  idempotencyKey: input.idempotencyKey ?? null,
});

function payload(write: AdviceWrite, ctx: RequestContext): AdvicePayload {
  return {
    adviceRequest: new AdviceRequestView(write),
    referral: write.referral ? new ReferralView(write.referral, ctx.now) : null,
    replayed: write.replayed,
  };
}

const RECOMMENDATION_OPTIONS = ADVICE_RECOMMENDATIONS.map((r) => ({
  code: r.code,
  name: r.name,
  commentMandatory: false,
}));

/**
 * Advice & Guidance over GraphQL: read a request with its conversation and the actions open to
 * the current user, ask, respond, send further information, close, cancel and convert. Each
 * write's roles are the domain's advice transition table; the relationship, the rules and the
 * audit line are the service's.
 */
@Resolver(() => AdviceRequestView)
export class AdviceResolver {
  @Allow(ANY_ROLE)
  @Query(() => AdviceRequestView, {
    description:
      'An Advice & Guidance request by UBRN, with its conversation, as the current user may see it.',
  })
  async adviceRequest(
    @Ctx() ctx: RequestContext,
    @Arg('ubrn', () => ID) ubrn: string,
  ): Promise<AdviceRequestView> {
    return new AdviceRequestView(await ctx.services.advice.view(ubrn, requireActor(ctx)));
  }

  @FieldResolver(() => Patient)
  patient(@Root() advice: AdviceRequestView, @Ctx() ctx: RequestContext): Promise<Patient> {
    return ctx.em.findOneOrFail(Patient, { id: advice.snapshot.patientId });
  }

  @FieldResolver(() => Organisation)
  referringOrganisation(
    @Root() advice: AdviceRequestView,
    @Ctx() ctx: RequestContext,
  ): Promise<Organisation> {
    return ctx.em.findOneOrFail(Organisation, { id: advice.snapshot.referringOrganisationId });
  }

  @FieldResolver(() => Service, { description: 'The advice service asked.' })
  service(@Root() advice: AdviceRequestView, @Ctx() ctx: RequestContext): Promise<Service> {
    return ctx.em.findOneOrFail(Service, { id: advice.snapshot.service.serviceId });
  }

  @FieldResolver(() => Organisation, { description: 'The provider running the advice service.' })
  providerOrganisation(
    @Root() advice: AdviceRequestView,
    @Ctx() ctx: RequestContext,
  ): Promise<Organisation> {
    return ctx.em.findOneOrFail(Organisation, {
      id: advice.snapshot.service.providerOrganisationId,
    });
  }

  @FieldResolver(() => [AdviceMessageView], {
    description:
      'The conversation, oldest message first. Message texts are clinical content: null for roles that do not see it.',
  })
  async conversation(
    @Root() advice: AdviceRequestView,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceMessageView[]> {
    const clinical = advice.accessLevel === 'CLINICAL';
    const lines = await ctx.services.advice.conversation(advice.id);
    return lines.map(({ message, user, onBehalfOf, organisation }) => ({
      version: message.version,
      kind: message.kind,
      author: message.author,
      user,
      role: message.role,
      organisation,
      onBehalfOf,
      sentAt: message.sentAt,
      text: clinical ? message.text : null,
      outcome: message.outcome ?? null,
      recommendation: clinical
        ? ((message.recommendation ?? null) as AdviceMessageView['recommendation'])
        : null,
      priority: (message.priority ?? null) as AdviceMessageView['priority'],
    }));
  }

  @FieldResolver(() => [AdviceActionOption], {
    description:
      'Exactly the actions the current user could take now (from the shared Advice & Guidance machine).',
  })
  allowedActions(
    @Root() advice: AdviceRequestView,
    @Ctx() ctx: RequestContext,
  ): AdviceActionOption[] {
    return ctx.services.advice.allowedActions(advice.snapshot, requireActor(ctx)).map((a) => ({
      action: a.type,
      outcomes: a.outcomes.map((code) => {
        const definition = ADVICE_OUTCOMES.find((o) => o.code === code);
        return {
          code,
          name: definition?.name ?? code,
          commentMandatory: definition?.commentMandatory ?? false,
        };
      }),
      recommendations: a.outcomes.includes('RETURN_TO_REFERRER_WITH_ADVICE')
        ? RECOMMENDATION_OPTIONS
        : [],
    }));
  }

  // --- Writes -------------------------------------------------------------------------------

  @Allow('REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN')
  @Mutation(() => AdvicePayload, {
    description:
      'Asks a provider for Advice & Guidance about a patient, with a new UBRN (A044). A referring clinician admin sends it for the clinician they act for.',
  })
  async createAdviceRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateAdviceRequestInput) input: CreateAdviceRequestInput,
  ): Promise<AdvicePayload> {
    const { idempotencyKey, ...rest } = input;
    const write = await ctx.services.advice.create(rest, requireActor(ctx), { idempotencyKey });
    return payload(write, ctx);
  }

  @Allow(...ADVICE_TRANSITIONS.RESPOND.roles)
  @Mutation(() => AdvicePayload, {
    description:
      'The provider returns advice (with a recommendation) or asks for more information, with the updated priority (A026).',
  })
  async respondToAdviceRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RespondToAdviceRequestInput) input: RespondToAdviceRequestInput,
  ): Promise<AdvicePayload> {
    return payload(
      await ctx.services.adviceCommands.respond(
        input.ubrn,
        requireActor(ctx),
        {
          outcome: input.outcome as AdviceOutcomeCode,
          guidance: input.guidance,
          recommendation: input.recommendation ?? null,
          updatedPriority: input.updatedPriority,
        },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...ADVICE_TRANSITIONS.SEND_FURTHER_INFORMATION.roles)
  @Mutation(() => AdvicePayload, {
    description:
      'The referrer sends the information the provider asked for, or a follow-up question after advice.',
  })
  async sendFurtherInformation(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => FurtherInformationInput) input: FurtherInformationInput,
  ): Promise<AdvicePayload> {
    return payload(
      await ctx.services.adviceCommands.sendFurtherInformation(
        input.ubrn,
        requireActor(ctx),
        { text: input.text },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...ADVICE_TRANSITIONS.CLOSE.roles)
  @Mutation(() => AdvicePayload, {
    description: 'The referrer closes the conversation once the advice is enough.',
  })
  async closeAdviceRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => AdviceRefInput) input: AdviceRefInput,
  ): Promise<AdvicePayload> {
    return payload(
      await ctx.services.adviceCommands.close(input.ubrn, requireActor(ctx), options(input)),
      ctx,
    );
  }

  @Allow(...ADVICE_TRANSITIONS.CANCEL.roles)
  @Mutation(() => AdvicePayload, { description: 'The referrer cancels an open advice request.' })
  async cancelAdviceRequest(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CancelAdviceRequestInput) input: CancelAdviceRequestInput,
  ): Promise<AdvicePayload> {
    return payload(
      await ctx.services.adviceCommands.cancel(
        input.ubrn,
        requireActor(ctx),
        { comment: input.comment ?? null },
        options(input),
      ),
      ctx,
    );
  }

  @Allow(...ADVICE_TRANSITIONS.CONVERT_TO_REFERRAL.roles)
  @Mutation(() => AdvicePayload, {
    description:
      'Converts the advice request into a referral on the same UBRN (A027): by the provider when the referrer authorised it (the referral goes on its Appointments for Booking), or by the referrer after advice, with a shortlist.',
  })
  async convertAdviceToReferral(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ConvertAdviceToReferralInput) input: ConvertAdviceToReferralInput,
  ): Promise<AdvicePayload> {
    return payload(
      await ctx.services.adviceCommands.convertToReferral(
        input.ubrn,
        requireActor(ctx),
        {
          priority: input.priority,
          comment: input.comment ?? null,
          serviceIds: input.serviceIds ?? null,
          letterStatus: input.letterStatus ?? null,
        },
        options(input),
      ),
      ctx,
    );
  }
}
