import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdAnnouncement, HoldCountdown } from './HoldCountdown';

describe('holdAnnouncement', () => {
  it('speaks on each whole minute left and at 30 seconds, not every second', () => {
    const said = [];
    for (let ms = 300_000; ms > 0; ms -= 1000) {
      const message = holdAnnouncement(ms, 1);
      if (message) said.push(message);
    }
    expect(said).toEqual([
      '5 minutes left to confirm the booking.',
      '4 minutes left to confirm the booking.',
      '3 minutes left to confirm the booking.',
      '2 minutes left to confirm the booking.',
      '1 minute left to confirm the booking.',
      '30 seconds left to confirm the booking.',
    ]);
    expect(holdAnnouncement(299_400, 0)).toBe(
      'Appointment held for 5 minutes. Confirm the booking before the time runs out.',
    );
  });
});

describe('HoldCountdown', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-21T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('counts down minutes:seconds, announces once a minute, and says when the hold lapses', () => {
    const onLapse = vi.fn();
    render(<HoldCountdown heldUntil="2026-11-21T10:02:00Z" onLapse={onLapse} />);
    const timer = screen.getByRole('timer');
    const region = screen.getByRole('status');
    expect(timer).toHaveTextContent('2:00');
    expect(region).toHaveTextContent('Appointment held for 2 minutes.');

    act(() => vi.advanceTimersByTime(5_000));
    expect(timer).toHaveTextContent('1:55');
    expect(region).toHaveTextContent('Appointment held for 2 minutes.');

    act(() => vi.advanceTimersByTime(55_000));
    expect(timer).toHaveTextContent('1:00');
    expect(region).toHaveTextContent('1 minute left to confirm the booking.');

    act(() => vi.advanceTimersByTime(30_000));
    expect(region).toHaveTextContent('30 seconds left to confirm the booking.');
    expect(onLapse).not.toHaveBeenCalled();

    act(() => vi.advanceTimersByTime(31_000));
    expect(timer).toHaveTextContent('0:00');
    expect(onLapse).toHaveBeenCalledTimes(1);
  });
});
