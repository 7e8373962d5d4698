import {
  assertReferralHasClinicalInformation,
  actionRefusalFor,
  allowedActions,
  createReferral,
  DomainError,
  generateAccessCode,
  generateUbrn,
  isServiceEligible,
  ageInYears,
  referralAccess,
  requireUbrn,
  transition,
  type AccessLevel,
  type Actor,
  type AllowedAction,
  type LetterStatus,
  type Priority,
  type RandomBytes,
  type ReferralContext,
  type ReferralEvent,
  type ReferralEventType,
  type ReferralSnapshot,
  type SearchRequestType,
  type ShortlistEntry,
  type TransitionOutcome,
} from '@open-ers/domain';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '../../db/orm.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { ChangeFeed } from '../../realtime/change-feed.js';
import { UK_TIME_ZONE, ukDate } from '../../time.js';
import { auditAction, type AuditService } from '../audit/audit.service.js';
import { refusedAccessTo } from '../audit/refusals.js';
import { Service } from '../directory/index.js';
import { runIdempotent } from '../idempotency/idempotency.service.js';
import { Patient } from '../patients/index.js';
import { requestSlotIssueMatching } from '../slots/slot-issue-jobs.js';
import { WorklistEntryRecord } from '../worklists/worklist-entry.entity.js';
import { ReferralDocument } from './referral-document.entity.js';
import {
  DEFAULT_BOOKING_GUARDS,
  ReferralStore,
  type BookingGuards,
  type StoredChange,
} from './referral-store.js';
import { Referral } from './referral.entity.js';
import { decodeSnapshot } from './snapshot-codec.js';

/** What every referral command needs besides its own arguments. */
export interface ReferralRuntime {
  readonly em: EntityManager;
  readonly now: Date;
  readonly requestId: string | null;
  readonly changes: ChangeFeed;
  readonly random: RandomBytes;
  readonly dateContext: ReferralContext;
  readonly guards?: BookingGuards;
  /**
   * The request's audit trail: every read or write of a referral records one line (writes in
   * the same transaction). Absent in scripts and housekeeping, which act for nobody.
   */
  readonly audit?: ReferralAudit | null;
  /**
   * Where background work is queued: a cancelled booking that frees its slot asks for the
   * service's slot issues to be matched again. Absent in scripts and tests that need none.
   */
  readonly jobs?: JobQueue | null;
}

/** What the referral services need of the audit trail. */
export type ReferralAudit = Pick<AuditService, 'record'>;

export { auditAction };

/** Options every write accepts. */
export interface WriteOptions {
  /** The referral version the client based the write on; a stale one is refused. */
  readonly expectedVersion?: number | null;
  /** A retry with the same key returns the first result and does nothing twice. */
  readonly idempotencyKey?: string | null;
}

/** A referral as read: its row, the domain snapshot and what the reader may see of it. */
export interface ReferralRead {
  readonly referral: Referral;
  readonly snapshot: ReferralSnapshot;
  readonly access: Exclude<AccessLevel, 'NONE'>;
}

/** The result of a write: the referral after it, a notice for the user, and whether replayed. */
export interface ReferralWrite extends ReferralRead {
  /** A code the user should be told about although the write succeeded (e.g. BOOKING_ATTEMPT_PROBLEM). */
  readonly notice: string | null;
  readonly replayed: boolean;
}

export interface CreateReferralInput {
  readonly patientId: string;
  readonly priority: Priority;
  readonly serviceIds: readonly string[];
  readonly letterStatus: LetterStatus;
  readonly clinicalInformation?: string | null;
  readonly documentIds?: readonly string[] | null;
  /** For a letter to follow: the UK date it is due (the latest the priority allows if absent). */
  readonly letterDueDate?: string | null;
  readonly pathwayStart?: string | null;
}

/** The directory facts of a service, as the referral rules need them. */
export function shortlistEntryOf(service: Service): ShortlistEntry {
  return {
    serviceId: service.id,
    providerOrganisationId: service.provider.id,
    requestFlow: service.requestFlow,
    bookableType: service.bookableType,
    appointmentType: service.appointmentType,
    priorities: service.priorities,
    serviceVersion: service.version,
  };
}

/**
 * Refuses, with SERVICE_NOT_SUITABLE naming the service, any service a search for this patient
 * would not return (a draft, not in effect, another request type, age or sex not treated). A
 * priority a service does not accept is left to the machine, which refuses it with
 * UNSUPPORTED_PRIORITY.
 */
export function ensureServicesSuitable(
  services: readonly Service[],
  patient: Patient,
  request: { priority: Priority; requestType: SearchRequestType; today: string },
  field: (index: number) => string = (index) => `serviceIds.${index}`,
): void {
  services.forEach((service, index) => {
    const eligible = isServiceEligible(
      {
        requestFlow: service.requestFlow,
        bookableType: service.bookableType,
        priorities: service.priorities,
        minAgeYears: service.minAgeYears ?? null,
        maxAgeYears: service.maxAgeYears ?? null,
        sexTreated: service.sexTreated,
        effectiveFrom: service.effectiveFrom,
        effectiveTo: service.effectiveTo ?? null,
      },
      {
        priority: request.priority,
        ageYears: ageInYears(patient.dateOfBirth, request.today),
        sex: patient.sex,
        requestType: request.requestType,
        today: request.today,
      },
    );
    if (service.draft || (!eligible && service.priorities.includes(request.priority))) {
      throw new DomainError('SERVICE_NOT_SUITABLE', { field: field(index) });
    }
  });
}

/**
 * Referral commands and reads. Rules come from the domain's referral machine; this class loads
 * the facts the rules need, runs them, and stores the outcome through {@link ReferralStore} in
 * one transaction (with the idempotency key, when given). Changes are announced after commit.
 */
export class ReferralService {
  constructor(private readonly rt: ReferralRuntime) {}

  private get guards(): BookingGuards {
    return this.rt.guards ?? DEFAULT_BOOKING_GUARDS;
  }

  get now(): Date {
    return this.rt.now;
  }

  get random(): RandomBytes {
    return this.rt.random;
  }

  /** Reads a referral the actor has a legitimate relationship with (else NO_RELATIONSHIP). */
  async read(ubrn: string, actor: Actor, em: EntityManager = this.rt.em): Promise<ReferralRead> {
    const referral = await em.findOne(Referral, { ubrn: requireUbrn(ubrn) });
    if (!referral) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'ubrn' });
    const snapshot = decodeSnapshot(referral.snapshot);
    const access = referralAccess(snapshot, actor);
    if (access === 'NONE') {
      throw refusedAccessTo(new DomainError('NO_RELATIONSHIP'), {
        ubrn: referral.ubrn,
        patientId: snapshot.patientId,
      });
    }
    return { referral, snapshot, access };
  }

  /** Reads a referral for display, recording the read in the audit trail (once). */
  async view(ubrn: string, actor: Actor): Promise<ReferralRead> {
    const read = await this.read(ubrn, actor);
    await this.rt.audit?.record({
      action: 'VIEW_REFERRAL',
      patientId: read.snapshot.patientId,
      ubrn: read.snapshot.ubrn,
    });
    return read;
  }

  /** The actions the actor could take on the referral now. */
  allowedActions(snapshot: ReferralSnapshot, actor: Actor): AllowedAction[] {
    return allowedActions(snapshot, actor, this.rt.now, { timeZone: UK_TIME_ZONE });
  }

  /**
   * Loads services by id, in the order given, for a referral to use: REFERENCE_NOT_FOUND names a
   * missing one and SERVICE_NOT_SUITABLE a draft.
   */
  async services(ids: readonly string[], em: EntityManager = this.rt.em): Promise<Service[]> {
    const found = await em.find(Service, { id: { $in: [...new Set(ids)] } });
    const byId = new Map(found.map((s) => [s.id, s]));
    return ids.map((id, index) => {
      const service = byId.get(id);
      if (!service) throw new DomainError('REFERENCE_NOT_FOUND', { field: `serviceIds.${index}` });
      // A draft cannot be referred to (shortlisted, booked, deferred to) until it is published.
      if (service.draft) {
        throw new DomainError('SERVICE_NOT_SUITABLE', { field: `serviceIds.${index}` });
      }
      return service;
    });
  }

  /**
   * Creates a referral (T1): the patient, a shortlist of 1 to 20 services the patient is eligible
   * for, the priority, clinical information and the letter (attached documents, to follow, or
   * none), with a new UBRN and access code.
   */
  async create(
    input: CreateReferralInput,
    actor: Actor,
    options: WriteOptions = {},
  ): Promise<ReferralWrite> {
    const documentIds = [...new Set(input.documentIds ?? [])];
    // The domain's rule, before anything is read or written: clinical information, an attached
    // letter, or a letter to follow by a due date (createReferral checks it again, for every path).
    assertReferralHasClinicalInformation(
      {
        clinicalInformation: input.clinicalInformation ?? null,
        letterStatus: input.letterStatus,
        letterDocumentCount: documentIds.length,
        letterDueDate: input.letterDueDate ?? null,
        priority: input.priority,
      },
      this.rt.now,
      this.rt.dateContext,
    );
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.createOnce(input, documentIds, actor, options);
      } catch (error) {
        // A new random UBRN collided with an existing one (about one in a million at national
        // volume): try again with another.
        if (
          attempt < 3 &&
          error instanceof UniqueConstraintViolationException &&
          /ubrn/i.test(error.message)
        ) {
          continue;
        }
        throw error;
      }
    }
  }

  private async createOnce(
    input: CreateReferralInput,
    documentIds: string[],
    actor: Actor,
    options: WriteOptions,
  ): Promise<ReferralWrite> {
    const { now } = this.rt;
    const result = await runIdempotent<Written, { ubrn: string }>(this.rt.em, {
      userId: actor.userId,
      key: options.idempotencyKey,
      operation: 'createReferral',
      args: { ...input, documentIds },
      run: async (tx) => {
        const patient = await tx.findOne(Patient, { id: input.patientId });
        if (!patient) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'patientId' });
        const services = await this.services(input.serviceIds, tx);
        // Shortlisted services must be ones a search for this patient would return.
        ensureServicesSuitable(services, patient, {
          priority: input.priority,
          requestType: 'APPOINTMENT_REQUEST',
          today: ukDate(now),
        });
        const outcome = createReferral(
          {
            ubrn: generateUbrn(this.rt.random),
            patientId: patient.id,
            patientHasRegisteredGp: patient.registeredPractice != null,
            priority: input.priority,
            shortlist: services.map(shortlistEntryOf),
            letterStatus: input.letterStatus,
            clinicalInformation: input.clinicalInformation ?? null,
            letterDocumentCount: documentIds.length,
            letterDueDate: input.letterDueDate ?? null,
            pathwayStart: input.pathwayStart ?? null,
            commissioningOrganisationId: null,
          },
          actor,
          now,
          this.rt.dateContext,
        );
        if (!outcome.ok) throw outcome.error;
        const store = new ReferralStore(tx, this.guards);
        const { referral, change } = await store.insert(
          outcome.value,
          {
            id: randomUUID(),
            accessCode: generateAccessCode(this.rt.random),
            clinicalInformation: input.clinicalInformation?.trim() || null,
          },
          { actor, now, requestId: this.rt.requestId },
          { serviceIds: input.serviceIds, warnings: outcome.value.warnings },
        );
        if (documentIds.length > 0) await this.attachDocuments(tx, referral, documentIds, actor);
        await this.rt.audit?.record(
          { action: 'CREATE_REFERRAL', patientId: patient.id, ubrn: referral.ubrn },
          { em: tx },
        );
        return {
          referral,
          snapshot: outcome.value.snapshot,
          change,
          type: 'CREATE_REFERRAL',
          replayed: false,
        };
      },
      remember: (r) => ({ ubrn: r.referral.ubrn }),
      replay: (remembered) => this.replayed(remembered.ubrn, actor, 'createReferral'),
    });
    if (result.change && result.type) this.announce(result.change, result.type);
    return this.written(result.referral, result.snapshot, actor, null, result.replayed);
  }

  /**
   * Applies one domain event to a referral, in one transaction: read, check with the domain's
   * `transition`, store the new snapshot with a compare-and-swap on the version, perform the
   * effects. `build` supplies the event with the facts only the database knows.
   */
  async apply(
    ubrn: string,
    actor: Actor,
    operation: string,
    args: unknown,
    options: WriteOptions,
    build: (tx: EntityManager, snapshot: ReferralSnapshot) => Promise<ReferralEvent>,
    after?: (tx: EntityManager, referral: Referral, snapshot: ReferralSnapshot) => Promise<void>,
    notice: string | null = null,
  ): Promise<ReferralWrite> {
    const result = await runIdempotent<Written, { ubrn: string; notice: string | null }>(
      this.rt.em,
      {
        userId: actor.userId,
        key: options.idempotencyKey,
        operation,
        args: {
          ubrn,
          ...((args as object) ?? {}),
          expectedVersion: options.expectedVersion ?? null,
        },
        run: (tx) =>
          this.applyWithin(
            tx,
            ubrn,
            actor,
            operation,
            options.expectedVersion ?? null,
            build,
            after,
          ),
        remember: (r) => ({ ubrn: r.referral.ubrn, notice }),
        replay: (remembered) => this.replayed(remembered.ubrn, actor, operation),
      },
    );
    if (result.change && result.type) this.announce(result.change, result.type);
    return this.written(result.referral, result.snapshot, actor, notice, result.replayed);
  }

  /**
   * {@link apply} inside a caller's transaction, for commands that change a referral as part of
   * a larger change (slot maintenance cancelling the appointments of the slots it cancels). The
   * caller announces the result with {@link announceWritten} once the transaction committed.
   *
   * Every write records one audit line (the operation's action, `cancelSlots` →
   * `CANCEL_SLOTS`, as the actor who made it) in the same transaction.
   */
  async applyWithin(
    tx: EntityManager,
    ubrn: string,
    actor: Actor,
    operation: string,
    expectedVersion: number | null,
    build: (tx: EntityManager, snapshot: ReferralSnapshot) => Promise<ReferralEvent>,
    after?: (tx: EntityManager, referral: Referral, snapshot: ReferralSnapshot) => Promise<void>,
    details: Record<string, unknown> | null = null,
  ): Promise<Written> {
    const { now } = this.rt;
    const { referral, snapshot } = await this.read(ubrn, actor, tx);
    const event = { ...(await build(tx, snapshot)), expectedVersion };
    const outcome = transition(snapshot, event, actor, now, this.rt.dateContext);
    if (!outcome.ok) throw outcome.error;
    const store = new ReferralStore(tx, this.guards);
    const eventOnly = eventDetails(event);
    const change = await store.update(
      referral,
      snapshot,
      outcome.value,
      event.type,
      { actor, now, requestId: this.rt.requestId },
      details || eventOnly ? { ...eventOnly, ...details } : null,
    );
    await after?.(tx, referral, outcome.value.snapshot);
    await this.rt.audit?.record(
      {
        action: auditAction(operation),
        patientId: snapshot.patientId,
        ubrn: snapshot.ubrn,
        // The event and the state it led to; never clinical content.
        details: { event: event.type, state: outcome.value.snapshot.state },
      },
      { em: tx, actor },
    );
    return {
      referral,
      snapshot: outcome.value.snapshot,
      change,
      type: event.type,
      replayed: false,
    };
  }

  /** Announces writes made with {@link applyWithin}, after their transaction committed. */
  announceWritten(written: readonly Written[]): void {
    for (const w of written) if (w.change && w.type) this.announce(w.change, w.type);
  }

  /** Whether an event type is allowed now. */
  canAct(type: ReferralEventType, snapshot: ReferralSnapshot, actor: Actor): boolean {
    return actionRefusalFor(type, snapshot, actor, this.rt.now) === null;
  }

  /** Whether an event type is allowed now, throwing its refusal if not. */
  ensureAllowed(type: ReferralEventType, snapshot: ReferralSnapshot, actor: Actor): void {
    const refusal = actionRefusalFor(type, snapshot, actor, this.rt.now);
    if (refusal) throw refusal;
  }

  /**
   * Creates an onward referral (T18) from `parent`, inside the transaction that records the
   * CREATE_ONWARD_REFERRAL event on the parent: same patient, new shortlist, new UBRN.
   */
  async insertOnward(
    tx: EntityManager,
    parent: ReferralSnapshot,
    onwardUbrn: string,
    input: Omit<CreateReferralInput, 'patientId'>,
    actor: Actor,
  ): Promise<void> {
    const services = await this.services(input.serviceIds, tx);
    const outcome = createReferral(
      {
        ubrn: onwardUbrn,
        patientId: parent.patientId,
        patientHasRegisteredGp: true,
        priority: input.priority,
        shortlist: services.map(shortlistEntryOf),
        letterStatus: input.letterStatus,
        clinicalInformation: input.clinicalInformation ?? null,
        letterDocumentCount: new Set(input.documentIds ?? []).size,
        letterDueDate: input.letterDueDate ?? null,
        pathwayStart: input.pathwayStart ?? null,
        parentUbrn: parent.ubrn,
        commissioningOrganisationId: parent.commissioningOrganisationId,
      },
      actor,
      this.rt.now,
      this.rt.dateContext,
    );
    if (!outcome.ok) throw outcome.error;
    const { referral } = await new ReferralStore(tx, this.guards).insert(
      outcome.value,
      {
        id: randomUUID(),
        accessCode: generateAccessCode(this.rt.random),
        clinicalInformation: input.clinicalInformation?.trim() || null,
      },
      { actor, now: this.rt.now, requestId: this.rt.requestId },
      { parentUbrn: parent.ubrn, serviceIds: input.serviceIds },
    );
    if (input.documentIds?.length)
      await this.attachDocuments(tx, referral, input.documentIds, actor);
  }

  /**
   * Stores a referral an Advice & Guidance conversion created on the advice request's UBRN
   * (`referralConvertedByProvider`, or `createReferral` when the referrer converts), inside the
   * transaction that records the conversion: its worklist entries (the provider's Appointments
   * for Booking) and first history row are written as for any new referral.
   */
  async insertConverted(
    tx: EntityManager,
    outcome: TransitionOutcome,
    actor: Actor,
    details: Record<string, unknown> | null = null,
  ): Promise<ReferralRead> {
    const { referral } = await new ReferralStore(tx, this.guards).insert(
      outcome,
      {
        id: randomUUID(),
        accessCode: generateAccessCode(this.rt.random),
        clinicalInformation: null,
      },
      { actor, now: this.rt.now, requestId: this.rt.requestId },
      details,
    );
    const access = referralAccess(outcome.snapshot, actor);
    return {
      referral,
      snapshot: outcome.snapshot,
      access: access === 'NONE' ? 'ADMINISTRATIVE' : access,
    };
  }

  /** Announces a referral created inside another command's transaction, once it committed. */
  async announceCreated(ubrn: string): Promise<void> {
    const em = this.rt.em.fork();
    const referral = await em.findOne(Referral, { ubrn });
    if (!referral) return;
    const entries = await em.find(
      WorklistEntryRecord,
      { referral: referral.id },
      { fields: ['organisationId'] },
    );
    this.announce(
      {
        ubrn,
        version: referral.version,
        organisationIds: [...new Set(entries.map((e) => e.organisationId))],
        effects: [],
      },
      'CREATE_REFERRAL',
    );
  }

  /** Attaches uploaded documents to a referral: the uploader's organisation's, not yet attached. */
  async attachDocuments(
    tx: EntityManager,
    referral: Referral,
    documentIds: readonly string[],
    actor: Actor,
  ) {
    const documents = await tx.find(ReferralDocument, { id: { $in: [...documentIds] } });
    if (documents.length !== new Set(documentIds).size) {
      throw new DomainError('REFERENCE_NOT_FOUND', { field: 'documentIds' });
    }
    for (const document of documents) {
      const attachedElsewhere = document.referral && document.referral.id !== referral.id;
      if (attachedElsewhere || document.uploadedByOrganisationId !== actor.organisationId) {
        throw new DomainError('REFERENCE_NOT_FOUND', { field: 'documentIds' });
      }
      document.referral = tx.getReference(Referral, referral.id, { wrapped: true });
    }
    const names = await tx.find(
      ReferralDocument,
      { referral: referral.id },
      { fields: ['filename'] },
    );
    const all = [
      ...names.map((d) => d.filename),
      ...documents.filter((d) => !d.referral).map((d) => d.filename),
    ];
    if (new Set(all.map((n) => n.toLowerCase())).size !== all.length) {
      throw new DomainError('DUPLICATE_FILENAME', { field: 'documentIds' });
    }
    await tx.flush();
  }

  /** The remembered result of an earlier request with the same idempotency key: a read. */
  async replayed(ubrn: string, actor: Actor, operation: string): Promise<Written> {
    const read = await this.read(ubrn, actor, this.rt.em.fork());
    await this.rt.audit?.record({
      action: 'VIEW_REFERRAL',
      patientId: read.snapshot.patientId,
      ubrn: read.snapshot.ubrn,
      details: { replayOf: auditAction(operation) },
    });
    return {
      referral: read.referral,
      snapshot: read.snapshot,
      change: null,
      type: null,
      replayed: true,
    };
  }

  /** Records a change to a referral made outside {@link apply} (holding a slot). */
  async audit(
    action: string,
    snapshot: ReferralSnapshot,
    details: Record<string, string | null> = {},
  ) {
    await this.rt.audit?.record({
      action,
      patientId: snapshot.patientId,
      ubrn: snapshot.ubrn,
      details,
    });
  }

  private written(
    referral: Referral,
    snapshot: ReferralSnapshot,
    actor: Actor,
    notice: string | null,
    replayed: boolean,
  ): ReferralWrite {
    const access = referralAccess(snapshot, actor);
    // A write can move a referral out of reach (for example a provider returning it); the writer
    // still sees the outcome of what they did, at the level their role allows.
    return {
      referral,
      snapshot,
      access: access === 'NONE' ? 'ADMINISTRATIVE' : access,
      notice,
      replayed,
    };
  }

  private announce(change: StoredChange, event: ReferralEventType | 'CREATE_REFERRAL') {
    this.rt.changes.publishReferralChange({
      ubrn: change.ubrn,
      version: change.version,
      event,
      organisationIds: change.organisationIds,
      at: this.rt.now,
    });
    // A cancelled booking freed its slot: the service's slot issues may now have one.
    const cancelled = change.effects.find((e) => e.type === 'CANCEL_APPOINTMENT');
    if (cancelled && change.effects.some((e) => e.type === 'RELEASE_SLOT')) {
      void requestSlotIssueMatching(this.rt.jobs, [cancelled.serviceId]);
    }
  }
}

/** What a write produced inside its transaction (or replayed from an earlier one). */
export interface Written {
  readonly referral: Referral;
  readonly snapshot: ReferralSnapshot;
  readonly change: StoredChange | null;
  readonly type: ReferralEventType | 'CREATE_REFERRAL' | null;
  readonly replayed: boolean;
}

/** What the history keeps of an event besides state, reason and comment. */
function eventDetails(event: ReferralEvent): Record<string, unknown> | null {
  switch (event.type) {
    case 'BOOK':
      return {
        serviceId: event.service.serviceId,
        slotId: event.slot?.id ?? null,
        start: event.slot?.start.toISOString() ?? null,
        redirectReason: event.redirectReason ?? null,
      };
    case 'DEFER_TO_PROVIDER':
      return {
        serviceId: event.service.serviceId,
        bookingAttemptFailure: event.bookingAttemptFailure ?? null,
        redirectReason: event.redirectReason ?? null,
      };
    case 'SEND_FOR_TRIAGE':
      return { serviceId: event.serviceId };
    case 'CHANGE_SHORTLIST':
      return {
        serviceIds: event.shortlist.map((s) => s.serviceId),
        priority: event.priority ?? null,
      };
    case 'CANCEL_APPOINTMENT_ACTION_LATER':
    case 'RECORD_TRIAGE_OUTCOME':
      return event.newPriority ? { newPriority: event.newPriority } : null;
    case 'ATTACH_REFERRAL_LETTER':
      return { documentIds: event.documentIds };
    case 'CREATE_ONWARD_REFERRAL':
      return { onwardUbrn: event.onwardUbrn };
    default:
      return null;
  }
}
