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
import { ClinicType, Specialty } from './reference-data.entity.js';
import { Service } from './service.entity.js';

/** The relations of a service that search can load with its page of results. */
export const SERVICE_RELATIONS = ['provider', 'site', 'specialty', 'clinicType'] as const;
export type ServiceRelation = (typeof SERVICE_RELATIONS)[number];

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

/** The columns of a {@link CandidateRow}. */
const CANDIDATE_COLUMNS = [
  's.id',
  's.name',
  's.specialty_code',
  's.clinic_type_code',
  's.request_flow',
  's.bookable_type',
  's.priorities',
  's.min_age_years',
  's.max_age_years',
  's.sex_treated',
  's.effective_from',
  's.effective_to',
  's.provider_id',
  's.booking_windows',
  's.reservation_days',
  's.indicative_wait_days',
  'site.latitude',
  'site.longitude',
].join(', ');

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
    // One round trip for both: the full postcode first, its district as the fallback.
    const rows = await this.em
      .getConnection()
      .execute<{ kind: PatientLocation['precision']; latitude: number; longitude: number }[]>(
        "select 'POSTCODE' as kind, latitude, longitude from postcode where postcode = ?" +
          " union all select 'DISTRICT' as kind, latitude, longitude from postcode_district" +
          ' where outcode = ?',
        [parsed.postcode, parsed.outcode],
      );
    const found = rows.find((r) => r.kind === 'POSTCODE') ?? rows[0];
    if (!found) throw new DomainError('UNKNOWN_POSTCODE', { field });
    return {
      postcode: parsed.postcode,
      latitude: Number(found.latitude),
      longitude: Number(found.longitude),
      precision: found.kind,
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
    populate: readonly ServiceRelation[] = SERVICE_RELATIONS,
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
      { populate, strategy: 'joined' },
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
    // Plain SQL and plain rows, not the query builder and entities: search is the hottest read,
    // building and hydrating cost several times the query itself, and only these columns are
    // needed. Every condition narrows by an index or a cheap filter; the domain re-checks all.
    const conditions = [
      // A draft is being prepared by its provider's definers: search never offers one.
      's.draft = false',
      's.specialty_code = ?',
      's.effective_from <= ?',
      '(s.effective_to is null or s.effective_to >= ?)',
      '(s.min_age_years is null or s.min_age_years <= ?)',
      '(s.max_age_years is null or s.max_age_years >= ?)',
    ];
    const bindings: unknown[] = [
      criteria.specialtyCode,
      criteria.today,
      criteria.today,
      ageYears,
      ageYears,
    ];
    const flows: RequestFlow[] =
      criteria.requestType === 'ADVICE_AND_GUIDANCE_REQUEST'
        ? ['ADVICE_AND_GUIDANCE_REQUEST']
        : ['APPOINTMENT_REQUEST', 'TRIAGE_REQUEST'];
    const sexes: SexTreated[] =
      sex === 'MALE' || sex === 'FEMALE' ? [sex, 'MALE_AND_FEMALE'] : ['MALE_AND_FEMALE'];
    conditions.push(`s.request_flow in (${flows.map(() => '?').join(', ')})`);
    bindings.push(...flows);
    conditions.push(`s.sex_treated in (${sexes.map(() => '?').join(', ')})`);
    bindings.push(...sexes);
    if (criteria.clinicTypeCode) {
      conditions.push('s.clinic_type_code = ?');
      bindings.push(criteria.clinicTypeCode);
    }
    if (criteria.maxDistanceMiles !== null) {
      const box = boundingBox(criteria.patient.location, milesToKm(criteria.maxDistanceMiles));
      conditions.push('site.latitude between ? and ?', 'site.longitude between ? and ?');
      bindings.push(box.minLatitude, box.maxLatitude, box.minLongitude, box.maxLongitude);
    }
    const rows = await this.em
      .getConnection()
      .execute<CandidateRow[]>(
        `select ${CANDIDATE_COLUMNS} from service s join site on site.id = s.site_id` +
          ` where ${conditions.join(' and ')}`,
        bindings,
      );
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
