import { raw, type FilterQuery } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/knex';
import {
  boundingBox,
  DEFAULT_SEARCHER,
  DomainError,
  milesToKm,
  requirePostcode,
  searchServices,
  validateSearchCriteria,
  type Booker,
  type BookableType,
  type BookingPolicy,
  type RequestFlow,
  type SexTreated,
  type SlotService,
  type LatLng,
  type Page,
  type PatientSex,
  type Priority,
  type SearchableService,
  type SearchRequestType,
  type ServiceSort,
} from '@open-ers/domain';
import type { EntityManager } from '../../db/orm.js';
import { UK_TIME_ZONE, ukDate } from '../../time.js';
import { Postcode, PostcodeDistrict } from './postcode.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';
import { Service } from './service.entity.js';

/** Where a patient's postcode places them, and how precisely. */
export interface PatientLocation extends LatLng {
  readonly postcode: string;
  /** POSTCODE when the full postcode is known, DISTRICT when only its outward code is. */
  readonly precision: 'POSTCODE' | 'DISTRICT';
}

export interface ServiceSearchRequest {
  readonly patient: {
    readonly ageYears: number;
    readonly sex: PatientSex;
    readonly postcode: string;
  };
  readonly priority: Priority;
  readonly specialtyCode: string;
  readonly clinicTypeCode?: string | null;
  readonly maxDistanceMiles?: number | null;
  readonly maxWaitDays?: number | null;
  readonly sort: ServiceSort;
  readonly requestType: SearchRequestType;
}

/** A search result: the service entity (relations loaded), its distance and its wait. */
export interface ServiceSearchHit {
  readonly service: Service;
  readonly distanceKm: number;
  readonly earliestSlotStart: Date | null;
  readonly indicativeWaitDays: number | null;
  readonly waitSource: 'SLOTS' | 'PUBLISHED' | null;
}

export interface ServiceSearchOutcome {
  readonly page: Page<ServiceSearchHit>;
  readonly patientLocation: PatientLocation;
}

/** A search candidate: the domain's view of a service row, loaded without its relations. */
type Candidate = SearchableService & {
  readonly providerOrganisationId: string;
  readonly bookingPolicy: BookingPolicy;
};

/** A candidate row as the database returns it (types differ a little between dialects). */
interface CandidateRow {
  id: string;
  name: string;
  specialty_code: string;
  clinic_type_code: string;
  request_flow: RequestFlow;
  bookable_type: BookableType;
  priorities: string | string[];
  min_age_years: number | null;
  max_age_years: number | null;
  sex_treated: SexTreated;
  effective_from: string | Date;
  effective_to: string | Date | null;
  provider_id: string;
  booking_windows: string | BookingPolicy['windows'] | null;
  reservation_days: number;
  indicative_wait_days: number | null;
  latitude: number;
  longitude: number;
}

/** An ISO date from a DATE column (a string on SQLite and as MikroORM configures pg; a Date otherwise). */
const isoDate = (value: string | Date): string =>
  value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/** The domain's view of a candidate row. */
function decodeCandidateRow(row: CandidateRow): Candidate {
  const windows =
    typeof row.booking_windows === 'string'
      ? (JSON.parse(row.booking_windows) as BookingPolicy['windows'])
      : (row.booking_windows ?? {});
  return {
    id: row.id,
    name: row.name,
    specialtyCode: row.specialty_code,
    clinicTypeCode: row.clinic_type_code,
    requestFlow: row.request_flow,
    bookableType: row.bookable_type,
    priorities: (Array.isArray(row.priorities)
      ? row.priorities
      : String(row.priorities).split(',').filter(Boolean)) as Priority[],
    minAgeYears: row.min_age_years,
    maxAgeYears: row.max_age_years,
    sexTreated: row.sex_treated,
    effectiveFrom: isoDate(row.effective_from),
    effectiveTo: row.effective_to === null ? null : isoDate(row.effective_to),
    location: { latitude: Number(row.latitude), longitude: Number(row.longitude) },
    providerOrganisationId: row.provider_id,
    indicativeWaitDays: row.indicative_wait_days,
    bookingPolicy: { windows: windows ?? {}, reservationDays: Number(row.reservation_days) },
  };
}

/**
 * Where search gets the earliest bookable slot of each candidate service (the slots module);
 * passed in so the directory does not depend on slots.
 */
export interface SlotAvailability {
  earliestBookableStarts(
    services: readonly SlotService[],
    priority: Priority,
    searcher: Booker,
    now: Date,
  ): Promise<Map<string, Date>>;
}

/** Reads the Directory of Services. Rules come from the domain package; this owns the queries. */
export class DirectoryService {
  constructor(
    private readonly em: EntityManager,
    private readonly slots: SlotAvailability | null = null,
  ) {}

  specialties(): Promise<Specialty[]> {
    return this.em.find(Specialty, {}, { orderBy: { name: 'asc' } });
  }

  clinicTypes(specialtyCode?: string | null): Promise<ClinicType[]> {
    return this.em.find(ClinicType, specialtyCode ? { specialty: specialtyCode } : {}, {
      orderBy: { name: 'asc' },
    });
  }

  /**
   * Places a postcode: its own coordinates when the full postcode is known, else the centre of
   * its district. Throws INVALID_POSTCODE for text that is not a postcode and UNKNOWN_POSTCODE
   * for a well-formed postcode in no known district.
   */
  async locatePostcode(input: string, field = 'postcode'): Promise<PatientLocation> {
    const parsed = requirePostcode(input, field);
    const exact = await this.em.findOne(Postcode, { postcode: parsed.postcode });
    if (exact) {
      return {
        postcode: parsed.postcode,
        latitude: exact.latitude,
        longitude: exact.longitude,
        precision: 'POSTCODE',
      };
    }
    const district = await this.em.findOne(PostcodeDistrict, { outcode: parsed.outcode });
    if (!district) throw new DomainError('UNKNOWN_POSTCODE', { field });
    return {
      postcode: parsed.postcode,
      latitude: district.latitude,
      longitude: district.longitude,
      precision: 'DISTRICT',
    };
  }

  /**
   * Searches the directory for services that can see this patient. An index-backed query
   * narrows the candidates (specialty and clinic type, dates in effect, request flow, age, sex
   * and a bounding box around the patient); the domain package then applies every rule again,
   * measures distances, ranks and paginates, so the answer equals an in-memory search.
   */
  async searchServices(
    request: ServiceSearchRequest,
    page: { first?: number | null; after?: string | null },
    now: Date,
    searcher: Booker = DEFAULT_SEARCHER,
  ): Promise<ServiceSearchOutcome> {
    const today = ukDate(now);
    const patientLocation = await this.locatePostcode(request.patient.postcode, 'patient.postcode');
    const criteria = {
      patient: {
        ageYears: request.patient.ageYears,
        sex: request.patient.sex,
        location: patientLocation,
      },
      priority: request.priority,
      specialtyCode: request.specialtyCode,
      clinicTypeCode: request.clinicTypeCode ?? null,
      maxDistanceMiles: request.maxDistanceMiles ?? null,
      maxWaitDays: request.maxWaitDays ?? null,
      sort: request.sort,
      requestType: request.requestType,
      today,
      now,
      timeZone: UK_TIME_ZONE,
      searcher,
    };
    validateSearchCriteria(criteria);

    const candidates = await this.findCandidates(criteria, request.priority, searcher, now);
    const result = searchServices(candidates, criteria, page);

    const ids = result.edges.map((e) => e.node.service.id);
    const services = await this.em.find(
      Service,
      { id: { $in: ids } },
      { populate: ['provider', 'site', 'specialty', 'clinicType'], strategy: 'joined' },
    );
    const byId = new Map(services.map((s) => [s.id, s]));
    return {
      patientLocation,
      page: {
        ...result,
        edges: result.edges.map((edge) => ({
          cursor: edge.cursor,
          node: {
            service: byId.get(edge.node.service.id)!,
            distanceKm: edge.node.distanceKm,
            earliestSlotStart: edge.node.earliestSlotStart,
            indicativeWaitDays: edge.node.indicativeWaitDays,
            waitSource: edge.node.waitSource,
          },
        })),
      },
    };
  }

  private async findCandidates(
    criteria: {
      patient: { ageYears: number; sex: PatientSex; location: LatLng };
      specialtyCode: string;
      clinicTypeCode: string | null;
      maxDistanceMiles: number | null;
      requestType: SearchRequestType;
      today: string;
    },
    priority: Priority,
    searcher: Booker,
    now: Date,
  ): Promise<Candidate[]> {
    const { ageYears, sex } = criteria.patient;
    const where: FilterQuery<Service> = {
      specialty: criteria.specialtyCode,
      effectiveFrom: { $lte: criteria.today },
      requestFlow: {
        $in:
          criteria.requestType === 'ADVICE_AND_GUIDANCE_REQUEST'
            ? ['ADVICE_AND_GUIDANCE_REQUEST']
            : ['APPOINTMENT_REQUEST', 'TRIAGE_REQUEST'],
      },
      sexTreated: {
        $in: sex === 'MALE' || sex === 'FEMALE' ? [sex, 'MALE_AND_FEMALE'] : ['MALE_AND_FEMALE'],
      },
      $and: [
        { $or: [{ effectiveTo: null }, { effectiveTo: { $gte: criteria.today } }] },
        { $or: [{ minAgeYears: null }, { minAgeYears: { $lte: ageYears } }] },
        { $or: [{ maxAgeYears: null }, { maxAgeYears: { $gte: ageYears } }] },
      ],
    };
    if (criteria.clinicTypeCode) where.clinicType = criteria.clinicTypeCode;
    if (criteria.maxDistanceMiles !== null) {
      const box = boundingBox(criteria.patient.location, milesToKm(criteria.maxDistanceMiles));
      where.site = {
        latitude: { $gte: box.minLatitude, $lte: box.maxLatitude },
        longitude: { $gte: box.minLongitude, $lte: box.maxLongitude },
      };
    }
    // Plain rows, not entities: hydrating hundreds of partial entities costs far more than the
    // query itself, and search only needs these columns.
    const rows = await this.em
      .createQueryBuilder(Service, 's')
      .select([
        raw('s.id as id'),
        raw('s.name as name'),
        raw('s.specialty_code as specialty_code'),
        raw('s.clinic_type_code as clinic_type_code'),
        raw('s.request_flow as request_flow'),
        raw('s.bookable_type as bookable_type'),
        raw('s.priorities as priorities'),
        raw('s.min_age_years as min_age_years'),
        raw('s.max_age_years as max_age_years'),
        raw('s.sex_treated as sex_treated'),
        raw('s.effective_from as effective_from'),
        raw('s.effective_to as effective_to'),
        raw('s.provider_id as provider_id'),
        raw('s.booking_windows as booking_windows'),
        raw('s.reservation_days as reservation_days'),
        raw('s.indicative_wait_days as indicative_wait_days'),
        raw('site.latitude as latitude'),
        raw('site.longitude as longitude'),
      ])
      .join('s.site', 'site')
      .where(where as QBFilterQuery<Service>)
      .execute<CandidateRow[]>('all', false);
    const candidates = rows.map(decodeCandidateRow);
    // The earliest slot each candidate could be booked into by this searcher, from the same
    // bounds the slot list uses: one grouped, index-backed query per booking policy.
    const earliest = this.slots
      ? await this.slots.earliestBookableStarts(
          candidates
            .filter((c) => c.bookableType === 'DIRECTLY_BOOKABLE')
            .map((c) => ({
              id: c.id,
              providerOrganisationId: c.providerOrganisationId,
              bookingPolicy: c.bookingPolicy,
            })),
          priority,
          searcher,
          now,
        )
      : new Map<string, Date>();
    return candidates.map((c) => ({ ...c, earliestBookableSlotStart: earliest.get(c.id) ?? null }));
  }
}
