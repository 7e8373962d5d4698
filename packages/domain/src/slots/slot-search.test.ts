import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../access/index.js';
import { PRIORITY_CODES } from '../reference/index.js';
import { daysAfter, freeSlot, hoursAfter, NOW, TRUST, UBRN } from '../test-support/fixtures.js';
import { validateBookingPolicy, type BookingPolicy } from './booking-policy.js';
import {
  bookableSlots,
  earliestBookableSlot,
  isSlotBookable,
  listBookableSlots,
  slotOutsideBounds,
  slotQueryBounds,
  slotUnbookableReason,
  slotWithinBounds,
  type Slot,
  type SlotBookingContext,
  type SlotQueryBounds,
} from './slot-search.js';

const policy: BookingPolicy = {
  windows: { ROUTINE: { opensHoursAhead: 48, closesDaysAhead: 28 } },
  reservationDays: 1,
};

const context = (overrides: Partial<SlotBookingContext> = {}): SlotBookingContext => ({
  service: { id: 'svc-dbs', providerOrganisationId: TRUST, bookingPolicy: policy },
  priority: 'ROUTINE',
  booker: { role: 'REFERRING_CLINICIAN', organisationId: 'GP-A81001' },
  now: NOW,
  timeZone: 'Europe/London',
  ...overrides,
});

const at = (iso: string, overrides: Partial<Slot> = {}) =>
  freeSlot({ start: new Date(iso), ...overrides });

describe('slot bookability', () => {
  it('books a free slot inside the window for the priority', () => {
    expect(isSlotBookable(at('2026-03-20T09:00:00Z'), context())).toBe(true);
  });

  it('refuses a slot at another service or for another priority', () => {
    expect(
      slotUnbookableReason(at('2026-03-20T09:00:00Z', { serviceId: 'svc-x' }), context()),
    ).toBe('OTHER_SERVICE');
    expect(
      slotUnbookableReason(
        at('2026-03-20T09:00:00Z', { priorities: ['TWO_WEEK_WAIT'] }),
        context(),
      ),
    ).toBe('PRIORITY_NOT_OFFERED');
  });

  it('refuses booked and cancelled slots', () => {
    expect(slotUnbookableReason(at('2026-03-20T09:00:00Z', { status: 'BOOKED' }), context())).toBe(
      'NOT_FREE',
    );
    expect(
      slotUnbookableReason(at('2026-03-20T09:00:00Z', { status: 'CANCELLED' }), context()),
    ).toBe('NOT_FREE');
  });

  it('refuses a slot held for someone else until the hold lapses', () => {
    const held = at('2026-03-20T09:00:00Z', {
      status: 'HELD',
      heldUntil: hoursAfter(NOW, 0.25),
      heldForUbrn: '000000000001',
    });
    expect(slotUnbookableReason(held, context())).toBe('HELD');
    expect(isSlotBookable(held, context({ now: hoursAfter(NOW, 0.25) }))).toBe(true);
  });

  it('lets the referral a slot is held for book it', () => {
    const held = at('2026-03-20T09:00:00Z', {
      status: 'HELD',
      heldUntil: hoursAfter(NOW, 0.25),
      heldForUbrn: UBRN,
    });
    expect(isSlotBookable(held, context({ ubrn: UBRN }))).toBe(true);
  });

  it('refuses slots before the window opens and after it closes', () => {
    // Opens 48 hours after 10:00 on 10 March.
    expect(slotUnbookableReason(at('2026-03-12T09:59:00Z'), context())).toBe('TOO_SOON');
    expect(isSlotBookable(at('2026-03-12T10:00:00Z'), context())).toBe(true);
    // Closes at the end of the UK day 28 days after 10 March: 7 April (BST, so 23:00 UTC).
    expect(isSlotBookable(at('2026-04-07T22:59:00Z'), context())).toBe(true);
    expect(slotUnbookableReason(at('2026-04-07T23:00:00Z'), context())).toBe('TOO_FAR_AHEAD');
  });

  it('counts the closing day in UK time when the window spans the clocks going forward', () => {
    const bounds = slotQueryBounds(context());
    expect(bounds.startsBefore?.toISOString()).toBe('2026-04-07T23:00:00.000Z');
    const winter = slotQueryBounds(context({ now: new Date('2026-01-10T10:00:00Z') }));
    expect(winter.startsBefore?.toISOString()).toBe('2026-02-08T00:00:00.000Z');
  });

  it('never offers a slot that has already started', () => {
    expect(
      slotUnbookableReason(
        at('2026-03-09T09:00:00Z'),
        context({ booker: { role: 'SERVICE_PROVIDER_ADMIN', organisationId: TRUST } }),
      ),
    ).toBe('TOO_SOON');
  });

  it('reserves newly published slots for the provider’s own staff', () => {
    const fresh = at('2026-03-20T09:00:00Z', { publishedAt: hoursAfter(NOW, -23) });
    expect(slotUnbookableReason(fresh, context())).toBe('RESERVED_FOR_PROVIDER');
    expect(
      slotUnbookableReason(fresh, context({ booker: { role: 'PATIENT', organisationId: '' } })),
    ).toBe('RESERVED_FOR_PROVIDER');
    expect(
      isSlotBookable(
        fresh,
        context({ booker: { role: 'SERVICE_PROVIDER_ADMIN', organisationId: TRUST } }),
      ),
    ).toBe(true);
    expect(isSlotBookable({ ...fresh, publishedAt: hoursAfter(NOW, -24) }, context())).toBe(true);
  });

  it('lets the provider’s own staff book outside the window, but not another provider’s', () => {
    const soon = at('2026-03-10T15:00:00Z');
    const own = { role: 'SERVICE_PROVIDER_CLINICIAN' as Role, organisationId: TRUST };
    expect(isSlotBookable(soon, context({ booker: own }))).toBe(true);
    expect(isSlotBookable(at('2026-09-01T09:00:00Z'), context({ booker: own }))).toBe(true);
    expect(isSlotBookable(soon, context({ booker: { ...own, organisationId: 'TRUST-RX2' } }))).toBe(
      false,
    );
    expect(
      isSlotBookable(
        soon,
        context({ booker: { role: 'PROVIDER_AUTHORISED_APPLICATION', organisationId: TRUST } }),
      ),
    ).toBe(false);
  });

  it('uses the default window (1 hour to 182 days) for a priority without one', () => {
    expect(isSlotBookable(at('2026-03-10T11:00:00Z'), context({ priority: 'URGENT' }))).toBe(true);
    expect(slotUnbookableReason(at('2026-03-10T10:59:00Z'), context({ priority: 'URGENT' }))).toBe(
      'TOO_SOON',
    );
  });

  it('keeps to a named clinician when asked', () => {
    const slot = at('2026-03-20T09:00:00Z', { clinicianId: 'dr-a' });
    expect(isSlotBookable(slot, context({ clinicianId: 'dr-a' }))).toBe(true);
    expect(slotUnbookableReason(slot, context({ clinicianId: 'dr-b' }))).toBe('OTHER_CLINICIAN');
  });

  it('lists bookable slots earliest first, and finds the earliest', () => {
    const slots = [
      at('2026-03-25T09:00:00Z', { id: 'c' }),
      at('2026-03-20T09:00:00Z', { id: 'b' }),
      at('2026-03-20T09:00:00Z', { id: 'a' }),
      at('2026-03-11T09:00:00Z', { id: 'too-soon' }),
    ];
    expect(bookableSlots(slots, context()).map((s) => s.id)).toEqual(['a', 'b', 'c']);
    expect(earliestBookableSlot(slots, context())?.id).toBe('a');
    expect(earliestBookableSlot([slots[3]!], context())).toBeNull();
  });

  it('pages through bookable slots with cursors that survive new bookings', () => {
    const slots = Array.from({ length: 5 }, (_, i) =>
      at(`2026-03-2${i}T09:00:00Z`, { id: `s${i}` }),
    );
    const first = listBookableSlots(slots, context(), { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual(['s0', 's1']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const withOneBooked = slots.map((s) =>
      s.id === 's0' ? { ...s, status: 'BOOKED' as const } : s,
    );
    const second = listBookableSlots(withOneBooked, context(), {
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges.map((e) => e.node.id)).toEqual(['s2', 's3']);
  });
});

describe('booking policy validation', () => {
  it('accepts a same-day window an hour ahead and reservations of 0 to 2 days', () => {
    expect(() =>
      validateBookingPolicy({
        windows: { URGENT: { opensHoursAhead: 1, closesDaysAhead: 0 } },
        reservationDays: 2,
      }),
    ).not.toThrow();
  });

  it('refuses windows that open under an hour ahead or close before they open', () => {
    expect(() =>
      validateBookingPolicy({
        windows: { URGENT: { opensHoursAhead: 0, closesDaysAhead: 5 } },
        reservationDays: 0,
      }),
    ).toThrowError(
      expect.objectContaining({ code: 'INVALID_BOOKING_WINDOW', field: 'windows.URGENT' }),
    );
    expect(() =>
      validateBookingPolicy({
        windows: { ROUTINE: { opensHoursAhead: 72, closesDaysAhead: 2 } },
        reservationDays: 0,
      }),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_BOOKING_WINDOW' }));
  });

  it('refuses reservations other than 0, 1 or 2 days', () => {
    expect(() => validateBookingPolicy({ windows: {}, reservationDays: 3 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_RESERVATION_DAYS' }),
    );
  });
});

/**
 * The SQL the server runs, written out literally from the documented WHERE clause, so the test
 * checks the bounds against an independent reading rather than against the predicate itself.
 */
function sqlWhere(slot: Slot, b: SlotQueryBounds): boolean {
  const free =
    slot.status === 'FREE' ||
    (slot.status === 'HELD' &&
      ((slot.heldUntil != null && slot.heldUntil <= b.holdsLapsedBy) ||
        (b.heldForUbrn !== null && slot.heldForUbrn === b.heldForUbrn)));
  return (
    slot.serviceId === b.serviceId &&
    slot.priorities.includes(b.priority) &&
    slot.start >= b.earliestStart &&
    (b.startsBefore === null || slot.start < b.startsBefore) &&
    (b.publishedAtOrBefore === null || slot.publishedAt <= b.publishedAtOrBefore) &&
    free &&
    (b.clinicianId === null || slot.clinicianId === b.clinicianId)
  );
}

describe('slot bounds for SQL agree with the in-memory predicate', () => {
  const instant = fc
    .integer({ min: -3 * 24, max: 200 * 24 })
    .map((h) => hoursAfter(NOW, h + 0.5 * (h % 2)));
  const slotArb: fc.Arbitrary<Slot> = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    serviceId: fc.constantFrom('svc-dbs', 'svc-other'),
    start: instant,
    end: instant,
    priorities: fc.subarray([...PRIORITY_CODES]),
    clinicianId: fc.constantFrom(null, 'dr-a', 'dr-b'),
    status: fc.constantFrom('FREE', 'HELD', 'BOOKED', 'CANCELLED'),
    heldUntil: fc.option(instant, { nil: null }),
    heldForUbrn: fc.constantFrom(null, UBRN, '000000000001'),
    publishedAt: fc.integer({ min: -96, max: 0 }).map((h) => hoursAfter(NOW, h)),
  });
  const policyArb: fc.Arbitrary<BookingPolicy> = fc.record({
    windows: fc.record(
      {
        ROUTINE: fc.record({
          opensHoursAhead: fc.integer({ min: 1, max: 72 }),
          closesDaysAhead: fc.integer({ min: 3, max: 120 }),
        }),
        URGENT: fc.record({
          opensHoursAhead: fc.integer({ min: 1, max: 24 }),
          closesDaysAhead: fc.integer({ min: 1, max: 30 }),
        }),
      },
      { requiredKeys: [] },
    ),
    reservationDays: fc.constantFrom(0, 1, 2),
  });
  const contextArb: fc.Arbitrary<SlotBookingContext> = fc.record({
    service: fc.record({
      id: fc.constant('svc-dbs'),
      providerOrganisationId: fc.constant(TRUST),
      bookingPolicy: policyArb,
    }),
    priority: fc.constantFrom(...PRIORITY_CODES),
    booker: fc.record({
      role: fc.constantFrom(...ROLES),
      organisationId: fc.constantFrom(TRUST, 'GP-A81001'),
    }),
    now: fc.integer({ min: 0, max: 365 }).map((d) => daysAfter(NOW, d)),
    timeZone: fc.constant('Europe/London'),
    ubrn: fc.constantFrom(null, UBRN),
    clinicianId: fc.constantFrom(null, 'dr-a'),
  });

  it('gives the same answer for every slot, context and time of year', () => {
    fc.assert(
      fc.property(slotArb, contextArb, (slot, ctx) => {
        const bounds = slotQueryBounds(ctx);
        expect(isSlotBookable(slot, ctx)).toBe(sqlWhere(slot, bounds));
        expect(slotWithinBounds(bounds)(slot)).toBe(slotOutsideBounds(slot, bounds) === null);
      }),
      { numRuns: 2000 },
    );
  });
});
