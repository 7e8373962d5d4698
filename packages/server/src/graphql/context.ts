import type { Actor } from '@open-ers/domain';
import type { Logger } from 'pino';
import type { SessionSettings } from '../config.js';
import type { EntityManager, Orm } from '../db/orm.js';
import type { ChangeFeed } from '../realtime/change-feed.js';
import type { EventBus } from '../realtime/event-bus.js';
import { AdviceCommands, AdviceService } from '../modules/advice/index.js';
import { AuditLogService, AuditService } from '../modules/audit/index.js';
import { DirectoryService } from '../modules/directory/directory.service.js';
import {
  IdentityService,
  SessionService,
  type Authentication,
  type IdentityProvider,
  type PasswordProof,
} from '../modules/identity/index.js';
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
  type ReferralAudit,
} from '../modules/referrals/index.js';
import { ServiceDefinitionService } from '../modules/directory/service-definitions.service.js';
import { ScheduleService } from '../modules/slots/schedules.service.js';
import { SlotIssueService } from '../modules/slots/slot-issues.service.js';
import { SlotMaintenanceService } from '../modules/slots/slot-maintenance.service.js';
import { SlotService } from '../modules/slots/index.js';
import type { JobQueue } from '../jobs/queue.js';
import { WorklistService } from '../modules/worklists/index.js';
import type { Clock } from '../time.js';

/** The services a request may call, each bound to the request's EntityManager and clock. */
export interface RequestServices {
  readonly directory: DirectoryService;
  /** Service definers' maintenance of services and sites, with versions. */
  readonly serviceDefinitions: ServiceDefinitionService;
  /** Session templates and publishing slots from them. */
  readonly schedules: ScheduleService;
  /** The slot calendar, blocking and cancelling slots, and the provider-system feed. */
  readonly slotMaintenance: SlotMaintenanceService;
  /** Automatic resolution of Appointment Slot Issues. */
  readonly slotIssues: SlotIssueService;
  readonly patients: PatientService;
  readonly slots: SlotService;
  readonly referrals: ReferralService;
  readonly commands: ReferralCommands;
  readonly booking: BookingService;
  readonly advice: AdviceService;
  readonly adviceCommands: AdviceCommands;
  readonly worklists: WorklistService;
  readonly identity: IdentityService;
  readonly auditLog: AuditLogService;
}

/** Server-wide settings the request services use. */
export interface ServiceSettings {
  readonly changes: ChangeFeed;
  readonly booking?: Partial<BookingSettings>;
  readonly guards?: BookingGuards;
  /** Where background work is queued (slot publication, slot-issue matching). */
  readonly jobs?: JobQueue;
}

/**
 * How a session token reaches the client: an HttpOnly cookie over HTTP. (A WebSocket connection
 * carries the token it was opened with and cannot set one.)
 */
export interface SessionTransport {
  /** Hands a new session token to the client. */
  issue(token: string): void;
  /** Tells the client to forget its session token. */
  clear(): void;
}

/** A transport that cannot hand tokens to the client (WebSocket connections). */
export const NO_SESSION_TRANSPORT: SessionTransport = {
  issue() {
    throw new Error('sessions can only be started over HTTP');
  },
  clear() {},
};

/** Where a request came from. */
export interface ClientInfo {
  /** The client's address (behind a trusted proxy, the address the proxy reports). */
  readonly ip: string;
}

/**
 * The one typed context every resolver receives, built per request: a forked EntityManager
 * (never the global one), the request id that ties logs and audit together, the instant the
 * request is handled at, who is asking (authentication and actor), the audit trail, the event
 * bus and the services bound to them.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The time this request is handled at: every rule in the request uses this one instant. */
  readonly now: Date;
  readonly em: EntityManager;
  readonly log: Logger;
  /** Whether the request is signed in (and the session and user when it is). */
  readonly authentication: Authentication;
  /**
   * Who is acting: one user in one role at one organisation (and the clinician acted for), or
   * null when not signed in or no role has been chosen. Resolvers protected by `@Allow` can rely
   * on it being set; `requireActor(ctx)` narrows the type.
   */
  readonly actor: Actor | null;
  readonly client: ClientInfo;
  readonly sessionTransport: SessionTransport;
  /** Records audit events as this request's actor: `ctx.audit.record({ action, ubrn })`. */
  readonly audit: AuditService;
  /** The event bus subscriptions read from. */
  readonly events: EventBus;
  readonly services: RequestServices;
}

/** The referral, booking, advice, directory and worklist services of one request. */
export function createRequestServices(
  em: EntityManager,
  request: { now: Date; requestId: string | null; audit?: ReferralAudit | null },
  settings: ServiceSettings,
): Omit<RequestServices, 'identity' | 'auditLog'> {
  const runtime = {
    em,
    now: request.now,
    requestId: request.requestId,
    audit: request.audit ?? null,
    changes: settings.changes,
    random: cryptoRandomBytes,
    dateContext: UK_DATE_CONTEXT,
    guards: settings.guards ?? DEFAULT_BOOKING_GUARDS,
    jobs: settings.jobs ?? null,
  };
  const referrals = new ReferralService(runtime);
  const advice = new AdviceService(runtime, referrals);
  return {
    directory: new DirectoryService(em, new SlotService(em)),
    serviceDefinitions: new ServiceDefinitionService(em, {
      now: request.now,
      audit: request.audit ?? null,
    }),
    schedules: new ScheduleService(em, { now: request.now, jobs: settings.jobs }),
    slotMaintenance: new SlotMaintenanceService(runtime, referrals),
    slotIssues: new SlotIssueService(
      runtime,
      new BookingService(runtime, referrals, { ...DEFAULT_BOOKING_SETTINGS, ...settings.booking }),
    ),
    patients: new PatientService(em),
    slots: new SlotService(em),
    referrals,
    commands: new ReferralCommands(referrals),
    booking: new BookingService(runtime, referrals, {
      ...DEFAULT_BOOKING_SETTINGS,
      ...settings.booking,
    }),
    advice,
    adviceCommands: new AdviceCommands(advice, referrals),
    worklists: new WorklistService(em),
  };
}

/** What lives for the whole server and every request context is built from. */
export interface ContextDependencies {
  readonly orm: Orm;
  readonly log: Logger;
  readonly clock: Clock;
  readonly sessions: SessionSettings;
  readonly passwords: IdentityProvider<PasswordProof>;
  readonly events: EventBus;
  readonly settings: ServiceSettings;
}

/** What a transport (HTTP, or a WebSocket connection) knows about one request. */
export interface IncomingRequest {
  readonly requestId: string;
  /** The session token the client presented (cookie or bearer), if any. */
  readonly token: string | null;
  readonly client: ClientInfo;
  readonly sessionTransport: SessionTransport;
}

/**
 * Builds request contexts, for HTTP requests and WebSocket subscriptions alike. Finding who is
 * asking costs one query (session, user and acting role assignment together) when a token is
 * presented, and none otherwise.
 */
export function createContextFactory(
  deps: ContextDependencies,
): (request: IncomingRequest) => Promise<RequestContext> {
  return async (request) => {
    const now = deps.clock();
    const em = deps.orm.em.fork();
    const log = deps.log.child({ requestId: request.requestId });
    const sessions = new SessionService(em, deps.sessions);
    const { authentication, actor } = await sessions.resolve(request.token, now);
    const audit = new AuditService(em, {
      requestId: request.requestId,
      now,
      actor,
      userId: authentication.status === 'SIGNED_IN' ? authentication.user.id : null,
    });
    return {
      requestId: request.requestId,
      now,
      em,
      log,
      authentication,
      actor,
      client: request.client,
      sessionTransport: request.sessionTransport,
      audit,
      events: deps.events,
      services: {
        ...createRequestServices(em, { now, requestId: request.requestId, audit }, deps.settings),
        identity: new IdentityService(
          {
            em,
            now,
            requestId: request.requestId,
            ip: request.client.ip,
            log,
            audit,
            authentication,
            actor,
          },
          sessions,
          deps.passwords,
        ),
        auditLog: new AuditLogService(em, audit),
      },
    };
  };
}
