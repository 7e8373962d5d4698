import { describe, expect, it } from 'vitest';
import { addCalendarDays, isoDayOfWeek } from '../dates/index.js';
import { ENGLAND_2025_2027 } from '../test-support/fixtures.js';
import { bankHolidaysInEngland, englandBankHolidays } from './england.js';

describe('England bank holidays from date-holidays', () => {
  it('includes one-off holidays', () => {
    const calendar = englandBankHolidays();
    expect(calendar.isHoliday('2022-09-19')).toBe(true); // State funeral of Queen Elizabeth II
    expect(calendar.isHoliday('2023-05-08')).toBe(true); // Coronation of King Charles III
    expect(calendar.isHoliday('2020-05-08')).toBe(true); // VE Day (moved early May holiday)
    expect(calendar.isHoliday('2020-05-04')).toBe(false);
  });

  it('includes substitute days when a holiday falls at a weekend', () => {
    const dates = bankHolidaysInEngland(2027).map((h) => h.date);
    expect(dates).toContain('2027-12-27');
    expect(dates).toContain('2027-12-28');
  });

  it('does not count Scottish or Northern Irish holidays', () => {
    const calendar = englandBankHolidays();
    expect(calendar.isHoliday('2026-01-02')).toBe(false); // 2 January: Scotland only
    expect(calendar.isHoliday('2026-03-17')).toBe(false); // St Patrick's Day: Northern Ireland
  });

  it('agrees with the gov.uk list the fixtures use, on every weekday of 2025 to 2027', () => {
    const calendar = englandBankHolidays();
    for (let day = '2025-01-01'; day <= '2027-12-31'; day = addCalendarDays(day, 1)) {
      if (isoDayOfWeek(day) > 5) continue;
      expect(calendar.isHoliday(day), day).toBe(ENGLAND_2025_2027.isHoliday(day));
    }
  });
});
