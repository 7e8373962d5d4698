import { roleSide, type Role } from '../access/index.js';
import { addCalendarDays, localDate, startOfLocalDay } from '../dates/index.js';
import { compareSortKeys, pageOf, type Page, type SortKey } from '../pagination/index.js';
import type { Priority } from '../reference/index.js';
import { bookingWindowFor, type BookingPolicy } from './booking-policy.js';

/**
 * Slot statuses. A `HELD` slot whose hold has expired counts as free. `BLOCKED` is taken out of
 * use by the provider for now (it may be released again); `CANCELLED` is withdrawn for good.
 */
export const SLOT_STATUSES = ['FREE', 'HELD', 'BOOKED', 'BLOCKED', 'CANCELLED'] as const;
/** A slot status. */
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/**
 * A published appointment slot (reference §8), as the domain needs it. The server maps its rows
 * to this shape; extra columns are ignored.
 */
export interface Slot {
  readonly id: string;
  readonly serviceId: string;
  /** When the appointment starts and ends (instants). */
  readonly start: Date;
  readonly end: Date;
  /** The priorities the slot may be booked for. */
  readonly priorities: readonly Priority[];
  /** The named clinician, for slots in a clinician's own schedule. */
  readonly clinicianId?: string | null;
  readonly status: SlotStatus;
  /** For a `HELD` slot: when the hold lapses. */
  readonly heldUntil?: Date | null;
  /** For a `HELD` slot: the referral it is held for (that referral may still book it). */
  readonly heldForUbrn?: string | null;
  /** When the slot was published; drives the provider-only reservation. */
  readonly publishedAt: Date;
}

/** The facts about a service that decide which of its slots can be booked. */
export interface SlotService {
  readonly id: string;
  readonly providerOrganisationId: string;
  readonly bookingPolicy: BookingPolicy;
}

/** Who is booking: their role and organisation. */
export interface Booker {
  readonly role: Role;
  readonly organisationId: string;
}

/** Everything that decides whether a slot can be booked now. */
export interface SlotBookingContext {
  readonly service: SlotService;
  /** The referral's priority. */
  readonly priority: Priority;
  readonly booker: Booker;
  readonly now: Date;
  /** IANA time zone the booking window's days are counted in (normally `Europe/London`). */
  readonly timeZone: string;
  /** The referral being booked: a slot held for it still counts as free. */
  readonly ubrn?: string | null;
  /** Only slots in this named clinician's schedule. */
  readonly clinicianId?: string | null;
}

/**
 * The bounds of the bookable slots of one service, in a form a database can use directly:
 *
 * ```sql
 * WHERE service_id = :serviceId
 *   AND :priority = ANY(priorities)            -- or a join table
 *   AND start >= :earliestStart
 *   AND (:startsBefore IS NULL OR start < :startsBefore)
 *   AND (:publishedAtOrBefore IS NULL OR published_at <= :publishedAtOrBefore)
 *   AND (status = 'FREE'
 *        OR (status = 'HELD' AND (held_until <= :holdsLapsedBy OR held_for_ubrn = :heldForUbrn)))
 *   AND (:clinicianId IS NULL OR clinician_id = :clinicianId)
 * ```
 *
 * {@link isSlotBookable} applies exactly these conditions in memory, so both agree.
 */
export interface SlotQueryBounds {
  readonly serviceId: string;
  readonly priority: Priority;
  /** Slots start at or after this instant. */
  readonly earliestStart: Date;
  /** Slots start strictly before this instant; `null` for no upper bound. */
  readonly startsBefore: Date | null;
  /** Slots were published at or before this instant; `null` when reservation does not apply. */
  readonly publishedAtOrBefore: Date | null;
  /** A hold that lapses at or before this instant no longer blocks booking (it is `now`). */
  readonly holdsLapsedBy: Date;
  /** A slot held for this referral may be booked by it. */
  readonly heldForUbrn: string | null;
  readonly clinicianId: string | null;
}

const MS_PER_HOUR = 3_600_000;

/**
 * Whether a booker may use a service's own privileges: provider staff (clinicians, their admins
 * and provider admins) of the organisation that runs the service may book outside the booking
 * window and into reserved slots (reference §6).
 */
export function isProviderBooker(booker: Booker, service: SlotService): boolean {
  return (
    roleSide(booker.role) === 'PROVIDER' &&
    booker.role !== 'PROVIDER_AUTHORISED_APPLICATION' &&
    booker.organisationId === service.providerOrganisationId
  );
}

/**
 * The bounds of the slots a booker can book at a service for a priority, now. Referrers and
 * patients get the priority's booking window and the reservation cut-off; the provider's own
 * staff may book any future slot.
 */
export function slotQueryBounds(context: SlotBookingContext): SlotQueryBounds {
  const { service, now, timeZone } = context;
  const common = {
    serviceId: service.id,
    priority: context.priority,
    holdsLapsedBy: now,
    heldForUbrn: context.ubrn ?? null,
    clinicianId: context.clinicianId ?? null,
  };
  if (isProviderBooker(context.booker, service)) {
    return { ...common, earliestStart: now, startsBefore: null, publishedAtOrBefore: null };
  }
  const window = bookingWindowFor(service.bookingPolicy, context.priority);
  const today = localDate(now, timeZone);
  const reservationMs = service.bookingPolicy.reservationDays * 24 * MS_PER_HOUR;
  return {
    ...common,
    earliestStart: new Date(now.getTime() + window.opensHoursAhead * MS_PER_HOUR),
    startsBefore: startOfLocalDay(addCalendarDays(today, window.closesDaysAhead + 1), timeZone),
    publishedAtOrBefore: reservationMs > 0 ? new Date(now.getTime() - reservationMs) : null,
  };
}

/** Why a slot cannot be booked, in the order the checks are made. */
export type SlotUnbookableReason =
  | 'OTHER_SERVICE'
  | 'PRIORITY_NOT_OFFERED'
  | 'OTHER_CLINICIAN'
  | 'NOT_FREE'
  | 'HELD'
  | 'TOO_SOON'
  | 'TOO_FAR_AHEAD'
  | 'RESERVED_FOR_PROVIDER';

/** Why a slot fails the bounds, or `null` when it is within them. */
export function slotOutsideBounds(
  slot: Slot,
  bounds: SlotQueryBounds,
): SlotUnbookableReason | null {
  if (slot.serviceId !== bounds.serviceId) return 'OTHER_SERVICE';
  if (!slot.priorities.includes(bounds.priority)) return 'PRIORITY_NOT_OFFERED';
  if (bounds.clinicianId !== null && (slot.clinicianId ?? null) !== bounds.clinicianId) {
    return 'OTHER_CLINICIAN';
  }
  if (slot.status === 'HELD') {
    const lapsed =
      slot.heldUntil != null && slot.heldUntil.getTime() <= bounds.holdsLapsedBy.getTime();
    const ours = bounds.heldForUbrn !== null && slot.heldForUbrn === bounds.heldForUbrn;
    if (!lapsed && !ours) return 'HELD';
  } else if (slot.status !== 'FREE') {
    return 'NOT_FREE';
  }
  const start = slot.start.getTime();
  if (start < bounds.earliestStart.getTime()) return 'TOO_SOON';
  if (bounds.startsBefore !== null && start >= bounds.startsBefore.getTime())
    return 'TOO_FAR_AHEAD';
  if (
    bounds.publishedAtOrBefore !== null &&
    slot.publishedAt.getTime() > bounds.publishedAtOrBefore.getTime()
  ) {
    return 'RESERVED_FOR_PROVIDER';
  }
  return null;
}

/**
 * A fast predicate for "is this slot within the bounds", for scanning many slots: the bounds'
 * instants are read once, and the cheapest checks come first. It accepts exactly the slots for
 * which {@link slotOutsideBounds} returns `null`.
 */
export function slotWithinBounds(bounds: SlotQueryBounds): (slot: Slot) => boolean {
  const earliest = bounds.earliestStart.getTime();
  const before = bounds.startsBefore === null ? Infinity : bounds.startsBefore.getTime();
  const published =
    bounds.publishedAtOrBefore === null ? Infinity : bounds.publishedAtOrBefore.getTime();
  const lapsedBy = bounds.holdsLapsedBy.getTime();
  const { serviceId, priority, heldForUbrn, clinicianId } = bounds;
  return (slot) => {
    const start = slot.start.getTime();
    if (start < earliest || start >= before) return false;
    if (slot.status !== 'FREE') {
      if (slot.status !== 'HELD') return false;
      const lapsed = slot.heldUntil != null && slot.heldUntil.getTime() <= lapsedBy;
      if (!lapsed && (heldForUbrn === null || slot.heldForUbrn !== heldForUbrn)) return false;
    }
    if (slot.publishedAt.getTime() > published) return false;
    if (slot.serviceId !== serviceId || !slot.priorities.includes(priority)) return false;
    return clinicianId === null || (slot.clinicianId ?? null) === clinicianId;
  };
}

/** Why a slot cannot be booked in this context, or `null` when it can. */
export function slotUnbookableReason(
  slot: Slot,
  context: SlotBookingContext,
): SlotUnbookableReason | null {
  return slotOutsideBounds(slot, slotQueryBounds(context));
}

/**
 * Whether a slot can be booked now for this referral priority by this booker: it belongs to the
 * service, offers the priority, is free (or its hold lapsed, or is held for this referral), starts
 * inside the booking window and is not still reserved for the provider.
 */
export function isSlotBookable(slot: Slot, context: SlotBookingContext): boolean {
  return slotUnbookableReason(slot, context) === null;
}

/** Orders slots by start, then id (a total order, for stable pages). */
export function compareSlots(a: Slot, b: Slot): number {
  return compareSortKeys(slotSortKey(a), slotSortKey(b));
}

/** The sort key of a slot: start instant, then id. */
export function slotSortKey(slot: Slot): SortKey {
  return [slot.start.getTime(), slot.id];
}

/** The bookable slots among `slots`, earliest first. */
export function bookableSlots(slots: Iterable<Slot>, context: SlotBookingContext): Slot[] {
  const within = slotWithinBounds(slotQueryBounds(context));
  const found: Slot[] = [];
  for (const slot of slots) if (within(slot)) found.push(slot);
  return found.sort(compareSlots);
}

/** The earliest bookable slot among `slots` (ties broken by id), or `null` if none is. */
export function earliestBookableSlot(
  slots: Iterable<Slot>,
  context: SlotBookingContext,
): Slot | null {
  return earliestWithin(slots, slotWithinBounds(slotQueryBounds(context)));
}

/** The earliest slot (ties broken by id) that passes `within`, or `null`. */
export function earliestWithin(
  slots: Iterable<Slot>,
  within: (slot: Slot) => boolean,
): Slot | null {
  let best: Slot | null = null;
  let bestStart = Infinity;
  for (const slot of slots) {
    if (!within(slot)) continue;
    const start = slot.start.getTime();
    if (start < bestStart || (start === bestStart && best !== null && slot.id < best.id)) {
      best = slot;
      bestStart = start;
    }
  }
  return best;
}

/**
 * One cursor-paginated page of the bookable slots, earliest first (A015 allows 1 to 100 a page).
 * Cursors carry the last slot's start and id, so a page boundary stays put when slots are
 * booked or published meanwhile.
 */
export function listBookableSlots(
  slots: Iterable<Slot>,
  context: SlotBookingContext,
  page: { first?: number | null; after?: string | null } = {},
): Page<Slot> {
  const scope = `slots:${context.service.id}:${context.priority}`;
  return pageOf(bookableSlots(slots, context), slotSortKey, scope, page);
}
