import type { Orm } from '../../db/orm.js';
import type { JobName, JobQueue } from '../../jobs/queue.js';
import type { ReferralChange } from '../../realtime/change-feed.js';
import {
  BookingService,
  cryptoRandomBytes,
  DEFAULT_BOOKING_GUARDS,
  DEFAULT_BOOKING_SETTINGS,
  ReferralCommands,
  ReferralService,
  UK_DATE_CONTEXT,
  type BookingSettings,
} from '../referrals/index.js';
import { SlotIssueService } from './slot-issues.service.js';
import { SlotMaintenanceService } from './slot-maintenance.service.js';

/** A job queue that remembers what was asked of it. */
export function recordingJobs(): JobQueue & { asked: { name: JobName; payload: unknown }[] } {
  const asked: { name: JobName; payload: unknown }[] = [];
  return {
    asked,
    async enqueue(name, payload) {
      asked.push({ name, payload });
    },
  };
}

/**
 * The slot-supply services (and the referral services beside them) as a request would build
 * them, at a fixed `now`, with the change feed and job queue recorded.
 */
export function slotSupplyServices(
  orm: Orm,
  now: Date,
  options: { booking?: Partial<BookingSettings> } = {},
) {
  const changes: ReferralChange[] = [];
  const jobs = recordingJobs();
  const rt = {
    em: orm.em.fork(),
    now,
    requestId: 'test',
    changes: { publishReferralChange: (c: ReferralChange) => void changes.push(c) },
    random: cryptoRandomBytes,
    dateContext: UK_DATE_CONTEXT,
    guards: DEFAULT_BOOKING_GUARDS,
    jobs,
  };
  const referrals = new ReferralService(rt);
  const booking = new BookingService(rt, referrals, {
    ...DEFAULT_BOOKING_SETTINGS,
    ...options.booking,
  });
  return {
    changes,
    jobs,
    referrals,
    commands: new ReferralCommands(referrals),
    booking,
    maintenance: new SlotMaintenanceService(rt, referrals),
    slotIssues: new SlotIssueService(rt, booking),
  };
}
