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

/**
 * UTC offsets, cached per time zone and quarter hour. Offsets change only at transitions, which
 * in every current time zone fall on a quarter hour, so an offset is constant within a bucket;
 * the cache turns an `Intl` call of a few microseconds into a map lookup when ranking thousands
 * of services. It is cleared rather than grown past a bound.
 */
const OFFSET_BUCKET_MS = 900_000;
const OFFSET_CACHE_LIMIT = 100_000;
const offsetCache = new Map<string, Map<number, number>>();

/** The UTC offset of a time zone at an instant, in minutes (positive east of Greenwich). */
export function utcOffsetMinutes(timeZone: string, instant: Date): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const bucket = Math.floor(instant.getTime() / OFFSET_BUCKET_MS);
  let offset = zone.get(bucket);
  if (offset === undefined) {
    if (zone.size >= OFFSET_CACHE_LIMIT) zone.clear();
    offset = tzOffset(timeZone, instant);
    zone.set(bucket, offset);
  }
  return offset;
}

/** The calendar date of an instant in a time zone: 23:30 UTC on 31 May is 1 June in London. */
export function localDate(instant: Date, timeZone: string): string {
  const offsetMinutes = utcOffsetMinutes(timeZone, instant);
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

/** Days since 1970-01-01 of a calendar date (for fast day arithmetic). */
export function epochDay(date: string): number {
  const [y, m, d] = splitIsoDate(date);
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

/** Days since 1970-01-01 of the calendar date of an instant in a time zone. */
export function localEpochDay(instant: Date, timeZone: string): number {
  return Math.floor(
    (instant.getTime() + utcOffsetMinutes(timeZone, instant) * 60_000) / MS_PER_DAY,
  );
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
