import { priorityInfo, type Priority } from '../reference/index.js';
import { addCalendarDays, localDate, startOfLocalDay } from './local-time.js';
import { addWorkingDays, type HolidayCalendar } from './working-days.js';

/** The time zone and holiday calendar that date rules are computed in. */
export interface DateContext {
  /** IANA time zone, normally `Europe/London`. */
  readonly timeZone: string;
  readonly calendar: HolidayCalendar;
}

/** How a referral reached the provider without a booking: deferred to it, or sent for triage. */
export type ContactRoute = 'DEFERRAL' | 'TRIAGE';

/**
 * The working days within which the patient can expect contact after a deferral or triage send,
 * from the priority's reference data (reference §6).
 */
export function patientContactDays(priority: Priority, route: ContactRoute): number {
  const info = priorityInfo(priority);
  return route === 'DEFERRAL' ? info.deferToProviderContactDays : info.triageContactDays;
}

/**
 * The date by which the patient can expect to be contacted: the UK date the referral was sent
 * plus the priority's contact days, in working days (weekends and bank holidays skipped).
 */
export function patientContactBy(
  sentAt: Date,
  priority: Priority,
  route: ContactRoute,
  context: DateContext,
): string {
  const sentOn = localDate(sentAt, context.timeZone);
  return addWorkingDays(sentOn, patientContactDays(priority, route), context.calendar);
}

/**
 * Whether the contact-by date has passed: true from the first moment of the day after it, UK
 * time.
 */
export function isContactDatePassed(contactBy: string, now: Date, timeZone: string): boolean {
  return localDate(now, timeZone) > contactBy;
}

/** When a referral letter is due. */
export interface LetterDue {
  /** The last UK day on which the letter is on time. */
  readonly dueDate: string;
  /** The instant the letter becomes overdue: the start of the UK day after `dueDate`. */
  readonly dueAt: Date;
}

/**
 * When the referral letter of a referral created at `createdAt` is due, if the referrer said they
 * would add it later: two week wait and urgent within 1 working day, routine within 3.
 */
export function referralLetterDue(
  createdAt: Date,
  priority: Priority,
  context: DateContext,
): LetterDue {
  const createdOn = localDate(createdAt, context.timeZone);
  const dueDate = addWorkingDays(
    createdOn,
    priorityInfo(priority).letterDueWorkingDays,
    context.calendar,
  );
  return { dueDate, dueAt: startOfLocalDay(addCalendarDays(dueDate, 1), context.timeZone) };
}

/** Whether a letter due at `dueAt` is overdue at `now`. */
export function isLetterOverdue(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}
