import Holidays from 'date-holidays';
import type { HolidayCalendar } from '../dates/index.js';

/**
 * Bank holidays in England from `date-holidays`, a maintained library that tracks one-off
 * holidays (jubilees, coronations, state funerals) as well as the rules for the regular ones.
 *
 * It lives behind the `@open-ers/domain/holidays` entry point because `date-holidays` carries
 * data for the whole world; a browser that needs working days can be sent the dates instead
 * and use `holidayCalendarFromDates`.
 */

let source: Holidays | undefined;
const byYear = new Map<number, ReadonlyMap<string, string>>();

function holidaysOf(year: number): ReadonlyMap<string, string> {
  let dates = byYear.get(year);
  if (!dates) {
    source ??= new Holidays('GB', 'ENG', { types: ['public', 'bank'] });
    const found = new Map<string, string>();
    for (const holiday of source.getHolidays(year)) {
      // Substitute days ("Boxing Day (substitute day)") are public holidays too.
      if (holiday.type === 'public' || holiday.type === 'bank') {
        found.set(holiday.date.slice(0, 10), holiday.name);
      }
    }
    dates = found;
    byYear.set(year, dates);
  }
  return dates;
}

/** A bank holiday: its date and name. */
export interface BankHoliday {
  readonly date: string;
  readonly name: string;
}

/** The bank holidays in England in a year, in date order (substitute days included). */
export function bankHolidaysInEngland(year: number): readonly BankHoliday[] {
  return [...holidaysOf(year)]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
}

const ENGLAND: HolidayCalendar = {
  name: 'England bank holidays',
  isHoliday: (date) => holidaysOf(Number(date.slice(0, 4))).has(date),
};

/**
 * The holiday calendar for England (England and Wales bank holidays), for working-day
 * arithmetic. Years are computed on first use and cached.
 */
export function englandBankHolidays(): HolidayCalendar {
  return ENGLAND;
}
