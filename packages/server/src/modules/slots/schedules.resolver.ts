import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import { Allow } from '../../graphql/authorization.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  PublicationResult,
  ScheduleExceptionEntry,
  ScheduleExceptionInput,
  SchedulePreview,
  SessionTemplateInput,
  SlotScheduleView,
} from './schedules.types.js';

/** Session templates, exceptions and publishing slots: service definers, for their own services. */
@Resolver()
export class ScheduleResolver {
  @Allow('SERVICE_DEFINER')
  @Query(() => [SlotScheduleView], { description: 'A service’s session templates.' })
  async schedules(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
  ): Promise<SlotScheduleView[]> {
    const list = await ctx.services.schedules.schedules(requireActor(ctx), serviceId);
    return list.map((s) => SlotScheduleView.of(s));
  }

  @Allow('SERVICE_DEFINER')
  @Query(() => [ScheduleExceptionEntry], {
    description: 'A service’s schedule exceptions from today on, by date.',
  })
  async scheduleExceptions(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
  ): Promise<ScheduleExceptionEntry[]> {
    const list = await ctx.services.schedules.exceptions(requireActor(ctx), serviceId);
    return list.map((e) => ScheduleExceptionEntry.of(e));
  }

  @Allow('SERVICE_DEFINER')
  @Query(() => SchedulePreview, {
    description: 'The slots a session template would publish up to the service’s horizon.',
  })
  async previewSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => SessionTemplateInput) input: SessionTemplateInput,
  ): Promise<SchedulePreview> {
    return SchedulePreview.of(
      await ctx.services.schedules.preview(requireActor(ctx), serviceId, input),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => SlotScheduleView, {
    description: 'Adds a session template to a service (publishSlots makes its slots).',
  })
  async createSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => SessionTemplateInput) input: SessionTemplateInput,
  ): Promise<SlotScheduleView> {
    return SlotScheduleView.of(
      await ctx.services.schedules.createSchedule(requireActor(ctx), serviceId, input),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => SlotScheduleView, {
    description: 'Ends a session template on a date; slots already published stay.',
  })
  async endSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('validTo', () => LocalDateResolver) validTo: string,
  ): Promise<SlotScheduleView> {
    return SlotScheduleView.of(
      await ctx.services.schedules.endSchedule(requireActor(ctx), id, validTo),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => ScheduleExceptionEntry, {
    description:
      'Cancels a session on a date (withdrawing its published slots with the reason, a slot cancellation reason; a booked one’s appointment is cancelled by the provider), or adds an extra session.',
  })
  async addScheduleException(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('input', () => ScheduleExceptionInput) input: ScheduleExceptionInput,
  ): Promise<ScheduleExceptionEntry> {
    const actor = requireActor(ctx);
    // A cancelled session's published slots are withdrawn by slot maintenance, which owns
    // cancelling slots (and a booked one's appointment, T13).
    return ScheduleExceptionEntry.of(
      await ctx.services.schedules.addException(actor, serviceId, input, (request) =>
        ctx.services.slotMaintenance.cancel(request, actor),
      ),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => PublicationResult, {
    description:
      'Publishes the service’s slots from its schedules up to its horizon now. Idempotent: slots already published are left as they are.',
  })
  async publishSlots(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
  ): Promise<PublicationResult> {
    return PublicationResult.of(
      await ctx.services.schedules.publishSlots(requireActor(ctx), serviceId),
    );
  }
}
