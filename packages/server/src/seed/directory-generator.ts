import {
  CLINIC_TYPES,
  SPECIALTIES,
  type AppointmentType,
  type BookableType,
  type BookingPolicy,
  type ClinicType,
  type Priority,
  type RequestFlow,
  type SexTreated,
  type SpecialtyCode,
} from '@open-ers/domain';
import { SeededRandom } from './random.js';
import {
  compassPoint,
  districtsNear,
  INTEGRATED_CARE_BOARDS,
  titleCase,
  TOWN_RADIUS_MILES,
  TOWNS,
  type Place,
  type Town,
} from './places.js';

/** How big a generated Directory of Services is. */
export interface DirectoryScale {
  readonly providers: number;
  readonly gpPractices: number;
  /** Services per provider, drawn uniformly from this range. */
  readonly servicesPerProvider: { readonly min: number; readonly max: number };
}

/** The embedded demo: a believable slice of England (about 400 services). */
export const DEMO_SCALE: DirectoryScale = {
  providers: 40,
  gpPractices: 60,
  servicesPerProvider: { min: 6, max: 14 },
};

/** National volume (QUALITY.md): 1,100 providers, 7,000 practices, about 61,000 services. */
export const NATIONAL_SCALE: DirectoryScale = {
  providers: 1100,
  gpPractices: 7000,
  servicesPerProvider: { min: 30, max: 81 },
};

export type { Place } from './places.js';

export interface OrganisationRow {
  id: string;
  odsCode: string;
  name: string;
  kind: 'GP_PRACTICE' | 'PROVIDER' | 'COMMISSIONER';
  commissioner: string | null;
  addressLine: string | null;
  town: string | null;
  postcode: string | null;
}

export interface SiteRow {
  id: string;
  odsCode: string;
  name: string;
  organisation: string;
  addressLine: string;
  town: string;
  postcode: string;
  latitude: number;
  longitude: number;
}

export interface ServiceRow {
  id: string;
  name: string;
  provider: string;
  site: string;
  specialty: string;
  clinicType: string;
  appointmentType: AppointmentType;
  requestFlow: RequestFlow;
  bookableType: BookableType;
  priorities: Priority[];
  minAgeYears: number | null;
  maxAgeYears: number | null;
  sexTreated: SexTreated;
  letterRequired: boolean;
  referrerAlert: string | null;
  instructions: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  bookingWindows: BookingPolicy['windows'] | null;
  reservationDays: number;
}

/** Rows for one table, in insert order (organisations before sites before services). */
export type DirectoryBatch =
  | { readonly table: 'organisation'; readonly rows: OrganisationRow[] }
  | { readonly table: 'site'; readonly rows: SiteRow[] }
  | { readonly table: 'service'; readonly rows: ServiceRow[] };

export interface DirectoryGeneratorOptions {
  readonly seed: number;
  readonly scale: DirectoryScale;
  /** Today's date (`YYYY-MM-DD`): effective dates are placed around it. */
  readonly today: string;
  /** Places by outward code (from data/uk-postcodes-sample.csv). */
  readonly places: ReadonlyMap<string, Place>;
  /** English outward codes to spread organisations over when the town list runs out. */
  readonly englishOutcodes: readonly string[];
  /** Rows per batch; batches are what the writer inserts in one statement. */
  readonly batchSize?: number;
}

const STREETS = [
  'Park',
  'Church',
  'Station',
  'Victoria',
  'Mill',
  'Queen’s',
  'High',
  'Castle',
  'Grove',
  'Bridge',
];
const PRACTICE_STYLES = [
  'Medical Practice',
  'Surgery',
  'Health Centre',
  'Medical Centre',
  'Family Practice',
];
const SITE_STYLES = [
  'General Hospital',
  'Royal Infirmary',
  'Community Hospital',
  'Treatment Centre',
  'Health Village',
];
const REFERRER_ALERTS = [
  'Post-operative follow-up is done at the patient’s original hospital, not here.',
  'Patients must be able to climb stairs: there is no lift at this site.',
  'Include a recent full blood count with the referral letter.',
  'This clinic does not see patients under active treatment elsewhere for the same condition.',
  'Telephone consultations first; face-to-face only if clinically needed.',
];
const INSTRUCTIONS = [
  'Attach the most recent relevant test results to the referral letter.',
  'Please state the patient’s preferred language and any interpreter needs in the letter.',
  'Parking is limited; advise patients to use public transport where possible.',
  'Patients should bring a list of their current medicines.',
];

/** Sex and age rules a clinic type implies (anything not listed treats everyone). */
function restrictionsFor(clinicType: ClinicType): {
  sexTreated: SexTreated;
  minAgeYears: number | null;
  maxAgeYears: number | null;
} {
  const female = ['TWW_GYNAECOLOGICAL', 'PHYSIO_PELVIC_HEALTH'];
  if (clinicType.specialtyCode === 'GYNAECOLOGY' || female.includes(clinicType.code)) {
    return { sexTreated: 'FEMALE', minAgeYears: 16, maxAgeYears: null };
  }
  if (clinicType.code === 'URO_PROSTATE')
    return { sexTreated: 'MALE', minAgeYears: 18, maxAgeYears: null };
  if (clinicType.specialtyCode === 'PAEDIATRICS') {
    return { sexTreated: 'MALE_AND_FEMALE', minAgeYears: 0, maxAgeYears: 17 };
  }
  if (clinicType.code === 'MH_MEMORY')
    return { sexTreated: 'MALE_AND_FEMALE', minAgeYears: 40, maxAgeYears: null };
  return { sexTreated: 'MALE_AND_FEMALE', minAgeYears: 18, maxAgeYears: null };
}

function appointmentTypeFor(specialty: SpecialtyCode, flow: RequestFlow): AppointmentType {
  if (flow === 'TRIAGE_REQUEST') return 'ASSESSMENT_SERVICE';
  if (specialty === 'DIAGNOSTIC_IMAGING' || specialty === 'DIAGNOSTIC_ENDOSCOPY')
    return 'DIAGNOSTIC';
  if (specialty === 'PHYSIOTHERAPY' || specialty === 'AUDIOLOGY') return 'AHP_CLINIC';
  if (specialty === 'OPHTHALMOLOGY') return 'OPHTHALMOLOGIST';
  return 'FIRST_OUTPATIENT';
}

function prioritiesFor(
  specialty: SpecialtyCode,
  clinicType: ClinicType,
  random: SeededRandom,
): Priority[] {
  // Two-week-wait services must accept the two-week-wait priority (DOCLIB breast-symptomatic).
  if (specialty === 'TWO_WEEK_WAIT') return ['TWO_WEEK_WAIT'];
  if (clinicType.code === 'SURG_BREAST_SYMPTOMATIC') return ['TWO_WEEK_WAIT', 'URGENT'];
  if (clinicType.code === 'CARD_CHEST_PAIN') return ['URGENT'];
  return random.chance(0.8) ? ['URGENT', 'ROUTINE'] : ['ROUTINE'];
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A base-36 code of fixed width, for ODS-style identifiers. */
function code36(n: number, width: number): string {
  return n.toString(36).toUpperCase().padStart(width, '0');
}

/**
 * Generates a Directory of Services, reproducibly from `seed`: commissioners, GP practices and
 * providers in English towns, their sites (real postcodes and coordinates) and services across
 * every specialty. Yields rows in batches so a writer can bulk-insert any scale in constant
 * memory.
 */
export function* generateDirectory(options: DirectoryGeneratorOptions): Generator<DirectoryBatch> {
  const random = new SeededRandom(options.seed);
  // Booking policies draw from a stream of their own, so adding them moved nothing else.
  const policyRandom = new SeededRandom(options.seed + 97);
  const batchSize = options.batchSize ?? 1000;
  const { scale, places, today } = options;

  const townPlaces = TOWNS.filter((t) => places.has(t.outcode));
  const english = new Set(options.englishOutcodes);
  /** Each town's districts (its own first, then the nearest of its postcode area). */
  const districtsOf = new Map(
    townPlaces.map((t) => [
      t.name,
      districtsNear(places.get(t.outcode)!, places, TOWN_RADIUS_MILES, english),
    ]),
  );
  /**
   * The place of the n-th practice or provider: one in each town first (a provider at the
   * town's centre, a practice in the next district), then more in the towns' districts. A
   * place is always in its town: its postcode district is one of the town's.
   */
  const placeFor = (n: number, kind: 'practice' | 'provider'): { town: Town; place: Place } => {
    const town = townPlaces[n % townPlaces.length]!;
    const districts = districtsOf.get(town.name)!;
    if (n < townPlaces.length) {
      return { town, place: kind === 'provider' ? districts[0]! : (districts[1] ?? districts[0]!) };
    }
    return { town, place: random.pick(districts) };
  };

  // Commissioners
  const commissioners: OrganisationRow[] = INTEGRATED_CARE_BOARDS.map((icb) => ({
    id: random.uuid(),
    odsCode: icb.code,
    name: icb.name,
    kind: 'COMMISSIONER',
    commissioner: null,
    addressLine: null,
    town: null,
    postcode: null,
  }));
  const icbId = new Map(commissioners.map((c) => [c.odsCode, c.id]));
  yield { table: 'organisation', rows: commissioners };

  // GP practices
  let rows: OrganisationRow[] = [];
  for (let i = 0; i < scale.gpPractices; i++) {
    const { town, place } = placeFor(i, 'practice');
    const street = random.pick(STREETS);
    rows.push({
      id: random.uuid(),
      odsCode: `${String.fromCharCode(65 + (i % 16))}${String(80000 + i).padStart(5, '0')}`,
      name: `${street} ${random.pick(PRACTICE_STYLES)}${i >= townPlaces.length ? ` (${place.outcode})` : ''}`,
      kind: 'GP_PRACTICE',
      commissioner: icbId.get(town.icb)!,
      addressLine: `${random.int(1, 240)} ${street} Road`,
      town: town.name,
      postcode: place.postcode,
    });
    if (rows.length >= batchSize) {
      yield { table: 'organisation', rows };
      rows = [];
    }
  }
  if (rows.length) yield { table: 'organisation', rows };

  // Providers, their sites and services
  const specialties = SPECIALTIES.map((s) => s.code);
  let orgBatch: OrganisationRow[] = [];
  let siteBatch: SiteRow[] = [];
  let serviceBatch: ServiceRow[] = [];
  for (let p = 0; p < scale.providers; p++) {
    const { town, place } = placeFor(p, 'provider');
    const providerCode = `R${code36(p, 2)}`;
    const kind = random.pick(['acute', 'acute', 'acute', 'community', 'independent'] as const);
    const suffix = p >= townPlaces.length ? ` ${place.outcode}` : '';
    const providerName =
      kind === 'acute'
        ? `${town.name}${suffix} Hospitals NHS Foundation Trust`
        : kind === 'community'
          ? `${town.name}${suffix} Community Health Services NHS Trust`
          : `${town.name}${suffix} Independent Treatment Centre`;
    const providerId = random.uuid();
    orgBatch.push({
      id: providerId,
      odsCode: providerCode,
      name: providerName,
      kind: 'PROVIDER',
      commissioner: icbId.get(town.icb)!,
      addressLine: `${random.int(1, 120)} ${random.pick(STREETS)} Street`,
      town: town.name,
      postcode: place.postcode,
    });

    const siteCount = kind === 'acute' ? random.int(1, 3) : 1;
    const sites: SiteRow[] = [];
    const townDistricts = districtsOf.get(town.name)!;
    const otherDistricts = townDistricts.length > 1 ? townDistricts.slice(1) : townDistricts;
    for (let s = 0; s < siteCount; s++) {
      // The first site is at the provider's place; others in other districts of its town,
      // named for the way they lie from the town's centre.
      const sitePlace = s === 0 ? place : random.pick(otherDistricts);
      const area =
        s === 0
          ? town.name
          : `${town.name} ${compassPoint(townDistricts[0]!.centroid, sitePlace.centroid)}`;
      let siteName =
        kind === 'independent'
          ? `${town.name} Treatment Centre`
          : `${area} ${random.pick(SITE_STYLES)}`;
      if (sites.some((x) => x.name.toLowerCase() === siteName.toLowerCase())) {
        siteName = `${siteName} (${sitePlace.outcode})`;
      }
      sites.push({
        id: random.uuid(),
        odsCode: `${providerCode}${String(s + 1).padStart(2, '0')}`,
        name: siteName,
        organisation: providerId,
        addressLine: `${random.int(1, 300)} ${random.pick(STREETS)} Road`,
        town: town.name,
        postcode: sitePlace.postcode,
        latitude: sitePlace.latitude,
        longitude: sitePlace.longitude,
      });
    }
    siteBatch.push(...sites);

    const serviceCount = random.int(scale.servicesPerProvider.min, scale.servicesPerProvider.max);
    const clinicTypes = random.sample(
      CLINIC_TYPES.filter((c) => specialties.includes(c.specialtyCode)),
      serviceCount,
    );
    for (const clinicType of clinicTypes) {
      const site = random.pick(sites);
      const specialty = clinicType.specialtyCode;
      const roll = random.int(0, 99);
      const requestFlow: RequestFlow =
        specialty === 'TWO_WEEK_WAIT' || roll < 72
          ? 'APPOINTMENT_REQUEST'
          : roll < 90
            ? 'TRIAGE_REQUEST'
            : 'ADVICE_AND_GUIDANCE_REQUEST';
      const restrictions = restrictionsFor(clinicType);
      const lifecycle = random.int(0, 99);
      const effectiveFrom =
        lifecycle < 3 ? addDays(today, random.int(14, 120)) : addDays(today, -random.int(60, 2000));
      const effectiveTo =
        lifecycle >= 3 && lifecycle < 7 ? addDays(today, -random.int(1, 50)) : null;
      // Service names capitalise every major word, as the showcase services do ("Heart Failure
      // Clinic", never "Heart failure Clinic" beside it).
      const topic = titleCase(clinicType.name.replace(/ not otherwise specified$/, ''));
      const label =
        requestFlow === 'TRIAGE_REQUEST'
          ? `${topic} Referral Assessment Service`
          : requestFlow === 'ADVICE_AND_GUIDANCE_REQUEST'
            ? `${topic} Advice and Guidance`
            : `${topic} Clinic`;
      const row: ServiceRow = {
        id: random.uuid(),
        name: `${label} - ${site.name}`,
        provider: providerId,
        site: site.id,
        specialty,
        clinicType: clinicType.code,
        appointmentType: appointmentTypeFor(specialty, requestFlow),
        requestFlow,
        // Only appointment services publish slots; triage and advice services never do (the
        // definer's rules refuse a directly bookable one). The draw is made for appointment
        // services alone, as before, so every other random value is unchanged.
        bookableType:
          requestFlow !== 'APPOINTMENT_REQUEST'
            ? 'INDIRECTLY_BOOKABLE'
            : random.chance(0.12)
              ? 'INDIRECTLY_BOOKABLE'
              : 'DIRECTLY_BOOKABLE',
        priorities: prioritiesFor(specialty, clinicType, random),
        ...restrictions,
        letterRequired: random.chance(0.3),
        referrerAlert: random.chance(0.15) ? random.pick(REFERRER_ALERTS) : null,
        instructions: random.chance(0.5) ? random.pick(INSTRUCTIONS) : null,
        effectiveFrom,
        effectiveTo,
        ...bookingPolicyFor(policyRandom),
      };
      // A window is set only for a priority the service accepts (the definer's rules refuse
      // any other), so each of these services can be amended as it stands.
      if (row.bookingWindows) {
        row.bookingWindows = Object.fromEntries(
          Object.entries(row.bookingWindows).filter(([p]) =>
            row.priorities.includes(p as Priority),
          ),
        );
      }
      serviceBatch.push(row);
    }

    if (orgBatch.length >= batchSize || serviceBatch.length >= batchSize) {
      yield { table: 'organisation', rows: orgBatch };
      yield { table: 'site', rows: siteBatch };
      yield { table: 'service', rows: serviceBatch };
      orgBatch = [];
      siteBatch = [];
      serviceBatch = [];
    }
  }
  if (orgBatch.length) yield { table: 'organisation', rows: orgBatch };
  if (siteBatch.length) yield { table: 'site', rows: siteBatch };
  if (serviceBatch.length) yield { table: 'service', rows: serviceBatch };
}

/**
 * A booking policy as providers set them: most use the defaults (bookable from an hour ahead to
 * 26 weeks, nothing reserved); some keep new slots for their own staff for a day or two, and
 * some open routine slots two days ahead, close them at 16 weeks, and keep urgent and two-week-
 * wait slots within a fortnight.
 */
function bookingPolicyFor(
  random: SeededRandom,
): Pick<ServiceRow, 'bookingWindows' | 'reservationDays'> {
  const reservationDays = random.pick([0, 0, 0, 0, 0, 0, 0, 1, 1, 2]);
  const bookingWindows = random.chance(0.25)
    ? {
        ROUTINE: { opensHoursAhead: 48, closesDaysAhead: 112 },
        URGENT: { opensHoursAhead: 2, closesDaysAhead: 14 },
        TWO_WEEK_WAIT: { opensHoursAhead: 1, closesDaysAhead: 13 },
      }
    : null;
  return { bookingWindows, reservationDays };
}
