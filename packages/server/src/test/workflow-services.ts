import type { ReferralChange } from '../realtime/change-feed.js';
import { AdviceCommands, AdviceService } from '../modules/advice/index.js';
import {
  BookingService,
  cryptoRandomBytes,
  DEFAULT_BOOKING_GUARDS,
  DEFAULT_BOOKING_SETTINGS,
  ReferralCommands,
  ReferralService,
  UK_DATE_CONTEXT,
  type BookingGuards,
  type BookingSettings,
} from '../modules/referrals/index.js';
import type { Orm } from '../db/orm.js';

/**
 * The referral and advice services as a request would build them, at a fixed `now`, for
 * service-level tests.
 */
export function workflowServices(
  orm: Orm,
  now: Date,
  options: { guards?: BookingGuards; booking?: Partial<BookingSettings> } = {},
) {
  const changes: ReferralChange[] = [];
  const rt = {
    em: orm.em.fork(),
    now,
    requestId: 'test',
    changes: { publishReferralChange: (c: ReferralChange) => void changes.push(c) },
    random: cryptoRandomBytes,
    dateContext: UK_DATE_CONTEXT,
    guards: options.guards ?? DEFAULT_BOOKING_GUARDS,
  };
  const referrals = new ReferralService(rt);
  const advice = new AdviceService(rt, referrals);
  return {
    changes,
    referrals,
    commands: new ReferralCommands(referrals),
    advice,
    adviceCommands: new AdviceCommands(advice, referrals),
    booking: new BookingService(rt, referrals, { ...DEFAULT_BOOKING_SETTINGS, ...options.booking }),
  };
}
