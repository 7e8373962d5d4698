import { DEFAULT_TIME_ZONE, epochDay, localEpochDay } from '../dates/index.js';
import { DomainError } from '../errors/index.js';
import { haversineKm, milesToKm, type LatLng } from '../geo/index.js';
import { compareSortKeys, pageOf, type Page, type SortKey } from '../pagination/index.js';
import { findClinicType, findSpecialty, type Priority } from '../reference/index.js';
import {
  bookingWindowFor,
  DEFAULT_BOOKING_POLICY,
  earliestWithin,
  isProviderBooker,
  slotQueryBounds,
  slotWithinBounds,
  type Booker,
  type BookingPolicy,
  type Slot,
  type SlotQueryBounds,
  type SlotService,
} from '../slots/index.js';
import { isServiceEligible, type ServiceRestrictions } from './eligibility.js';
import type { PatientSex, SearchRequestType } from './service-attributes.js';

/**
 * How search results are ordered: nearest first, by name, or soonest bookable appointment first
 * (services with no bookable slot last, by published indicative wait).
 */
export const SERVICE_SORTS = ['DISTANCE', 'NAME', 'EARLIEST_SLOT'] as const;
/** A search order. */
export type ServiceSort = (typeof SERVICE_SORTS)[number];

/**
 * A service as search sees it: its restrictions, identity and where it is, plus what is known
 * of its waits. Give either `slots` (and `bookingPolicy`), for the search to find the earliest
 * bookable slot itself, or `earliestBookableSlotStart` as the server computed it with
 * {@link slotQueryBounds} in SQL; both give the same answer.
 */
export interface SearchableService extends ServiceRestrictions {
  readonly id: string;
  readonly name: string;
  readonly specialtyCode: string;
  readonly clinicTypeCode: string;
  readonly location: LatLng;
  /** The organisation running the service (its own staff may book reserved slots). */
  readonly providerOrganisationId?: string;
  /** The published indicative wait in days, used when no bookable slot is known. */
  readonly indicativeWaitDays?: number | null;
  /** The earliest bookable slot's start for the search's priority and searcher, or `null` for none. */
  readonly earliestBookableSlotStart?: Date | null;
  /** The service's slots, when the search should find the earliest bookable one itself. */
  readonly slots?: readonly Slot[];
  /** The booking policy that applies to `slots` (default: {@link DEFAULT_BOOKING_POLICY}). */
  readonly bookingPolicy?: BookingPolicy;
}

/** Criteria of a patient service search (reference §7). */
export interface ServiceSearchCriteria {
  readonly patient: {
    readonly ageYears: number;
    readonly sex: PatientSex;
    readonly location: LatLng;
  };
  readonly priority: Priority;
  readonly specialtyCode: string;
  readonly clinicTypeCode?: string | null;
  readonly requestType?: SearchRequestType;
  readonly maxDistanceMiles?: number | null;
  /** Only services whose wait (see {@link ServiceMatch.indicativeWaitDays}) is at most this. */
  readonly maxWaitDays?: number | null;
  readonly sort: ServiceSort;
  /** Today's date in UK local time (`YYYY-MM-DD`): services must be in effect on it. */
  readonly today: string;
  /** The current instant: needed when candidates carry `slots`. */
  readonly now?: Date | null;
  /** The time zone `today` and slot days are in (default `Europe/London`). */
  readonly timeZone?: string | null;
  /**
   * Who is searching, for slot bookability (a provider's own staff may book outside the booking
   * window and into reserved slots). Default: a referring clinician.
   */
  readonly searcher?: Booker | null;
}

/**
 * One search result: the service, its distance from the patient, its earliest bookable slot
 * and its indicative wait.
 */
export interface ServiceMatch<S extends SearchableService = SearchableService> {
  readonly service: S;
  readonly distanceKm: number;
  /** When the earliest bookable appointment starts, or `null` when none is bookable. */
  readonly earliestSlotStart: Date | null;
  /**
   * Days from today to the earliest bookable slot's UK date, or the published indicative wait
   * when no slot is bookable, or `null` when neither is known.
   */
  readonly indicativeWaitDays: number | null;
  /** Where the wait came from. */
  readonly waitSource: 'SLOTS' | 'PUBLISHED' | null;
}

/** The searcher assumed when criteria name none: a referrer, with no provider privileges. */
export const DEFAULT_SEARCHER: Booker = { role: 'REFERRING_CLINICIAN', organisationId: '' };

/**
 * Checks search criteria that do not need a database, throwing a {@link DomainError} that names
 * the offending field: an unknown specialty or clinic type, a clinic type from another
 * specialty, an impossible age or a negative distance.
 */
export function validateSearchCriteria(criteria: ServiceSearchCriteria): void {
  const { ageYears } = criteria.patient;
  if (!Number.isInteger(ageYears) || ageYears < 0 || ageYears > 130) {
    throw new DomainError('INVALID_AGE', { field: 'ageYears' });
  }
  if (!findSpecialty(criteria.specialtyCode)) {
    throw new DomainError('UNKNOWN_SPECIALTY', { field: 'specialty' });
  }
  if (criteria.clinicTypeCode) {
    const clinicType = findClinicType(criteria.clinicTypeCode);
    if (!clinicType) throw new DomainError('UNKNOWN_CLINIC_TYPE', { field: 'clinicType' });
    if (clinicType.specialtyCode !== criteria.specialtyCode) {
      throw new DomainError('CLINIC_TYPE_NOT_IN_SPECIALTY', { field: 'clinicType' });
    }
  }
  const distance = criteria.maxDistanceMiles;
  if (
    distance !== null &&
    distance !== undefined &&
    !(Number.isFinite(distance) && distance >= 0)
  ) {
    throw new DomainError('INVALID_DISTANCE', { field: 'maxDistanceMiles' });
  }
  const wait = criteria.maxWaitDays;
  if (wait !== null && wait !== undefined && !(Number.isFinite(wait) && wait >= 0)) {
    throw new DomainError('INVALID_WAIT', { field: 'maxWaitDays' });
  }
}

/** Whether a service matches every static criterion; `distanceKm` is its distance from the patient. */
function matches(service: SearchableService, criteria: ServiceSearchCriteria, distanceKm: number) {
  if (service.specialtyCode !== criteria.specialtyCode) return false;
  if (criteria.clinicTypeCode && service.clinicTypeCode !== criteria.clinicTypeCode) return false;
  if (criteria.maxDistanceMiles != null && distanceKm > milesToKm(criteria.maxDistanceMiles)) {
    return false;
  }
  return isServiceEligible(service, {
    priority: criteria.priority,
    ageYears: criteria.patient.ageYears,
    sex: criteria.patient.sex,
    requestType: criteria.requestType ?? 'APPOINTMENT_REQUEST',
    today: criteria.today,
  });
}

/** A wait for services with no known wait at all, so they sort after every known one. */
const UNKNOWN_WAIT = Number.MAX_SAFE_INTEGER;

/**
 * The sort key of a match: the chosen order, then name, then id, so the order is total and
 * pages never overlap or skip. Distances are rounded to metres so a key survives a round trip
 * through a cursor unchanged. EARLIEST_SLOT puts services with a bookable slot first (soonest
 * first), then the rest by published indicative wait (unknown last), each then by distance.
 */
export function serviceSortKey(match: ServiceMatch, sort: ServiceSort): SortKey {
  const name = match.service.name.toLowerCase();
  const metres = Math.round(match.distanceKm * 1000);
  switch (sort) {
    case 'DISTANCE':
      return [metres, name, match.service.id];
    case 'NAME':
      return [name, match.service.id];
    case 'EARLIEST_SLOT':
      return match.earliestSlotStart !== null
        ? [0, match.earliestSlotStart.getTime(), metres, name, match.service.id]
        : [1, match.indicativeWaitDays ?? UNKNOWN_WAIT, metres, name, match.service.id];
  }
}

/**
 * Finds the earliest bookable slot of each candidate that carries its slots. Bounds depend only
 * on the window, reservation and whether the searcher is the provider's own staff, so they are
 * computed once per distinct combination rather than once per service.
 */
function earliestSlotFinder(criteria: ServiceSearchCriteria) {
  const cache = new Map<string, SlotQueryBounds>();
  const searcher = criteria.searcher ?? DEFAULT_SEARCHER;
  const timeZone = criteria.timeZone ?? DEFAULT_TIME_ZONE;
  return (service: SearchableService, slots: readonly Slot[]): Date | null => {
    const now = criteria.now;
    if (!now) throw new RangeError('Search criteria need `now` when candidates carry slots');
    const slotService: SlotService = {
      id: service.id,
      providerOrganisationId: service.providerOrganisationId ?? '',
      bookingPolicy: service.bookingPolicy ?? DEFAULT_BOOKING_POLICY,
    };
    const window = bookingWindowFor(slotService.bookingPolicy, criteria.priority);
    const privileged = isProviderBooker(searcher, slotService);
    const key = privileged
      ? 'provider'
      : `${window.opensHoursAhead}|${window.closesDaysAhead}|${slotService.bookingPolicy.reservationDays}`;
    let bounds = cache.get(key);
    if (!bounds) {
      bounds = slotQueryBounds({
        service: slotService,
        priority: criteria.priority,
        booker: searcher,
        now,
        timeZone,
      });
      cache.set(key, bounds);
    }
    return (
      earliestWithin(slots, slotWithinBounds({ ...bounds, serviceId: service.id }))?.start ?? null
    );
  };
}

/**
 * Filters candidate services to those that match the criteria and ranks them.
 *
 * The candidates may be every service in the directory or a superset narrowed by an index
 * (specialty, clinic type, a bounding box around the patient): the answer is the same, because
 * every criterion is checked again here. Likewise a candidate may carry its slots, or the
 * earliest bookable slot the server found with {@link slotQueryBounds}.
 */
export function rankServices<S extends SearchableService>(
  candidates: Iterable<S>,
  criteria: ServiceSearchCriteria,
): ServiceMatch<S>[] {
  validateSearchCriteria(criteria);
  const timeZone = criteria.timeZone ?? DEFAULT_TIME_ZONE;
  const findEarliest = earliestSlotFinder(criteria);
  const today = epochDay(criteria.today);
  const results: { match: ServiceMatch<S>; key: SortKey }[] = [];
  for (const service of candidates) {
    const distanceKm = haversineKm(criteria.patient.location, service.location);
    if (!matches(service, criteria, distanceKm)) continue;
    const earliestSlotStart =
      service.slots !== undefined
        ? findEarliest(service, service.slots)
        : (service.earliestBookableSlotStart ?? null);
    let indicativeWaitDays: number | null = null;
    let waitSource: ServiceMatch['waitSource'] = null;
    if (earliestSlotStart !== null) {
      indicativeWaitDays = Math.max(0, localEpochDay(earliestSlotStart, timeZone) - today);
      waitSource = 'SLOTS';
    } else if (service.indicativeWaitDays != null) {
      indicativeWaitDays = service.indicativeWaitDays;
      waitSource = 'PUBLISHED';
    }
    if (
      criteria.maxWaitDays != null &&
      (indicativeWaitDays === null || indicativeWaitDays > criteria.maxWaitDays)
    ) {
      continue;
    }
    const match: ServiceMatch<S> = {
      service,
      distanceKm,
      earliestSlotStart,
      indicativeWaitDays,
      waitSource,
    };
    results.push({ match, key: serviceSortKey(match, criteria.sort) });
  }
  results.sort((a, b) => compareSortKeys(a.key, b.key));
  return results.map((r) => r.match);
}

/**
 * Ranks candidates and returns one cursor-paginated page of the results.
 * A cursor is only valid for the sort it was issued under.
 */
export function searchServices<S extends SearchableService>(
  candidates: Iterable<S>,
  criteria: ServiceSearchCriteria,
  page: { first?: number | null; after?: string | null } = {},
): Page<ServiceMatch<S>> {
  const ranked = rankServices(candidates, criteria);
  return pageOf(ranked, (m) => serviceSortKey(m, criteria.sort), `services:${criteria.sort}`, page);
}
