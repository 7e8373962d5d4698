import { addCalendarDays, calendarDaysBetween, isoDayOfWeek } from './local-time.js';

/**
 * A calendar of public holidays. Working-day arithmetic takes one as a parameter so the caller
 * chooses the source: `englandBankHolidays()` from `@open-ers/domain/holidays` (built from the
 * maintained `date-holidays` data) on a server, or a list of dates sent to a browser.
 */
export interface HolidayCalendar {
  /** A short name for logs and tests, for example `England and Wales bank holidays`. */
  readonly name: string;
  /** Whether an ISO date is a public holiday. */
  isHoliday(date: string): boolean;
}

/** A calendar with no holidays: working days are Monday to Friday. */
export const NO_HOLIDAYS: HolidayCalendar = { name: 'No holidays', isHoliday: () => false };

/** A calendar from a list of ISO holiday dates. */
export function holidayCalendarFromDates(
  dates: Iterable<string>,
  name = 'Custom holidays',
): HolidayCalendar {
  const set = new Set(dates);
  return { name, isHoliday: (date) => set.has(date) };
}

/** Whether a date is a working day: Monday to Friday and not a holiday. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return isoDayOfWeek(date) <= 5 && !calendar.isHoliday(date);
}

/**
 * The date `n` working days after `date`, counting only working days after it (the day itself
 * never counts, whether or not it is a working day). `n = 0` returns `date` unchanged.
 * Precondition: `n` is a whole number of 0 or more.
 */
export function addWorkingDays(date: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number of 0 or more');
  let current = date;
  let remaining = n;
  while (remaining > 0) {
    current = addCalendarDays(current, 1);
    if (isWorkingDay(current, calendar)) remaining -= 1;
  }
  return current;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, calendar: HolidayCalendar): string {
  return addWorkingDays(date, 1, calendar);
}

/**
 * The number of working days after `from` up to and including `to` (0 when `to` is not after
 * `from`). `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  const span = calendarDaysBetween(from, to);
  let count = 0;
  for (let i = 1; i <= span; i++) {
    if (isWorkingDay(addCalendarDays(from, i), calendar)) count += 1;
  }
  return count;
}
