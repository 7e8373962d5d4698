import type { Actor } from '@open-ers/domain';
import type { Logger } from 'pino';
import type { EntityManager } from '../db/orm.js';
import type { ChangeFeed } from '../realtime/change-feed.js';
import type { EventBus } from '../realtime/event-bus.js';
import { DirectoryService } from '../modules/directory/directory.service.js';
import { PatientService } from '../modules/patients/index.js';
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
import { SlotService } from '../modules/slots/index.js';
import { WorklistService } from '../modules/worklists/index.js';

/** The services a request may call, each bound to the request's EntityManager and clock. */
export interface RequestServices {
  readonly directory: DirectoryService;
  readonly patients: PatientService;
  readonly slots: SlotService;
  readonly referrals: ReferralService;
  readonly commands: ReferralCommands;
  readonly booking: BookingService;
  readonly worklists: WorklistService;
}

/** Server-wide settings the request services use. */
export interface ServiceSettings {
  readonly changes: ChangeFeed;
  readonly booking?: Partial<BookingSettings>;
  readonly guards?: BookingGuards;
}

/**
 * The one typed context every resolver receives, built per request: a forked EntityManager
 * (never the global one), the request id that ties logs and audit together, the instant the
 * request is handled at, the signed-in actor, and the services bound to them.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The time this request is handled at: every rule in the request uses this one instant. */
  readonly now: Date;
  readonly em: EntityManager;
  readonly log: Logger;
  /** Who is acting: one user in one role at one organisation; null when not signed in. */
  readonly actor: Actor | null;
  /** The event bus subscriptions read from. */
  readonly events: EventBus['pubSub'];
  readonly services: RequestServices;
}

export function createRequestServices(
  em: EntityManager,
  request: { now: Date; requestId: string | null },
  settings: ServiceSettings,
): RequestServices {
  const runtime = {
    em,
    now: request.now,
    requestId: request.requestId,
    changes: settings.changes,
    random: cryptoRandomBytes,
    dateContext: UK_DATE_CONTEXT,
    guards: settings.guards ?? DEFAULT_BOOKING_GUARDS,
  };
  const referrals = new ReferralService(runtime);
  return {
    directory: new DirectoryService(em, new SlotService(em)),
    patients: new PatientService(em),
    slots: new SlotService(em),
    referrals,
    commands: new ReferralCommands(referrals),
    booking: new BookingService(runtime, referrals, {
      ...DEFAULT_BOOKING_SETTINGS,
      ...settings.booking,
    }),
    worklists: new WorklistService(em),
  };
}
