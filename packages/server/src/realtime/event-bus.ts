import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub } from '@graphql-yoga/subscription';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ChangeFeed, ReferralChange } from './change-feed.js';

/** The topic every committed referral change is published on. */
export const REFERRAL_CHANGED = 'REFERRAL_CHANGED';

/** A referral change as it travels (instants as ISO strings, so it survives Redis). */
export interface ReferralChangeMessage extends Omit<ReferralChange, 'at'> {
  readonly at: string;
}

type Topics = Record<string, [ReferralChangeMessage]>;

export interface EventBus {
  /** Every committed referral change, as it happens (for one subscriber). */
  referralChanges(): AsyncIterable<ReferralChangeMessage>;
  /** Where services announce committed changes. */
  readonly changes: ChangeFeed;
  /** Whether events cross server instances (Redis) or stay in this process. */
  readonly kind: 'in-process' | 'redis';
  close(): Promise<void>;
}

/**
 * The event bus for live updates: in-process by default; with `redisUrl`, Redis pub/sub, so an
 * event raised on one server instance reaches subscribers on every other. `channelPrefix`
 * separates deployments (or test runs) sharing one Redis.
 */
export function createEventBus(options: {
  redisUrl?: string | null;
  log: Logger;
  channelPrefix?: string;
}): EventBus {
  const { redisUrl, log } = options;
  const topic = `${options.channelPrefix ?? 'open-ers:'}${REFERRAL_CHANGED}`;
  let close = async () => undefined as void;
  let pubSub: ReturnType<typeof createPubSub<Topics>>;
  if (redisUrl) {
    const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
    for (const client of [publishClient, subscribeClient]) {
      client.on('error', (error: unknown) => log.warn({ err: error }, 'redis connection problem'));
    }
    pubSub = createPubSub<Topics>({
      eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
    });
    close = async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    };
  } else {
    pubSub = createPubSub<Topics>();
  }
  return {
    referralChanges: () => pubSub.subscribe(topic),
    kind: redisUrl ? 'redis' : 'in-process',
    changes: {
      publishReferralChange(change) {
        try {
          pubSub.publish(topic, { ...change, at: change.at.toISOString() });
        } catch (error) {
          // A lost notification only delays a screen refresh; the change itself is committed.
          log.warn({ err: error, ubrn: change.ubrn }, 'could not publish a referral change');
        }
      },
    },
    close: () => close(),
  };
}
