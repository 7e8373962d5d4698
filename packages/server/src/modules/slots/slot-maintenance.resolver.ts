import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import { Allow } from '../../graphql/authorization.js';
import type { RequestContext } from '../../graphql/context.js';
import {
  CalendarDay,
  FedSlotInput,
  ReasonChoice,
  SlotActionInput,
  SlotActionResult,
  SlotFeedResult,
  SlotReleaseInput,
} from './slot-maintenance.types.js';

const SD = 'SERVICE_DEFINER';
const SPA = 'SERVICE_PROVIDER_ADMIN';
const PAA = 'PROVIDER_AUTHORISED_APPLICATION';

/** The slot calendar, blocking and cancelling slots, and the provider-system slot feed. */
@Resolver()
export class SlotMaintenanceResolver {
  @Allow(SD, SPA)
  @Query(() => [CalendarDay], {
    description:
      'A service’s published slots by UK day, with their state (at most 62 days; days with slots only). Your organisation’s services only.',
  })
  slotCalendar(
    @Ctx() ctx: RequestContext,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('from', () => LocalDateResolver) from: string,
    @Arg('to', () => LocalDateResolver) to: string,
  ): Promise<CalendarDay[]> {
    return ctx.services.slotMaintenance.calendar(serviceId, from, to, requireActor(ctx));
  }

  @Allow(SD, SPA)
  @Query(() => [ReasonChoice], { description: 'Why slots may be blocked.' })
  slotBlockReasons(@Ctx() ctx: RequestContext): ReasonChoice[] {
    return ctx.services.slotMaintenance.blockReasons();
  }

  @Allow(SD, SPA)
  @Query(() => [ReasonChoice], {
    description:
      'Why slots may be cancelled: the provider’s appointment-cancellation reasons, given to any appointment booked in them.',
  })
  slotCancellationReasons(@Ctx() ctx: RequestContext): ReasonChoice[] {
    return ctx.services.slotMaintenance.cancellationReasons();
  }

  @Allow(SD, SPA)
  @Mutation(() => SlotActionResult, {
    description:
      'Takes free slots out of use for now, with a reason. All or nothing: SLOT_CHANGE_NOT_ALLOWED names any slot that is booked, being booked, cancelled or has started.',
  })
  blockSlots(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SlotActionInput) input: SlotActionInput,
  ): Promise<SlotActionResult> {
    return ctx.services.slotMaintenance.block(input, requireActor(ctx));
  }

  @Allow(SD, SPA)
  @Mutation(() => SlotActionResult, {
    description: 'Puts blocked slots back into use (then the service’s slot issues are matched).',
  })
  unblockSlots(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SlotReleaseInput) input: SlotReleaseInput,
  ): Promise<SlotActionResult> {
    return ctx.services.slotMaintenance.unblock(input, requireActor(ctx));
  }

  @Allow(SD, SPA)
  @Mutation(() => SlotActionResult, {
    description:
      'Cancels slots for good. An appointment booked in one is cancelled by the provider with the reason (its UBRN is listed); the referrer is told.',
  })
  cancelSlots(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SlotActionInput) input: SlotActionInput,
  ): Promise<SlotActionResult> {
    return ctx.services.slotMaintenance.cancel(input, requireActor(ctx));
  }

  @Allow(SD, PAA)
  @Mutation(() => SlotFeedResult, {
    description:
      'The provider-system slot feed: publishes, changes and withdraws up to 10,000 slots by your system’s own slot ids, with a result per slot. Idempotent. Send the slots as a variable.',
  })
  feedSlots(
    @Ctx() ctx: RequestContext,
    @Arg('slots', () => [FedSlotInput]) slots: FedSlotInput[],
  ): Promise<SlotFeedResult> {
    return ctx.services.slotMaintenance.feed(slots, requireActor(ctx));
  }
}
