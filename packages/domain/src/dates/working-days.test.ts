import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandBankHolidays } from '../holidays/index.js';
import { addCalendarDays } from './local-time.js';
import {
  addWorkingDays,
  holidayCalendarFromDates,
  isWorkingDay,
  NO_HOLIDAYS,
  nextWorkingDay,
  workingDaysBetween,
} from './working-days.js';

const england = englandBankHolidays();

describe('working days in England', () => {
  it('skips weekends', () => {
    expect(addWorkingDays('2026-03-13', 1, NO_HOLIDAYS)).toBe('2026-03-16'); // Friday → Monday
    expect(addWorkingDays('2026-03-14', 1, NO_HOLIDAYS)).toBe('2026-03-16'); // Saturday → Monday
    expect(addWorkingDays('2026-03-09', 5, NO_HOLIDAYS)).toBe('2026-03-16');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thursday 2 April 2026, then 3 and 6 April are bank holidays.
    expect(nextWorkingDay('2026-04-02', england)).toBe('2026-04-07');
    expect(addWorkingDays('2026-04-02', 10, england)).toBe('2026-04-20');
  });

  it('skips Christmas and the substitute Boxing Day', () => {
    // Boxing Day 2026 is a Saturday; Monday 28 December is the substitute day.
    expect(isWorkingDay('2026-12-28', england)).toBe(false);
    expect(addWorkingDays('2026-12-24', 2, england)).toBe('2026-12-30');
  });

  it('returns the same date for zero working days, even at a weekend', () => {
    expect(addWorkingDays('2026-03-14', 0, england)).toBe('2026-03-14');
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => addWorkingDays('2026-03-14', -1, england)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-14', 1.5, england)).toThrow(RangeError);
  });

  it('counts working days back to what was added', () => {
    const dates = fc
      .integer({ min: 0, max: 365 * 3 })
      .map((offset) => addCalendarDays('2025-01-01', offset));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (date, n) => {
        const later = addWorkingDays(date, n, england);
        expect(workingDaysBetween(date, later, england)).toBe(n);
        if (n > 0) expect(isWorkingDay(later, england)).toBe(true);
      }),
    );
  });

  it('builds a calendar from a list of dates, for browsers without date-holidays', () => {
    const calendar = holidayCalendarFromDates(['2026-05-04']);
    expect(isWorkingDay('2026-05-04', calendar)).toBe(false);
    expect(isWorkingDay('2026-05-05', calendar)).toBe(true);
  });
});
