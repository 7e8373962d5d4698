import { formatNhsNumber, formatUbrn } from '@open-ers/domain';
import type { Priority } from '../gql/graphql';

const PRIORITY_NAMES: Record<Priority, string> = {
  TWO_WEEK_WAIT: 'Two week wait',
  URGENT: 'Urgent',
  ROUTINE: 'Routine',
};

export const priorityName = (p: Priority): string => PRIORITY_NAMES[p];

/** The UK's time zone: every date and time is shown as it is in England. */
export const UK_TIME_ZONE = 'Europe/London';

/** A distance in miles as people say it: "0.3 miles", "1 mile", "12 miles". */
export function formatMiles(miles: number): string {
  const rounded = miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
  return `${rounded} ${rounded === 1 ? 'mile' : 'miles'}`;
}

/** A date-only string (`2026-11-21`) as noon UTC, so it is the same day in every UK zone. */
const toDate = (iso: string) => new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: UK_TIME_ZONE,
});
const dayDateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: UK_TIME_ZONE,
});
// `hourCycle: 'h12'`, not `hour12: true`: en-GB's 12-hour clock otherwise runs 0 to 11, so
// half past twelve would read "0:30pm".
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: UK_TIME_ZONE,
});
const isoDayFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: UK_TIME_ZONE,
});

/** A date in NHS style: `21 November 2026`, in UK time. */
export function formatDate(iso: string): string {
  return dateFormat.format(toDate(iso));
}

/** A date with its day: `Monday 23 November 2026`, in UK time. */
export function formatDayDate(iso: string): string {
  // en-GB puts a comma after the weekday; NHS style has none.
  return dayDateFormat.format(toDate(iso)).replace(',', '');
}

/** A time in NHS style, in UK time: `9am`, `9:15am`, `2:30pm`. */
export function formatTime(iso: string): string {
  const parts = timeFormat.formatToParts(new Date(iso));
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  const period = (parts.find((p) => p.type === 'dayPeriod')?.value ?? '').toLowerCase();
  const suffix = period.startsWith('p') ? 'pm' : 'am';
  if (hour === '12' && minute === '00') return suffix === 'pm' ? 'midday' : 'midnight';
  return `${hour}${minute === '00' ? '' : `:${minute}`}${suffix}`;
}

/** A date and time: `9:15am on Monday 23 November 2026`. */
export function formatDateTime(iso: string): string {
  return `${formatTime(iso)} on ${formatDayDate(iso)}`;
}

/**
 * An appointment or slot's time, as the NHS.UK style guide writes a date with a time range:
 * the day first, then the times joined by "to", `Wednesday 9 December 2026, 9am to 9:15am`.
 * Without an end (or when it falls on another UK day) the end is left out or dated too.
 */
export function formatTimeRange(start: string, end?: string | null): string {
  const from = `${formatDayDate(start)}, ${formatTime(start)}`;
  if (!end) return from;
  if (ukDay(end) !== ukDay(start)) return `${from} to ${formatDayDate(end)}, ${formatTime(end)}`;
  return `${from} to ${formatTime(end)}`;
}

/** The UK calendar day of an instant, `YYYY-MM-DD`, for grouping by day. */
export function ukDay(iso: string): string {
  return isoDayFormat.format(new Date(iso));
}

/** An NHS number as people read it, `943 476 5919` (as given when it is not a valid one). */
export function formatNhs(nhsNumber: string): string {
  try {
    return formatNhsNumber(nhsNumber);
  } catch {
    return nhsNumber;
  }
}

/** A UBRN as printed on letters, `0000 4961 4844` (as given when it is not a valid one). */
export function formatReference(ubrn: string): string {
  try {
    return formatUbrn(ubrn);
  } catch {
    return ubrn;
  }
}

/** A patient's age in whole years on `today` (`YYYY-MM-DD`). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A file size: `812 bytes`, `14 KB`, `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Minutes and seconds left, `4:07`. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A patient access code as printed on letters: `ABCD 2345`. */
export function formatAccessCodeSafe(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** Today's date in the UK, `YYYY-MM-DD`. */
export function ukToday(now: Date = new Date()): string {
  return isoDayFormat.format(now);
}

/** A calendar date (`YYYY-MM-DD`) moved by whole days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A length of time in minutes as people say it: `15 minutes`, `1 hour`, `3 hours 30 minutes`. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [];
  if (h) parts.push(`${h} ${h === 1 ? 'hour' : 'hours'}`);
  if (m || !h) parts.push(`${m} ${m === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}
