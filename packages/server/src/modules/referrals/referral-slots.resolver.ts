import { DomainError, isProviderBooker, REFERRAL_TRANSITIONS } from '@open-ers/domain';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { Allow } from '../../graphql/authorization.js';
import { SlotConnection, slotServiceOf } from '../slots/index.js';

@Resolver()
export class ReferralSlotsResolver {
  @Allow(...REFERRAL_TRANSITIONS.BOOK.roles)
  @Query(() => SlotConnection, {
    description:
      'Slots of a service this user can book now for the referral’s priority, earliest first: inside the booking window, not reserved for the provider (unless the user is the provider’s), not held or booked.',
  })
  async bookableSlots(
    @Ctx() ctx: RequestContext,
    @Arg('ubrn', () => ID) ubrn: string,
    @Arg('serviceId', () => ID) serviceId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<SlotConnection> {
    const actor = requireActor(ctx);
    const { snapshot } = await ctx.services.referrals.read(ubrn, actor);
    const [service] = await ctx.services.referrals.services([serviceId]);
    const booker = { role: actor.role, organisationId: actor.organisationId };
    // The provider's own staff may book any of its services (moving the referral there).
    const onShortlist = snapshot.shortlist.some((s) => s.serviceId === serviceId);
    if (!onShortlist && !isProviderBooker(booker, slotServiceOf(service!)))
      throw new DomainError('SERVICE_NOT_ON_SHORTLIST', { field: 'serviceId' });
    const page = await ctx.services.slots.bookableSlots(
      {
        service: service!,
        priority: snapshot.priority,
        booker,
        now: ctx.now,
        ubrn,
      },
      { first, after },
    );
    return { ...page, edges: [...page.edges] };
  }
}
