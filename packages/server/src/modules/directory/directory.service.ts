import type { FilterQuery } from '@mikro-orm/core';
import {
  boundingBox,
  DEFAULT_SEARCHER,
  DomainError,
  milesToKm,
  requirePostcode,
  searchServices,
  validateSearchCriteria,
  type Booker,
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
type Candidate = SearchableService;

/**
 * Where search gets the earliest bookable slot of each candidate service (the slots module);
 * passed in so the directory does not depend on slots.
 */
export interface SlotAvailability {
  earliestBookableStarts(
    services: readonly Service[],
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
    const rows = await this.em.find(Service, where, {
      fields: [
        'id',
        'name',
        'specialty',
        'clinicType',
        'requestFlow',
        'bookableType',
        'priorities',
        'minAgeYears',
        'maxAgeYears',
        'sexTreated',
        'effectiveFrom',
        'effectiveTo',
        'provider',
        'bookingWindows',
        'reservationDays',
        'indicativeWaitDays',
        'site.latitude',
        'site.longitude',
      ],
      strategy: 'joined',
      disableIdentityMap: true,
    });
    // The earliest slot each candidate could be booked into by this searcher, from the same
    // bounds the slot list uses: one grouped, index-backed query per booking policy.
    const directlyBookable = rows.filter((s) => s.bookableType === 'DIRECTLY_BOOKABLE');
    const earliest = this.slots
      ? await this.slots.earliestBookableStarts(
          directlyBookable as unknown as Service[],
          priority,
          searcher,
          now,
        )
      : new Map<string, Date>();
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      specialtyCode: s.specialty.unwrap().code,
      clinicTypeCode: s.clinicType.unwrap().code,
      requestFlow: s.requestFlow,
      bookableType: s.bookableType,
      priorities: s.priorities,
      minAgeYears: s.minAgeYears ?? null,
      maxAgeYears: s.maxAgeYears ?? null,
      sexTreated: s.sexTreated,
      effectiveFrom: s.effectiveFrom,
      effectiveTo: s.effectiveTo ?? null,
      location: { latitude: s.site.$.latitude, longitude: s.site.$.longitude },
      providerOrganisationId: s.provider.id,
      indicativeWaitDays: s.indicativeWaitDays ?? null,
      earliestBookableSlotStart: earliest.get(s.id) ?? null,
    }));
  }
}
