import { describe, expect, it } from 'vitest';
import {
  ageOn,
  formatAccessCodeSafe,
  formatCountdown,
  formatDate,
  formatDateTime,
  formatDayDate,
  formatNhs,
  formatReference,
  formatTime,
  formatTimeRange,
  ukDay,
} from './format';

describe('formats in NHS style, in UK time', () => {
  it('shows NHS numbers 3-3-4 and UBRNs 4-4-4', () => {
    expect(formatNhs('9434765919')).toBe('943 476 5919');
    expect(formatReference('000049614844')).toBe('0000 4961 4844');
    // Not valid: shown as given rather than hidden.
    expect(formatNhs('1234')).toBe('1234');
  });

  it('writes dates as 21 November 2026', () => {
    expect(formatDate('2026-11-21')).toBe('21 November 2026');
    expect(formatDayDate('2026-11-23T09:00:00Z')).toBe('Monday 23 November 2026');
  });

  it('writes times as 9am and 2:30pm, in UK time across British Summer Time', () => {
    expect(formatTime('2026-11-23T09:00:00Z')).toBe('9am');
    expect(formatTime('2026-11-23T14:30:00Z')).toBe('2:30pm');
    // In summer 08:15 UTC is 9:15am in the UK.
    expect(formatTime('2026-06-01T08:15:00Z')).toBe('9:15am');
    expect(formatTime('2026-06-01T11:00:00Z')).toBe('midday');
    // Regression: en-GB's 12-hour clock counts 0 to 11, which read half past twelve as 0:30pm.
    expect(formatTime('2026-11-23T12:30:00Z')).toBe('12:30pm');
    expect(formatTime('2026-11-23T00:30:00Z')).toBe('12:30am');
    expect(formatDateTime('2026-06-01T08:15:00Z')).toBe('9:15am on Monday 1 June 2026');
  });

  it('writes a time range with the day first and the times joined by "to"', () => {
    // Regression: it read "9am on Wednesday 9 December 2026 to 9:15am".
    expect(formatTimeRange('2026-12-09T09:00:00Z', '2026-12-09T09:15:00Z')).toBe(
      'Wednesday 9 December 2026, 9am to 9:15am',
    );
    // In UK time across British Summer Time, and without an end.
    expect(formatTimeRange('2026-06-01T08:15:00Z', '2026-06-01T11:00:00Z')).toBe(
      'Monday 1 June 2026, 9:15am to midday',
    );
    expect(formatTimeRange('2026-06-01T08:15:00Z', null)).toBe('Monday 1 June 2026, 9:15am');
    // A range past midnight names both days.
    expect(formatTimeRange('2026-12-09T23:30:00Z', '2026-12-10T00:30:00Z')).toBe(
      'Wednesday 9 December 2026, 11:30pm to Thursday 10 December 2026, 12:30am',
    );
  });

  it('puts a late-evening UTC time on the next UK day in summer', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in the UK.
    expect(ukDay('2026-05-31T23:30:00Z')).toBe('2026-06-01');
    expect(ukDay('2026-11-30T23:30:00Z')).toBe('2026-11-30');
  });

  it('counts ages in whole years and hold time as minutes:seconds', () => {
    expect(ageOn('1958-06-02', '2026-06-01')).toBe(67);
    expect(ageOn('1958-06-02', '2026-06-02')).toBe(68);
    expect(formatCountdown(299_100)).toBe('5:00');
    expect(formatCountdown(61_000)).toBe('1:01');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatAccessCodeSafe('ABCD2345')).toBe('ABCD 2345');
  });
});
