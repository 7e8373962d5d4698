import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  checkSlotCancellationReason,
  DomainError,
  errorMessage,
  isIsoDate,
  planSlots,
  startOfLocalDay,
  validateScheduleException,
  validateSessionTemplate,
  type Actor,
  type HolidayCalendar,
  type PlannedSlot,
  type Priority,
  type ScheduleExceptionRule,
  type ScheduleFieldError,
  type SessionTemplate,
  type SlotPlan,
} from '@open-ers/domain';
import { englandBankHolidays } from '@open-ers/domain/holidays';
import type { EntityManager } from '../../db/orm.js';
import type { JobQueue } from '../../jobs/queue.js';
import { UK_TIME_ZONE, ukDate } from '../../time.js';
import { Service } from '../directory/index.js';
import { ScheduleException, SlotSchedule, type ScheduleExceptionKind } from './schedule.entity.js';
import { priorityColumns, Slot } from './slot.entity.js';
import { isUuid } from '../../db/ids.js';

/** A session template as a service definer enters it. */
export interface SessionTemplateFields {
  readonly label: string;
  readonly weekdays: readonly number[];
  readonly startTime: string;
  readonly sessionMinutes: number;
  readonly slotMinutes: number;
  readonly priorities: readonly Priority[];
  readonly clinicianId?: string | null;
  readonly validFrom: string;
  readonly validTo?: string | null;
  readonly everyWeeks: number;
  readonly includeBankHolidays: boolean;
}

/** A schedule exception as a service definer enters it. */
export interface ScheduleExceptionFields {
  readonly date: string;
  readonly kind: ScheduleExceptionKind;
  readonly scheduleId?: string | null;
  readonly startTime?: string | null;
  readonly sessionMinutes?: number | null;
  readonly slotMinutes?: number | null;
  readonly priorities?: readonly Priority[] | null;
  readonly clinicianId?: string | null;
  readonly reason?: string | null;
}

/** Withdraws published slots (slot maintenance's `cancel`, as the acting service definer). */
export type WithdrawSlots = (request: {
  serviceId: string;
  slotIds: string[];
  reason: string;
  comment: string | null;
}) => Promise<unknown>;

/** What a preview shows: how many slots a template makes up to the horizon, and the first. */
export interface SchedulePreviewResult {
  readonly from: string;
  readonly to: string;
  readonly slotCount: number;
  readonly firstSlots: readonly PlannedSlot[];
  readonly skippedBankHolidays: readonly string[];
}

/** What a publication did. */
export interface PublicationOutcome {
  readonly serviceId: string;
  /** Slots inserted now. */
  readonly created: number;
  /** Planned slots that were already published (by an earlier run, or a run beside this one). */
  readonly alreadyPublished: number;
  /** The last date of the horizon. */
  readonly horizonEnd: string;
}

/** Slots shown in a preview. */
export const PREVIEW_SLOT_COUNT = 20;
/**
 * Rows per insert statement when publishing: inside PostgreSQL's 65,535 bind parameters and
 * SQLite's 32,766 (14 a row).
 */
export function publishBatchSize(em: EntityManager): number {
  return /sqlite/i.test(em.getPlatform().constructor.name) ? 1000 : 2000;
}

function failValidation(fieldErrors: readonly ScheduleFieldError[]): void {
  if (fieldErrors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', {
      field: fieldErrors[0]!.field,
      details: { fieldErrors },
    });
  }
}

/** A stored template as the domain's planner sees it. */
export function toSessionTemplate(schedule: SlotSchedule): SessionTemplate {
  return {
    id: schedule.id,
    label: schedule.label,
    weekdays: schedule.weekdays,
    startTime: schedule.startTime,
    sessionMinutes: schedule.sessionMinutes,
    slotMinutes: schedule.slotMinutes,
    priorities: schedule.priorities,
    clinicianId: schedule.clinicianId ?? null,
    clinicianName: schedule.clinicianName ?? null,
    validFrom: schedule.validFrom,
    validTo: schedule.validTo ?? null,
    everyWeeks: schedule.everyWeeks,
    includeBankHolidays: schedule.includeBankHolidays,
  };
}

/** A stored exception as the domain's planner sees it. */
export function toExceptionRule(exception: ScheduleException): ScheduleExceptionRule {
  if (exception.kind === 'CANCEL_SESSION') {
    return {
      kind: 'CANCEL_SESSION',
      id: exception.id,
      date: exception.date,
      templateId: exception.schedule?.id ?? null,
    };
  }
  return {
    kind: 'EXTRA_SESSION',
    id: exception.id,
    date: exception.date,
    templateId: exception.schedule?.id ?? null,
    startTime: exception.startTime ?? '',
    sessionMinutes: exception.sessionMinutes ?? 0,
    slotMinutes: exception.slotMinutes ?? 0,
    priorities: exception.priorities ?? [],
    clinicianId: exception.clinicianId ?? null,
    clinicianName: exception.clinicianName ?? null,
  };
}

/** The columns of a slot row for a planned slot (a bulk insert skips entity constructors). */
export function plannedSlotRow(serviceId: string, slot: PlannedSlot, publishedAt: Date) {
  return {
    id: randomUUID(),
    service: serviceId,
    startAt: slot.start,
    endAt: slot.end,
    ...priorityColumns(slot.priorities),
    clinicianName: slot.clinicianName,
    clinicianId: slot.clinicianId,
    status: 'FREE' as const,
    publishedAt,
    sourceKey: slot.sourceKey,
    scheduleId: slot.templateId,
    offer: false,
  };
}

const SLOT_COLUMNS = [
  'id',
  'service_id',
  'start_at',
  'end_at',
  'for_routine',
  'for_urgent',
  'for_two_week_wait',
  'clinician_name',
  'clinician_id',
  'status',
  'published_at',
  'source_key',
  'schedule_id',
  'offer',
] as const;

/**
 * Inserts planned slots in batches, skipping any whose source key the service already has
 * (`ON CONFLICT DO NOTHING` against the unique (service, source key) index, on both dialects),
 * so publishing twice, or from two instances at once, never makes a duplicate. Resolves with
 * how many were inserted. Plain SQL: the query builder's per-row mapping doubled the time of a
 * national publication.
 */
export async function insertPlannedSlots(
  em: EntityManager,
  rows: readonly ReturnType<typeof plannedSlotRow>[],
  batchSize = publishBatchSize(em),
): Promise<number> {
  const platform = em.getPlatform();
  const sqlite = /sqlite/i.test(platform.constructor.name);
  const date = (instant: Date) => platform.processDateProperty(instant);
  const bool = (value: boolean) => (sqlite ? (value ? 1 : 0) : value);
  const tuple = `(${SLOT_COLUMNS.map(() => '?').join(', ')})`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = rows.slice(i, i + batchSize);
    const values: unknown[] = [];
    for (const r of batch) {
      values.push(
        r.id,
        r.service,
        date(r.startAt),
        date(r.endAt),
        bool(r.forRoutine),
        bool(r.forUrgent),
        bool(r.forTwoWeekWait),
        r.clinicianName,
        r.clinicianId,
        r.status,
        date(r.publishedAt),
        r.sourceKey,
        r.scheduleId,
        bool(r.offer),
      );
    }
    const result = await em
      .getConnection()
      .execute<{ affectedRows: number }>(
        `insert into slot (${SLOT_COLUMNS.join(', ')}) values ${batch.map(() => tuple).join(', ')} on conflict do nothing`,
        values,
        'run',
      );
    inserted += result.affectedRows;
  }
  return inserted;
}

/**
 * Session templates and publication of slots from them (issue 9). A service definer works on
 * the services of their own organisation; another organisation's service is not found.
 * Publication fills the service's horizon (`publicationWeeks` from tomorrow, UK dates) from its
 * active templates and exceptions with the domain's `planSlots`, idempotently.
 */
export class ScheduleService {
  private readonly holidays: HolidayCalendar;

  constructor(
    readonly em: EntityManager,
    private readonly settings: { now: Date; jobs?: JobQueue; holidays?: HolidayCalendar },
  ) {
    this.holidays = settings.holidays ?? englandBankHolidays();
  }

  /** The service, if the actor is a service definer of its provider; else REFERENCE_NOT_FOUND. */
  async requireOwnService(actor: Actor, serviceId: string): Promise<Service> {
    const service = isUuid(serviceId) ? await this.em.findOne(Service, { id: serviceId }) : null;
    if (
      !service ||
      actor.role !== 'SERVICE_DEFINER' ||
      service.provider.id !== actor.organisationId
    ) {
      throw new DomainError('REFERENCE_NOT_FOUND', { field: 'serviceId' });
    }
    return service;
  }

  /** A service's templates, active first, then by when they were made. */
  async schedules(actor: Actor, serviceId: string): Promise<SlotSchedule[]> {
    await this.requireOwnService(actor, serviceId);
    return this.em.find(
      SlotSchedule,
      { service: serviceId },
      { orderBy: { active: 'desc', createdAt: 'asc', id: 'asc' } },
    );
  }

  /** A service's exceptions from today on, by date. */
  async exceptions(actor: Actor, serviceId: string): Promise<ScheduleException[]> {
    await this.requireOwnService(actor, serviceId);
    return this.em.find(
      ScheduleException,
      { service: serviceId, date: { $gte: ukDate(this.settings.now) } },
      { orderBy: { date: 'asc', createdAt: 'asc' } },
    );
  }

  /** The first and last date publication fills now: tomorrow to the horizon (and service end). */
  horizon(service: Service): { from: string; to: string } {
    const today = ukDate(this.settings.now);
    const horizonEnd = addCalendarDays(today, service.publicationWeeks * 7);
    const to =
      service.effectiveTo && service.effectiveTo < horizonEnd ? service.effectiveTo : horizonEnd;
    return { from: addCalendarDays(today, 1), to };
  }

  private checkTemplate(service: Service, fields: SessionTemplateFields): SessionTemplate {
    failValidation(
      validateSessionTemplate(
        { ...fields, clinicianId: fields.clinicianId || null },
        { namedClinicians: service.namedClinicians ?? [] },
      ),
    );
    const clinician = fields.clinicianId
      ? (service.namedClinicians ?? []).find((c) => c.id === fields.clinicianId)
      : undefined;
    return {
      ...fields,
      id: 'preview',
      label: fields.label.trim(),
      clinicianId: clinician?.id ?? null,
      clinicianName: clinician?.name ?? null,
      validTo: fields.validTo ?? null,
    };
  }

  /** The slots a template would publish up to the service's horizon, without saving anything. */
  async preview(
    actor: Actor,
    serviceId: string,
    fields: SessionTemplateFields,
  ): Promise<SchedulePreviewResult> {
    const service = await this.requireOwnService(actor, serviceId);
    const template = this.checkTemplate(service, fields);
    const { from, to } = this.horizon(service);
    const plan = planSlots({
      templates: [template],
      from,
      to,
      timeZone: UK_TIME_ZONE,
      holidays: this.holidays,
    });
    return {
      from,
      to,
      slotCount: plan.slots.length,
      firstSlots: plan.slots.slice(0, PREVIEW_SLOT_COUNT),
      skippedBankHolidays: plan.skippedBankHolidays,
    };
  }

  /** Saves a new template (publish to make its slots). */
  async createSchedule(
    actor: Actor,
    serviceId: string,
    fields: SessionTemplateFields,
  ): Promise<SlotSchedule> {
    const service = await this.requireOwnService(actor, serviceId);
    const template = this.checkTemplate(service, fields);
    const schedule = this.em.create(SlotSchedule, {
      id: randomUUID(),
      service,
      label: template.label!,
      weekdays: [...template.weekdays].sort((a, b) => a - b),
      startTime: template.startTime,
      sessionMinutes: template.sessionMinutes,
      slotMinutes: template.slotMinutes,
      priorities: [...template.priorities],
      clinicianId: template.clinicianId ?? null,
      clinicianName: template.clinicianName ?? null,
      validFrom: template.validFrom,
      validTo: template.validTo ?? null,
      everyWeeks: template.everyWeeks,
      includeBankHolidays: template.includeBankHolidays,
      createdAt: this.settings.now,
      updatedAt: this.settings.now,
      createdByUserId: actor.userId,
    });
    await this.em.flush();
    return schedule;
  }

  /**
   * Ends a template on a date: it publishes nothing after it (slots already published stay
   * until cancelled). Ending before it starts retires it altogether.
   */
  async endSchedule(actor: Actor, scheduleId: string, validTo: string): Promise<SlotSchedule> {
    const schedule = isUuid(scheduleId)
      ? await this.em.findOne(SlotSchedule, { id: scheduleId })
      : null;
    if (!schedule) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'id' });
    await this.requireOwnService(actor, schedule.service.id).catch(() => {
      throw new DomainError('REFERENCE_NOT_FOUND', { field: 'id' });
    });
    if (!isIsoDate(validTo) || validTo < addCalendarDays(schedule.validFrom, -1)) {
      failValidation([
        {
          field: 'validTo',
          code: 'INVALID_DATE_RANGE',
          message: errorMessage('INVALID_DATE_RANGE'),
        },
      ]);
    }
    if (!schedule.validTo || validTo < schedule.validTo) schedule.validTo = validTo;
    if (schedule.validTo < schedule.validFrom || schedule.validTo < ukDate(this.settings.now)) {
      schedule.active = false;
    }
    await this.em.flush();
    return schedule;
  }

  /**
   * Records a one-off change on a date: a cancelled session (one template's, or every
   * template's when none is named) or an extra session. A cancelled session whose slots are
   * already published withdraws them first, through `withdraw` (slot maintenance, which owns
   * cancelling slots: a booked one cancels its appointment as the provider, T13), with the
   * exception's reason, which is then required. An extra session is published by the next
   * publication (queued at once when a job queue is running).
   */
  async addException(
    actor: Actor,
    serviceId: string,
    fields: ScheduleExceptionFields,
    withdraw?: WithdrawSlots,
  ): Promise<ScheduleException> {
    const service = await this.requireOwnService(actor, serviceId);
    let schedule: SlotSchedule | null = null;
    if (fields.scheduleId) {
      schedule = isUuid(fields.scheduleId)
        ? await this.em.findOne(SlotSchedule, { id: fields.scheduleId, service: serviceId })
        : null;
      if (!schedule) throw new DomainError('REFERENCE_NOT_FOUND', { field: 'scheduleId' });
    }
    const extra = fields.kind === 'EXTRA_SESSION';
    failValidation(
      validateScheduleException(
        extra
          ? {
              kind: 'EXTRA_SESSION',
              date: fields.date,
              startTime: fields.startTime ?? null,
              sessionMinutes: fields.sessionMinutes ?? null,
              slotMinutes: fields.slotMinutes ?? null,
              priorities: fields.priorities ?? [],
              clinicianId: fields.clinicianId || null,
            }
          : { kind: 'CANCEL_SESSION', date: fields.date, templateId: schedule?.id ?? null },
        { namedClinicians: service.namedClinicians ?? [] },
      ),
    );
    const reason = fields.reason?.trim() || null;
    if (!extra) {
      const published = await this.publishedSessionSlots(serviceId, fields.date, schedule);
      if (published.length > 0) {
        // The reason is a slot cancellation reason: checked before anything changes.
        checkSlotCancellationReason(reason, null, ukDate(this.settings.now));
        if (!withdraw) throw new Error('withdrawing published slots needs slot maintenance');
        await withdraw({ serviceId, slotIds: published, reason: reason!, comment: null });
      }
    }
    const clinician =
      extra && fields.clinicianId
        ? (service.namedClinicians ?? []).find((c) => c.id === fields.clinicianId)
        : undefined;
    const exception = this.em.create(ScheduleException, {
      id: randomUUID(),
      service,
      schedule,
      date: fields.date,
      kind: fields.kind,
      startTime: extra ? fields.startTime : null,
      sessionMinutes: extra ? fields.sessionMinutes : null,
      slotMinutes: extra ? fields.slotMinutes : null,
      priorities: extra ? [...(fields.priorities ?? [])] : null,
      clinicianId: clinician?.id ?? null,
      clinicianName: clinician?.name ?? null,
      reason,
      createdAt: this.settings.now,
      createdByUserId: actor.userId,
    });
    await this.em.flush();
    if (extra) {
      await this.settings.jobs?.enqueue(
        'publish-slots',
        { serviceId },
        { singletonKey: serviceId },
      );
    }
    return exception;
  }

  /**
   * The published, not yet started, not cancelled slots of a session on a date: one template's,
   * or every template's when none is named.
   */
  async publishedSessionSlots(
    serviceId: string,
    date: string,
    schedule: SlotSchedule | null,
  ): Promise<string[]> {
    if (!isIsoDate(date)) return [];
    const dayStart = startOfLocalDay(date, UK_TIME_ZONE);
    const dayEnd = startOfLocalDay(addCalendarDays(date, 1), UK_TIME_ZONE);
    const from = dayStart > this.settings.now ? dayStart : this.settings.now;
    const slots = await this.em.find(
      Slot,
      {
        service: serviceId,
        scheduleId: schedule ? schedule.id : { $ne: null },
        startAt: { $gt: from, $lt: dayEnd },
        status: { $ne: 'CANCELLED' },
      },
      { fields: ['id'], orderBy: { startAt: 'asc' } },
    );
    return slots.map((s) => s.id);
  }

  /** Publishes a service's horizon now, as its service definer (`publishSlots`). */
  async publishSlots(actor: Actor, serviceId: string): Promise<PublicationOutcome> {
    await this.requireOwnService(actor, serviceId);
    return this.publish(serviceId);
  }

  /** The slots a service's active templates and exceptions make over its horizon. */
  async plan(service: Service): Promise<SlotPlan & { from: string; to: string }> {
    const { from, to } = this.horizon(service);
    const [templates, exceptions] = await Promise.all([
      this.em.find(SlotSchedule, { service: service.id, active: true }),
      this.em.find(ScheduleException, {
        service: service.id,
        date: { $gte: from, $lte: to },
      }),
    ]);
    const plan =
      to < from
        ? { slots: [], skippedBankHolidays: [] }
        : planSlots({
            templates: templates.map(toSessionTemplate),
            exceptions: exceptions.map(toExceptionRule),
            from,
            to,
            timeZone: UK_TIME_ZONE,
            holidays: this.holidays,
          });
    return { ...plan, from, to };
  }

  /**
   * Fills a service's horizon from its schedules (the `publish-slots` job, and `publishSlots`):
   * inserts what is missing, never a duplicate, then asks for the service's slot issues to be
   * matched to the new capacity.
   */
  async publish(serviceId: string): Promise<PublicationOutcome> {
    const service = await this.em.findOneOrFail(Service, { id: serviceId });
    const plan = await this.plan(service);
    const publishedAt = this.settings.now;
    // Most days the plan is almost all published already: read the service's keys (an
    // index-only range of the unique index) and offer the database only what is missing, rather
    // than every planned row to be turned away by the index. The insert still ignores conflicts,
    // so another instance publishing at the same moment cannot make a duplicate.
    const existing = await this.publishedKeys(service.id, plan.slots);
    const missing = plan.slots.filter((slot) => !existing.has(slot.sourceKey));
    const created = await insertPlannedSlots(
      this.em,
      missing.map((slot) => plannedSlotRow(service.id, slot, publishedAt)),
    );
    if (created > 0) {
      await this.settings.jobs?.enqueue(
        'match-slot-issues',
        { serviceId },
        { singletonKey: serviceId },
      );
    }
    return {
      serviceId,
      created,
      alreadyPublished: plan.slots.length - created,
      horizonEnd: plan.to,
    };
  }

  /** The source keys the service already has among those of `slots`. */
  private async publishedKeys(
    serviceId: string,
    slots: readonly PlannedSlot[],
  ): Promise<Set<string>> {
    if (slots.length === 0) return new Set();
    let low = slots[0]!.sourceKey;
    let high = low;
    for (const { sourceKey } of slots) {
      if (sourceKey < low) low = sourceKey;
      if (sourceKey > high) high = sourceKey;
    }
    const rows = await this.em
      .getConnection()
      .execute<{ source_key: string }[]>(
        'select source_key from slot where service_id = ? and source_key >= ? and source_key <= ?',
        [serviceId, low, high],
      );
    return new Set(rows.map((r) => r.source_key));
  }

  /** Services with an active template: the daily publication run's list. */
  async servicesToPublish(): Promise<string[]> {
    const rows = await this.em
      .createQueryBuilder(SlotSchedule, 's')
      .select('s.service_id', true)
      .where({ active: true })
      .execute<{ service_id: string }[]>('all', false);
    return rows.map((r) => String(r.service_id));
  }
}
