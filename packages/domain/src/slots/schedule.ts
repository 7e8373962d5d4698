import { splitIsoDate } from '../dates/age.js';
import {
  addCalendarDays,
  epochDay,
  isIsoDate,
  isoDayOfWeek,
  utcOffsetMinutes,
} from '../dates/local-time.js';
import type { HolidayCalendar } from '../dates/working-days.js';
import type { FieldError } from '../directory/service-definition.js';
import { errorMessage, type ErrorCode } from '../errors/error-codes.js';
import { PRIORITY_CODES, type Priority } from '../reference/priorities.js';

/**
 * Schedules: recurring session templates that publish appointment slots, one-off exceptions to
 * them, and the plan of slots they make over a range of dates. Times of day are UK local
 * (`HH:MM` in the given time zone), so a 09:00 clinic stays at 09:00 when the clocks change.
 */

/**
 * A recurring session of a service: on `weekdays`, every `everyWeeks` weeks counted from the
 * week of `validFrom`, a session starts at `startTime`, lasts `sessionMinutes` and is cut into
 * slots of `slotMinutes` for `priorities`. Bank holidays are skipped unless
 * `includeBankHolidays`.
 */
export interface SessionTemplate {
  readonly id: string;
  /** A name staff recognise ("Monday morning clinic"); checked when given. */
  readonly label?: string;
  /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
  readonly weekdays: readonly number[];
  /** Local start time, `HH:MM` (24-hour). */
  readonly startTime: string;
  readonly sessionMinutes: number;
  readonly slotMinutes: number;
  readonly priorities: readonly Priority[];
  readonly clinicianId?: string | null;
  readonly clinicianName?: string | null;
  /** First date the template runs (inclusive). */
  readonly validFrom: string;
  /** Last date the template runs (inclusive), or null for open-ended. */
  readonly validTo?: string | null;
  readonly everyWeeks: number;
  readonly includeBankHolidays: boolean;
}

/** A session cancelled on one date: one template's (`templateId`), or every template's (null). */
export interface CancelSessionRule {
  readonly kind: 'CANCEL_SESSION';
  readonly id: string;
  readonly date: string;
  readonly templateId: string | null;
}

/** An extra session on one date, with its own times, priorities and clinician. */
export interface ExtraSessionRule {
  readonly kind: 'EXTRA_SESSION';
  readonly id: string;
  readonly date: string;
  /** The template the session belongs to, if any (recorded on its slots). */
  readonly templateId?: string | null;
  readonly startTime: string;
  readonly sessionMinutes: number;
  readonly slotMinutes: number;
  readonly priorities: readonly Priority[];
  readonly clinicianId?: string | null;
  readonly clinicianName?: string | null;
}

/** A one-off change to a service's schedules on one date. */
export type ScheduleExceptionRule = CancelSessionRule | ExtraSessionRule;

/** A problem with one field of a schedule form (the service definition's {@link FieldError}). */
export type ScheduleFieldError = FieldError;

/** A slot a schedule will publish. */
export interface PlannedSlot {
  readonly start: Date;
  readonly end: Date;
  readonly priorities: readonly Priority[];
  readonly clinicianId: string | null;
  readonly clinicianName: string | null;
  /** The template that made it (an extra session's own template, if it names one). */
  readonly templateId: string | null;
  /**
   * Unique within the service and the same every time it is planned, which makes publication
   * idempotent: `s:<templateId>:<start ISO>` for a template's slot, `e:<exceptionId>:<start ISO>`
   * for an extra session's.
   */
  readonly sourceKey: string;
}

/** The slots a set of schedules makes over a range of dates. */
export interface SlotPlan {
  /** In start order (then by source key). */
  readonly slots: readonly PlannedSlot[];
  /** Bank holidays on which a template would have run a session but skipped it. */
  readonly skippedBankHolidays: readonly string[];
}

/** Limits of a session template (the error catalogue's messages state them). */
export const SCHEDULE_LIMITS = {
  minSessionMinutes: 5,
  maxSessionMinutes: 720,
  minSlotMinutes: 5,
  maxSlotMinutes: 240,
  maxEveryWeeks: 8,
  maxLabelLength: 100,
} as const;

const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of an `HH:MM` time, or null when it is not a 24-hour time. */
export function minutesOfDay(time: string): number | null {
  const match = TIME_PATTERN.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function fieldError(field: string, code: ErrorCode): ScheduleFieldError {
  return { field, code, message: errorMessage(code) };
}

const isWholeBetween = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

/** Checks a session's start, lengths and priorities: shared by templates and extra sessions. */
function sessionErrors(session: {
  startTime: string;
  sessionMinutes: number;
  slotMinutes: number;
  priorities: readonly string[];
}): ScheduleFieldError[] {
  const errors: ScheduleFieldError[] = [];
  const start = minutesOfDay(session.startTime);
  if (start === null) errors.push(fieldError('startTime', 'INVALID_TIME'));
  const sessionOk =
    isWholeBetween(
      session.sessionMinutes,
      SCHEDULE_LIMITS.minSessionMinutes,
      SCHEDULE_LIMITS.maxSessionMinutes,
    ) &&
    (start === null || start + session.sessionMinutes <= 24 * 60);
  if (!sessionOk) errors.push(fieldError('sessionMinutes', 'INVALID_SESSION_LENGTH'));
  const slotOk =
    isWholeBetween(
      session.slotMinutes,
      SCHEDULE_LIMITS.minSlotMinutes,
      SCHEDULE_LIMITS.maxSlotMinutes,
    ) &&
    (!sessionOk || session.slotMinutes <= session.sessionMinutes);
  if (!slotOk) errors.push(fieldError('slotMinutes', 'INVALID_SLOT_LENGTH'));
  if (
    session.priorities.length === 0 ||
    session.priorities.some((p) => !PRIORITY_CODES.includes(p as Priority)) ||
    new Set(session.priorities).size !== session.priorities.length
  ) {
    errors.push(fieldError('priorities', 'PRIORITY_REQUIRED'));
  }
  return errors;
}

/**
 * Every problem with a session template, field by field (empty when it is valid): a 24-hour
 * start time, at least one weekday (1–7), a session of 5 minutes to 12 hours ending by midnight,
 * slots of 5 to 240 minutes that fit the session, every 1 to 8 weeks, real dates with the end
 * on or after the start, at least one priority, and (when the service's named clinicians are
 * given) a clinician who is one of them.
 */
export function validateSessionTemplate(
  template: Omit<SessionTemplate, 'id'>,
  context: { namedClinicians?: readonly { id: string }[] } = {},
): ScheduleFieldError[] {
  const errors: ScheduleFieldError[] = [];
  if (template.label !== undefined) {
    if (template.label.trim() === '') errors.push(fieldError('label', 'NAME_REQUIRED'));
    else if (template.label.length > SCHEDULE_LIMITS.maxLabelLength) {
      errors.push(fieldError('label', 'FIELD_TOO_LONG'));
    }
  }
  if (
    template.weekdays.length === 0 ||
    template.weekdays.some((d) => !isWholeBetween(d, 1, 7)) ||
    new Set(template.weekdays).size !== template.weekdays.length
  ) {
    errors.push(fieldError('weekdays', 'WEEKDAY_REQUIRED'));
  }
  const session = sessionErrors(template);
  // Keep the form's order: weekdays, then the session, then the rest.
  errors.push(...session.filter((e) => e.field !== 'priorities'));
  if (!isWholeBetween(template.everyWeeks, 1, SCHEDULE_LIMITS.maxEveryWeeks)) {
    errors.push(fieldError('everyWeeks', 'INVALID_EVERY_WEEKS'));
  }
  if (!isIsoDate(template.validFrom)) {
    errors.push(fieldError('validFrom', 'INVALID_DATE_RANGE'));
  } else if (
    template.validTo != null &&
    (!isIsoDate(template.validTo) || template.validTo < template.validFrom)
  ) {
    errors.push(fieldError('validTo', 'INVALID_DATE_RANGE'));
  }
  errors.push(...session.filter((e) => e.field === 'priorities'));
  if (template.clinicianId != null && context.namedClinicians) {
    if (!context.namedClinicians.some((c) => c.id === template.clinicianId)) {
      errors.push(fieldError('clinicianId', 'INVALID_NAMED_CLINICIAN'));
    }
  }
  return errors;
}

/**
 * Every problem with a schedule exception: a real date; for an extra session, its times and
 * priorities as for a template (and its clinician one of the service's named clinicians when
 * those are given).
 */
export function validateScheduleException(
  rule:
    | Omit<CancelSessionRule, 'id'>
    | (Omit<ExtraSessionRule, 'id' | 'startTime' | 'sessionMinutes' | 'slotMinutes'> & {
        startTime: string | null;
        sessionMinutes: number | null;
        slotMinutes: number | null;
      }),
  context: { namedClinicians?: readonly { id: string }[] } = {},
): ScheduleFieldError[] {
  const errors: ScheduleFieldError[] = [];
  if (!isIsoDate(rule.date)) errors.push(fieldError('date', 'INVALID_DATE'));
  if (rule.kind === 'EXTRA_SESSION') {
    errors.push(
      ...sessionErrors({
        startTime: rule.startTime ?? '',
        sessionMinutes: rule.sessionMinutes ?? 0,
        slotMinutes: rule.slotMinutes ?? 0,
        priorities: rule.priorities,
      }),
    );
    if (rule.clinicianId != null && context.namedClinicians) {
      if (!context.namedClinicians.some((c) => c.id === rule.clinicianId)) {
        errors.push(fieldError('clinicianId', 'INVALID_NAMED_CLINICIAN'));
      }
    }
  }
  return errors;
}

/**
 * The instant a local wall-clock time on a date happens in a time zone. A time the clocks skip
 * (01:30 on the last Sunday of March in London) comes out an hour later, at 02:30 BST; a time
 * that happens twice (01:30 on the last Sunday of October) is its second occurrence, in GMT.
 * Either way it is one instant, so such a slot is planned once.
 */
export function localTimeToInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = splitIsoDate(date);
  const wall = Date.UTC(y, m - 1, d) + minutes * 60_000;
  const first = wall - utcOffsetMinutes(timeZone, new Date(wall)) * 60_000;
  const offset = utcOffsetMinutes(timeZone, new Date(first));
  return new Date(wall - offset * 60_000);
}

/** Monday's date of the ISO week a date is in. */
function mondayOf(date: string): string {
  return addCalendarDays(date, 1 - isoDayOfWeek(date));
}

/** Whether a template runs on a date by its weekdays, valid dates and every-N-weeks rhythm. */
function runsOn(template: SessionTemplate, date: string, weekday: number): boolean {
  if (!template.weekdays.includes(weekday)) return false;
  if (date < template.validFrom) return false;
  if (template.validTo != null && date > template.validTo) return false;
  if (template.everyWeeks > 1) {
    const weeks = Math.floor((epochDay(date) - epochDay(mondayOf(template.validFrom))) / 7);
    if (weeks % template.everyWeeks !== 0) return false;
  }
  return true;
}

/** The slots of one session on one date (whole slots only: a remainder is left unused). */
function sessionSlots(
  session: {
    startTime: string;
    sessionMinutes: number;
    slotMinutes: number;
    priorities: readonly Priority[];
    clinicianId?: string | null;
    clinicianName?: string | null;
  },
  date: string,
  timeZone: string,
  templateId: string | null,
  keyPrefix: string,
  out: PlannedSlot[],
): void {
  const start = minutesOfDay(session.startTime);
  if (start === null || session.slotMinutes <= 0) return;
  const count = Math.floor(session.sessionMinutes / session.slotMinutes);
  for (let i = 0; i < count; i++) {
    const begins = localTimeToInstant(date, start + i * session.slotMinutes, timeZone);
    out.push({
      start: begins,
      end: new Date(begins.getTime() + session.slotMinutes * 60_000),
      priorities: session.priorities,
      clinicianId: session.clinicianId ?? null,
      clinicianName: session.clinicianName ?? null,
      templateId,
      sourceKey: `${keyPrefix}:${begins.toISOString()}`,
    });
  }
}

/**
 * The slots a service's schedules make from `from` to `to` (local dates, both inclusive): each
 * template's sessions on its weekdays within its valid dates, every `everyWeeks` weeks counted
 * from the week of its `validFrom`, skipping the holiday calendar's bank holidays unless the
 * template includes them, and skipping sessions a `CANCEL_SESSION` exception names; plus the
 * extra sessions of `EXTRA_SESSION` exceptions (which run on bank holidays too: they are asked
 * for on that date). Templates and exceptions are taken as given (validate them first); an
 * invalid one plans nothing rather than throwing. Pure: the range, time zone and calendar are
 * parameters.
 */
export function planSlots(input: {
  readonly templates: readonly SessionTemplate[];
  readonly exceptions?: readonly ScheduleExceptionRule[];
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly holidays: HolidayCalendar;
}): SlotPlan {
  const { templates, timeZone, holidays } = input;
  const exceptions = input.exceptions ?? [];
  const cancelled = new Map<string, Set<string | null>>();
  const extras = new Map<string, ExtraSessionRule[]>();
  for (const rule of exceptions) {
    if (rule.kind === 'CANCEL_SESSION') {
      const set = cancelled.get(rule.date) ?? new Set();
      set.add(rule.templateId);
      cancelled.set(rule.date, set);
    } else {
      const list = extras.get(rule.date) ?? [];
      list.push(rule);
      extras.set(rule.date, list);
    }
  }
  const slots: PlannedSlot[] = [];
  const skipped: string[] = [];
  if (!isIsoDate(input.from) || !isIsoDate(input.to)) return { slots, skippedBankHolidays: [] };
  for (let date = input.from; date <= input.to; date = addCalendarDays(date, 1)) {
    const weekday = isoDayOfWeek(date);
    const bankHoliday = holidays.isHoliday(date);
    const cancelledToday = cancelled.get(date);
    let skippedToday = false;
    for (const template of templates) {
      if (!runsOn(template, date, weekday)) continue;
      if (bankHoliday && !template.includeBankHolidays) {
        skippedToday = true;
        continue;
      }
      if (cancelledToday && (cancelledToday.has(null) || cancelledToday.has(template.id))) {
        continue;
      }
      sessionSlots(template, date, timeZone, template.id, `s:${template.id}`, slots);
    }
    if (skippedToday) skipped.push(date);
    for (const extra of extras.get(date) ?? []) {
      sessionSlots(extra, date, timeZone, extra.templateId ?? null, `e:${extra.id}`, slots);
    }
  }
  const seen = new Set<string>();
  const unique = slots.filter((slot) => !seen.has(slot.sourceKey) && seen.add(slot.sourceKey));
  unique.sort(
    (a, b) =>
      a.start.getTime() - b.start.getTime() ||
      (a.sourceKey < b.sourceKey ? -1 : a.sourceKey > b.sourceKey ? 1 : 0),
  );
  return { slots: unique, skippedBankHolidays: skipped };
}
