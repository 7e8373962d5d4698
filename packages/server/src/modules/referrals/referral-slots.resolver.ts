import { DomainError, REFERRAL_TRANSITIONS } from '@open-ers/domain';
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { Allow } from '../../graphql/authorization.js';
import { SlotConnection } from '../slots/index.js';

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
    const onShortlist = snapshot.shortlist.some((s) => s.serviceId === serviceId);
    const isProvider = service!.provider.id === actor.organisationId;
    if (!onShortlist && !isProvider)
      throw new DomainError('SERVICE_NOT_ON_SHORTLIST', { field: 'serviceId' });
    const page = await ctx.services.slots.bookableSlots(
      {
        service: service!,
        priority: snapshot.priority,
        booker: { role: actor.role, organisationId: actor.organisationId },
        now: ctx.now,
        ubrn,
      },
      { first, after },
    );
    return { ...page, edges: [...page.edges] };
  }
}
