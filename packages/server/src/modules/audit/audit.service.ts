import {
  CLINICAL_ROLES,
  DomainError,
  isRole,
  parseUbrn,
  requireUbrn,
  type Actor,
  type Role,
} from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';
import { AuditEvent, type AuditOutcome } from './audit-event.entity.js';

/** Who is acting in a request, as the audit trail records it. */
export interface AuditSubject {
  readonly requestId: string;
  /** The request's instant; stored as UTC. */
  readonly now: Date;
  readonly actor: Actor | null;
  /** The signed-in user when no role has been chosen yet (else the actor's user). */
  readonly userId: string | null;
}

/** What to record: the action and the patient-identifiable data it touched. */
export interface AuditRecord {
  /** A stable upper-case code, for example `VIEW_REFERRAL` or `BOOK_APPOINTMENT`. */
  readonly action: string;
  readonly patientId?: string | null;
  readonly nhsNumber?: string | null;
  readonly ubrn?: string | null;
  /** SUCCESS unless said otherwise. */
  readonly outcome?: AuditOutcome;
  /** A few small facts (never clinical content); at most 1,000 characters as JSON. */
  readonly details?: Readonly<Record<string, string | number | boolean | null>> | null;
}

/** The audit action of an operation: `acceptReferral` → `ACCEPT_REFERRAL`. */
export function auditAction(operation: string): string {
  return operation.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

const ACTION = /^[A-Z][A-Z0-9_]{1,79}$/;
const MAX_DETAILS_JSON = 1000;

/**
 * Writes the audit trail for one request. Every read or write of patient-identifiable data
 * calls {@link AuditService.record} exactly once; who, role, organisation, time and request id
 * come from the request context, so callers say only what they did and to whom.
 */
export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly subject: AuditSubject,
  ) {}

  /**
   * Appends one record. Pass the transaction's EntityManager (`{ em: tx }`) when recording a
   * write, so the record commits or rolls back with it, and `actor` when someone other than the
   * request's actor did it (open-ers's own system users acting on the request's behalf, or a
   * background job's).
   */
  async record(
    event: AuditRecord,
    options: { em?: EntityManager; actor?: Actor } = {},
  ): Promise<void> {
    const { actor, ...rest } = options;
    await this.recordAs(actor ? { ...this.subject, actor } : this.subject, event, rest);
  }

  /**
   * Appends several records in one statement: for a list that shows many patients (a worklist
   * page records one line per patient shown).
   */
  async recordMany(
    events: readonly AuditRecord[],
    options: { em?: EntityManager } = {},
  ): Promise<void> {
    for (const event of events)
      await this.recordAs(this.subject, event, { ...options, deferred: true });
    await this.flushDeferred(options.em);
  }

  /**
   * Appends one record for a subject other than the request's (sign-in records the user who
   * has just signed in). For the identity module; other modules use {@link record}.
   */
  async recordAs(
    subject: AuditSubject,
    event: AuditRecord,
    options: { em?: EntityManager; deferred?: boolean } = {},
  ): Promise<void> {
    if (!ACTION.test(event.action)) {
      throw new Error(`audit action must be an upper-case code, got ${event.action}`);
    }
    if (event.ubrn != null && parseUbrn(event.ubrn) === null) {
      throw new Error('audit ubrn must be a valid UBRN');
    }
    const details = event.details ?? null;
    if (details && JSON.stringify(details).length > MAX_DETAILS_JSON) {
      throw new Error(`audit details must be at most ${MAX_DETAILS_JSON} characters as JSON`);
    }
    const actor = subject.actor;
    const row = {
      id: randomUUID(),
      occurredAt: subject.now,
      requestId: subject.requestId,
      userId: actor?.userId ?? subject.userId,
      role: actor?.role ?? null,
      organisationId: actor?.organisationId ?? null,
      onBehalfOfUserId: actor?.onBehalfOfUserId ?? null,
      patientId: event.patientId ?? null,
      nhsNumber: event.nhsNumber ?? null,
      ubrn: event.ubrn != null ? parseUbrn(event.ubrn) : null,
      action: event.action,
      outcome: event.outcome ?? 'SUCCESS',
      details,
    };
    if (options.deferred) {
      this.pending.push(row);
      return;
    }
    await (options.em ?? this.em).insert(AuditEvent, row);
  }

  private pending: Parameters<EntityManager['insert']>[1][] = [];

  private async flushDeferred(em?: EntityManager): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    if (rows.length) await (em ?? this.em).insertMany(AuditEvent, rows as never[]);
  }
}

/** One line of a referral's access log, with the people and organisations named. */
export interface AccessLogLine {
  readonly event: AuditEvent;
  readonly user: User | null;
  readonly onBehalfOf: User | null;
  readonly organisation: Organisation | null;
  readonly role: Role | null;
}

/** The largest page of an access log. */
export const MAX_ACCESS_LOG_PAGE = 500;

/** Reads the audit trail. */
export class AuditLogService {
  constructor(
    private readonly em: EntityManager,
    private readonly audit: AuditService,
  ) {}

  /**
   * Who did what to a referral, newest first. The caller must already have established the
   * actor's legitimate relationship with the referral (the resolver reads it through the
   * referral service, which refuses NO_RELATIONSHIP); this adds that only clinical roles read
   * access logs.
   *
   * Reading the log is itself recorded (`VIEW_ACCESS_LOG`), after the read.
   */
  async accessLog(actor: Actor, ubrnInput: string, first: number): Promise<AccessLogLine[]> {
    const ubrn = requireUbrn(ubrnInput);
    if (!Number.isInteger(first) || first < 1 || first > MAX_ACCESS_LOG_PAGE) {
      throw new DomainError('INVALID_PAGE_SIZE', {
        field: 'first',
        message: `Ask for between 1 and ${MAX_ACCESS_LOG_PAGE} entries at a time.`,
      });
    }
    if (!CLINICAL_ROLES.includes(actor.role)) throw new DomainError('FORBIDDEN');

    const events = await this.em.find(
      AuditEvent,
      { ubrn },
      { orderBy: { occurredAt: 'desc', id: 'desc' }, limit: first },
    );
    const userIds = new Set<string>();
    const organisationIds = new Set<string>();
    for (const e of events) {
      if (e.userId) userIds.add(e.userId);
      if (e.onBehalfOfUserId) userIds.add(e.onBehalfOfUserId);
      if (e.organisationId) organisationIds.add(e.organisationId);
    }
    const users = userIds.size ? await this.em.find(User, { id: { $in: [...userIds] } }) : [];
    const organisations = organisationIds.size
      ? await this.em.find(Organisation, { id: { $in: [...organisationIds] } })
      : [];
    const userById = new Map(users.map((u) => [u.id, u]));
    const organisationById = new Map(organisations.map((o) => [o.id, o]));
    await this.audit.record({ action: 'VIEW_ACCESS_LOG', ubrn });
    return events.map((event) => ({
      event,
      user: (event.userId && userById.get(event.userId)) || null,
      onBehalfOf: (event.onBehalfOfUserId && userById.get(event.onBehalfOfUserId)) || null,
      organisation: (event.organisationId && organisationById.get(event.organisationId)) || null,
      role: isRole(event.role) ? event.role : null,
    }));
  }
}
