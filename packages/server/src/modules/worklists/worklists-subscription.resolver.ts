import { PROVIDER_ROLES, REFERRER_ROLES } from '@open-ers/domain';
import { filter, pipe } from '@graphql-yoga/subscription';
import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { Allow, ANY_ROLE } from '../../graphql/authorization.js';
import type { ReferralChangeMessage } from '../../realtime/event-bus.js';
import { WorklistChange } from './worklists.types.js';

const toChange = (message: ReferralChangeMessage): WorklistChange => ({
  ubrn: message.ubrn,
  version: message.version,
  event: message.event,
  at: new Date(message.at),
});

@Resolver()
export class WorklistSubscriptionResolver {
  @Allow(...REFERRER_ROLES, ...PROVIDER_ROLES)
  @Subscription(() => WorklistChange, {
    description:
      'Tells a client that one of its organisation’s worklists changed (a referral or advice request joined, left or moved): refetch the counts and the page shown.',
    subscribe: ({ context }: { context: RequestContext }) => {
      const actor = requireActor(context);
      return pipe(
        context.events.referralChanges(),
        filter((message: ReferralChangeMessage) =>
          message.organisationIds.includes(actor.organisationId),
        ),
      );
    },
  })
  worklistsChanged(@Root() message: ReferralChangeMessage): WorklistChange {
    return toChange(message);
  }

  @Allow(ANY_ROLE)
  @Subscription(() => WorklistChange, {
    description: 'Tells a client viewing a referral that it changed: refetch it.',
    subscribe: async ({ args, context }: { args: { ubrn: string }; context: RequestContext }) => {
      // Only someone with a legitimate relationship may follow a referral: checked once, here.
      await context.services.referrals.read(args.ubrn, requireActor(context));
      return pipe(
        context.events.referralChanges(),
        filter((message: ReferralChangeMessage) => message.ubrn === args.ubrn),
      );
    },
  })
  referralChanged(
    @Root() message: ReferralChangeMessage,
    @Arg('ubrn', () => ID) _ubrn: string,
  ): WorklistChange {
    return toChange(message);
  }
}
