import { DomainError } from '../errors/index.js';
import { PRIORITY_CODES, type Priority } from '../reference/index.js';

/**
 * A service's booking window for one priority (reference §6): how soon and how far ahead
 * referrers and patients may book. Providers may book their own slots outside it.
 */
export interface BookingWindow {
  /**
   * Slots starting sooner than this many hours after now cannot be booked. At least 1 (e-RS
   * allows same-day appointments an hour ahead).
   */
  readonly opensHoursAhead: number;
  /**
   * The last UK calendar day on which a bookable slot may start, counted from today (today is
   * 0): 13 means "up to and including the day two weeks from today".
   */
  readonly closesDaysAhead: number;
}

/** How a service lets its slots be booked. */
export interface BookingPolicy {
  /** Booking window per priority; a priority without one uses {@link DEFAULT_BOOKING_WINDOW}. */
  readonly windows: Partial<Readonly<Record<Priority, BookingWindow>>>;
  /**
   * Days (of 24 hours from publication) during which newly published slots are reserved for
   * the provider's own staff: 0, 1 or 2 (reference §6).
   */
  readonly reservationDays: number;
}

/**
 * The window used when a service has not set one for a priority: from 1 hour ahead up to 26
 * weeks (182 days) ahead, so every published slot a patient could reach is offered.
 */
export const DEFAULT_BOOKING_WINDOW: BookingWindow = { opensHoursAhead: 1, closesDaysAhead: 182 };

/** A policy with the default window for every priority and no reservation. */
export const DEFAULT_BOOKING_POLICY: BookingPolicy = { windows: {}, reservationDays: 0 };

/** The reservation days a service may choose. */
export const RESERVATION_DAY_CHOICES = [0, 1, 2] as const;

/** The booking window that applies to a priority under a policy. */
export function bookingWindowFor(policy: BookingPolicy, priority: Priority): BookingWindow {
  return policy.windows[priority] ?? DEFAULT_BOOKING_WINDOW;
}

/**
 * Checks a booking policy a service definer entered, throwing a {@link DomainError}:
 * `INVALID_BOOKING_WINDOW` (naming the priority) unless every window opens at least 1 whole hour
 * ahead and closes on or after the day it opens, and `INVALID_RESERVATION_DAYS` unless the
 * reservation is 0, 1 or 2 days.
 */
export function validateBookingPolicy(policy: BookingPolicy): void {
  for (const priority of PRIORITY_CODES) {
    const window = policy.windows[priority];
    if (!window) continue;
    const { opensHoursAhead, closesDaysAhead } = window;
    if (
      !Number.isInteger(opensHoursAhead) ||
      !Number.isInteger(closesDaysAhead) ||
      opensHoursAhead < 1 ||
      closesDaysAhead < 0 ||
      closesDaysAhead > 731 ||
      closesDaysAhead < Math.floor(opensHoursAhead / 24)
    ) {
      throw new DomainError('INVALID_BOOKING_WINDOW', {
        field: `windows.${priority}`,
        details: { priority },
      });
    }
  }
  if (!(RESERVATION_DAY_CHOICES as readonly number[]).includes(policy.reservationDays)) {
    throw new DomainError('INVALID_RESERVATION_DAYS', { field: 'reservationDays' });
  }
}
