import { TZDate, tzOffset } from '@date-fns/tz';
import { splitIsoDate } from './age.js';

/**
 * Calendar dates and local time. Instants are `Date`s (UTC); calendar dates are ISO
 * `YYYY-MM-DD` strings meaning a day in the given time zone. The time zone is always a
 * parameter; open-ers uses {@link DEFAULT_TIME_ZONE}.
 */

/** The time zone of England: GMT in winter, British Summer Time (UTC+1) in summer. */
export const DEFAULT_TIME_ZONE = 'Europe/London';

const MS_PER_DAY = 86_400_000;

/** Whether a value is a real ISO calendar date (`2026-02-30` is not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = splitIsoDate(value);
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The calendar date of an instant in a time zone: 23:30 UTC on 31 May is 1 June in London. */
export function localDate(instant: Date, timeZone: string): string {
  const offsetMinutes = tzOffset(timeZone, instant);
  return new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * The instant a calendar day starts (local midnight) in a time zone. In London midnight always
 * exists, because the clocks change at 01:00 UTC.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = splitIsoDate(date);
  return new Date(new TZDate(y, m - 1, d, timeZone).getTime());
}

/** The date `days` calendar days after `date` (negative goes back). Time-zone free. */
export function addCalendarDays(date: string, days: number): string {
  const [y, m, d] = splitIsoDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: positive when `to` is later. Time-zone free. */
export function calendarDaysBetween(from: string, to: string): number {
  const [fy, fm, fd] = splitIsoDate(from);
  const [ty, tm, td] = splitIsoDate(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / MS_PER_DAY);
}

/** The ISO day of the week of a date: 1 is Monday, 7 is Sunday. */
export function isoDayOfWeek(date: string): number {
  const [y, m, d] = splitIsoDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}
