import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  calendarDaysBetween,
  epochDay,
  isIsoDate,
  isoDayOfWeek,
  localDate,
  localEpochDay,
  startOfLocalDay,
} from './local-time.js';

const LONDON = 'Europe/London';

describe('local dates in London', () => {
  it('reads an instant as the UK date, which in summer runs an hour ahead of UTC', () => {
    expect(localDate(new Date('2026-01-15T23:30:00Z'), LONDON)).toBe('2026-01-15');
    expect(localDate(new Date('2026-06-15T23:30:00Z'), LONDON)).toBe('2026-06-16');
  });

  it('handles the night the clocks go forward (29 March 2026)', () => {
    expect(localDate(new Date('2026-03-28T23:30:00Z'), LONDON)).toBe('2026-03-28');
    expect(localDate(new Date('2026-03-29T00:59:59Z'), LONDON)).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-29T23:30:00Z'), LONDON)).toBe('2026-03-30');
    expect(startOfLocalDay('2026-03-29', LONDON).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(startOfLocalDay('2026-03-30', LONDON).toISOString()).toBe('2026-03-29T23:00:00.000Z');
  });

  it('handles the night the clocks go back (25 October 2026)', () => {
    expect(localDate(new Date('2026-10-24T23:30:00Z'), LONDON)).toBe('2026-10-25');
    expect(localDate(new Date('2026-10-25T23:30:00Z'), LONDON)).toBe('2026-10-25');
    expect(startOfLocalDay('2026-10-25', LONDON).toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(startOfLocalDay('2026-10-26', LONDON).toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });

  it('does calendar arithmetic without being moved by clock changes', () => {
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addCalendarDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(calendarDaysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(calendarDaysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('counts epoch days in UK time', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    expect(localEpochDay(new Date('2026-06-15T23:30:00Z'), LONDON)).toBe(epochDay('2026-06-16'));
    expect(localEpochDay(new Date('2026-01-15T23:30:00Z'), LONDON)).toBe(epochDay('2026-01-15'));
  });

  it('knows Monday from Sunday', () => {
    expect(isoDayOfWeek('2026-03-09')).toBe(1);
    expect(isoDayOfWeek('2026-03-15')).toBe(7);
  });

  it('accepts only real ISO dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate(20260201)).toBe(false);
  });
});
