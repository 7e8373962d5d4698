import { DomainError } from '../errors/index.js';
import { haversineKm, milesToKm, type LatLng } from '../geo/index.js';
import { compareSortKeys, pageOf, type Page, type SortKey } from '../pagination/index.js';
import { findClinicType, findSpecialty, type Priority } from '../reference/index.js';
import { isServiceEligible, type ServiceRestrictions } from './eligibility.js';
import type { PatientSex, SearchRequestType } from './service-attributes.js';

/** How search results are ordered. */
export const SERVICE_SORTS = ['DISTANCE', 'NAME'] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];

/** A service as search sees it: its restrictions, identity and where it is. */
export interface SearchableService extends ServiceRestrictions {
  readonly id: string;
  readonly name: string;
  readonly specialtyCode: string;
  readonly clinicTypeCode: string;
  readonly location: LatLng;
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
  readonly sort: ServiceSort;
  /** Today's date in UK local time (`YYYY-MM-DD`): services must be in effect on it. */
  readonly today: string;
}

/** One search result: the service and its distance from the patient. */
export interface ServiceMatch<S extends SearchableService = SearchableService> {
  readonly service: S;
  readonly distanceKm: number;
}

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
}

/** Whether a service matches every criterion; `distanceKm` is its distance from the patient. */
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

/**
 * The sort key of a match: the chosen order, then name, then id, so the order is total and
 * pages never overlap or skip. Distances are rounded to metres so a key survives a round trip
 * through a cursor unchanged.
 */
export function serviceSortKey(match: ServiceMatch, sort: ServiceSort): SortKey {
  const name = match.service.name.toLowerCase();
  return sort === 'DISTANCE'
    ? [Math.round(match.distanceKm * 1000), name, match.service.id]
    : [name, match.service.id];
}

/**
 * Filters candidate services to those that match the criteria and ranks them.
 *
 * The candidates may be every service in the directory or a superset narrowed by an index
 * (specialty, clinic type, a bounding box around the patient): the answer is the same, because
 * every criterion is checked again here.
 */
export function rankServices<S extends SearchableService>(
  candidates: Iterable<S>,
  criteria: ServiceSearchCriteria,
): ServiceMatch<S>[] {
  validateSearchCriteria(criteria);
  const results: { match: ServiceMatch<S>; key: SortKey }[] = [];
  for (const service of candidates) {
    const distanceKm = haversineKm(criteria.patient.location, service.location);
    if (!matches(service, criteria, distanceKm)) continue;
    const match = { service, distanceKm };
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
