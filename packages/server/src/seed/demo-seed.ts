import { englandBankHolidays } from '@open-ers/domain/holidays';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { refreshPlannerStatistics, type EntityManager } from '../db/orm.js';
import { Organisation, Service, Site } from '../modules/directory/index.js';
import { DATA_FOLDER } from '../modules/directory/reference-data.sync.js';
import { Patient } from '../modules/patients/index.js';
import { Slot, SlotSchedule } from '../modules/slots/index.js';
import { UK_TIME_ZONE } from '../time.js';
import {
  DEMO_SCALE,
  generateDirectory,
  type DirectoryScale,
  type Place,
  type ServiceRow,
} from './directory-generator.js';
import { generatePatients, type PracticeRef } from './patient-generator.js';
import { districtsNear, HOME_RADIUS_MILES, TOWN_RADIUS_MILES, TOWNS } from './places.js';
import { SeededRandom } from './random.js';
import { ScheduleDrawer, type ServiceSchedules, type SlotRow } from './slot-generator.js';

/** The seed of the embedded demo data set: the same seed gives the same directory. */
export const DEMO_SEED = 20151506;

/** The fewest postcodes a district the demo places anyone in has. */
const MIN_DISTRICT_POSTCODES = 150;

/**
 * Places by outward code (a real postcode in each district, with the district's centre), and
 * the English outward codes, from the shipped postcode data (OS Code-Point Open; attribution in
 * data/README.md).
 */
export function loadPlaces(): { places: Map<string, Place>; englishOutcodes: string[] } {
  const read = (file: string) =>
    parse(readFileSync(path.join(DATA_FOLDER, file)), { columns: true }) as Record<
      string,
      string
    >[];
  // Districts of homes and workplaces: PO box and large-user districts (BD99, M60: a handful of
  // postcodes at a sorting office) are left out.
  const districts = read('uk-postcode-districts.csv').filter(
    (r) => Number(r.postcodes) >= MIN_DISTRICT_POSTCODES,
  );
  const centroids = new Map(
    districts.map((r) => [
      r.outcode!,
      { latitude: Number(r.latitude), longitude: Number(r.longitude) },
    ]),
  );
  const places = new Map<string, Place>();
  for (const r of read('uk-postcodes-sample.csv')) {
    const centroid = centroids.get(r.outcode!);
    if (!centroid) continue;
    places.set(r.outcode!, {
      postcode: r.postcode!,
      outcode: r.outcode!,
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
      centroid,
    });
  }
  const englishOutcodes = districts
    .filter((r) => r.country === 'England' && places.has(r.outcode!))
    .map((r) => r.outcode!);
  return { places, englishOutcodes };
}

/** How many patients and slots a seeded data set has besides its directory. */
export interface PeopleScale {
  readonly patientsPerPractice: number;
  /**
   * Weeks of slots published from the session templates when seeding (0: the templates only;
   * the benchmark then publishes them as a scenario of its own).
   */
  readonly slotWeeks: number;
  /** Slots a week of a service's session templates, drawn from this range. */
  readonly slotsPerWeek: { readonly min: number; readonly max: number };
  /** Share of directly bookable services that publish no slots. */
  readonly servicesWithoutSlots: number;
}

export const DEMO_PEOPLE: PeopleScale = {
  patientsPerPractice: 25,
  slotWeeks: 6,
  slotsPerWeek: { min: 5, max: 15 },
  servicesWithoutSlots: 0.15,
};

export interface SeedOptions {
  readonly seed?: number;
  readonly scale?: DirectoryScale;
  readonly people?: PeopleScale;
  /** Today's date (`YYYY-MM-DD`), around which effective dates and slots are placed. */
  readonly today: string;
  /** The instant recorded as the rows' creation time. */
  readonly now: Date;
  /** Add the showcase services the README and end-to-end tests rely on (demo only). */
  readonly showcase?: boolean;
}

/**
 * Four services at the first Leeds site that the demo walk-throughs rely on, whatever the
 * random generator drew: a bookable clinic with slots, a clinic with none (to defer to), a
 * referral assessment (triage) service and an Advice & Guidance service.
 */
export const SHOWCASE_SERVICES = {
  bookable: 'Arrhythmia Clinic - Leeds General Hospital (demo)',
  noSlots: 'Heart Failure Clinic - Leeds General Hospital (demo)',
  triage: 'Cardiology Referral Assessment Service - Leeds General Hospital (demo)',
  advice: 'Cardiology Advice and Guidance - Leeds General Hospital (demo)',
} as const;

/**
 * Fictional patients with known NHS numbers, registered at the first Leeds practice, for the
 * start banner, the README's walk-through and the browser tests. Their NHS numbers are in the
 * 999 range, which is never issued to real people; their telephone numbers are in Ofcom's
 * range for drama. `journey` says what each is good for trying (the start banner shows it).
 */
export const SHOWCASE_PATIENTS = [
  {
    nhsNumber: '9990000026',
    givenName: 'Margaret',
    familyName: 'Thompson',
    dateOfBirth: '1958-06-02',
    sex: 'FEMALE' as const,
    addressLine: '14 Church Street',
    journey: 'a routine or urgent referral: book the Arrhythmia Clinic, or send for triage',
  },
  {
    nhsNumber: '9990000034',
    givenName: 'David',
    familyName: 'Okoro',
    dateOfBirth: '1971-09-17',
    sex: 'MALE' as const,
    addressLine: '3 Mill Lane',
    journey: 'a clinic with no free slots: the Heart Failure Clinic (the provider books later)',
  },
  {
    nhsNumber: '9990000018',
    givenName: 'Lily',
    familyName: 'Evans',
    dateOfBirth: '2016-03-11',
    sex: 'FEMALE' as const,
    addressLine: '27 Station Road',
    journey: 'a child: adult-only services are not offered',
  },
] as const;

/**
 * The kinds of service (clinic type and request flow) the showcase services are: the generator's
 * service of the same kind at the showcase site is left out, so no site offers one twice.
 */
const SHOWCASE_KINDS = new Set([
  'CARD_ARRHYTHMIA/APPOINTMENT_REQUEST',
  'CARD_HEART_FAILURE/APPOINTMENT_REQUEST',
  'CARD_GENERAL/TRIAGE_REQUEST',
  'CARD_GENERAL/ADVICE_AND_GUIDANCE_REQUEST',
]);

/** The showcase services' site: the first site of the first Leeds provider. */
const SHOWCASE_SITE = 'R0001';

function showcaseRows(
  site: Site,
  random: SeededRandom,
  adviceRandom: SeededRandom,
  today: string,
): ServiceRow[] {
  const base = {
    provider: site.organisation.id,
    site: site.id,
    specialty: 'CARDIOLOGY',
    appointmentType: 'FIRST_OUTPATIENT' as const,
    bookableType: 'DIRECTLY_BOOKABLE' as const,
    priorities: ['URGENT', 'ROUTINE'] as ServiceRow['priorities'],
    minAgeYears: 16,
    maxAgeYears: null,
    sexTreated: 'MALE_AND_FEMALE' as const,
    letterRequired: false,
    referrerAlert: null,
    instructions: 'Please include a recent ECG with the referral letter.',
    effectiveFrom: `${Number(today.slice(0, 4)) - 3}-04-01`,
    effectiveTo: null,
    // The showcase services book as the defaults do: nothing reserved, 1 hour to 26 weeks.
    bookingWindows: null,
    reservationDays: 0,
  };
  return [
    {
      ...base,
      id: random.uuid(),
      name: SHOWCASE_SERVICES.bookable,
      clinicType: 'CARD_ARRHYTHMIA',
      requestFlow: 'APPOINTMENT_REQUEST',
    },
    {
      ...base,
      id: random.uuid(),
      name: SHOWCASE_SERVICES.noSlots,
      clinicType: 'CARD_HEART_FAILURE',
      requestFlow: 'APPOINTMENT_REQUEST',
    },
    {
      ...base,
      id: random.uuid(),
      name: SHOWCASE_SERVICES.triage,
      clinicType: 'CARD_GENERAL',
      requestFlow: 'TRIAGE_REQUEST',
      bookableType: 'INDIRECTLY_BOOKABLE',
      appointmentType: 'ASSESSMENT_SERVICE',
    },
    {
      ...base,
      id: adviceRandom.uuid(),
      name: SHOWCASE_SERVICES.advice,
      clinicType: 'CARD_GENERAL',
      requestFlow: 'ADVICE_AND_GUIDANCE_REQUEST',
      bookableType: 'INDIRECTLY_BOOKABLE',
      instructions: 'Include the latest blood pressure, lipids and ECG findings in your question.',
    },
  ];
}

/**
 * Fills an empty database with a generated data set: the Directory of Services, patients
 * registered at its GP practices and slots for its directly bookable services, in one
 * transaction and in bulk inserts. Does nothing (and returns false) when organisations exist.
 */
export async function seedDemoData(em: EntityManager, options: SeedOptions): Promise<boolean> {
  if ((await em.count(Organisation)) > 0) return false;
  const seed = options.seed ?? DEMO_SEED;
  const people = options.people ?? DEMO_PEOPLE;
  const { places, englishOutcodes } = loadPlaces();
  const batches = generateDirectory({
    seed,
    scale: options.scale ?? DEMO_SCALE,
    today: options.today,
    places,
    englishOutcodes,
  });
  // Bulk inserts skip entity constructors, so timestamps are set here.
  const createdAt = options.now;
  const drawerOptions = {
    today: options.today,
    now: options.now,
    perWeek: people.slotsPerWeek,
    withoutSlots: people.servicesWithoutSlots,
    // Late starters are placed within the seeded weeks, or the 26-week horizon if none are.
    days: (people.slotWeeks || 26) * 7,
  };
  const drawer = new ScheduleDrawer(seed + 3, drawerOptions);
  await em.transactional(async (tx) => {
    const schedules: ServiceSchedules[] = [];
    const practices: PracticeRef[] = [];
    const showcase = options.showcase ?? true;
    let showcaseSiteId: string | null = null;
    // Patients live in their practice's town, in districts around the practice (cached:
    // practices share districts).
    const english = new Set(englishOutcodes);
    const homes = new Map<string, Place[]>();
    const homesAround = (town: string, postcode: string): Place[] => {
      const outcode = postcode.split(' ')[0]!;
      const key = `${town}/${outcode}`;
      let found = homes.get(key);
      if (!found) {
        const place = places.get(outcode);
        const centre = places.get(TOWNS.find((t) => t.name === town)?.outcode ?? '');
        const inTown = new Set(
          centre
            ? districtsNear(centre, places, TOWN_RADIUS_MILES, english).map((p) => p.outcode)
            : [],
        );
        found = place
          ? districtsNear(place, places, HOME_RADIUS_MILES, english).filter((p) =>
              inTown.has(p.outcode),
            )
          : [];
        homes.set(key, found);
      }
      return found;
    };
    const insertServices = (
      rows: (ServiceRow & { namedClinicians?: { id: string; name: string }[] })[],
    ) =>
      tx.insertMany(
        Service,
        rows.map((r) => ({ ...r, createdAt, updatedAt: createdAt, version: 1 })),
      );
    for (const batch of batches) {
      if (batch.rows.length === 0) continue;
      switch (batch.table) {
        case 'organisation':
          await tx.insertMany(
            Organisation,
            batch.rows.map((r) => ({ ...r, createdAt })),
          );
          for (const r of batch.rows) {
            if (r.kind === 'GP_PRACTICE') {
              practices.push({
                id: r.id,
                town: r.town!,
                postcode: r.postcode!,
                homes: homesAround(r.town!, r.postcode!),
              });
            }
          }
          break;
        case 'site':
          await tx.insertMany(Site, batch.rows);
          showcaseSiteId ??= batch.rows.find((r) => r.odsCode === SHOWCASE_SITE)?.id ?? null;
          break;
        case 'service': {
          // Directly bookable services get session templates; a named clinician of a template
          // is one of the service's named clinicians.
          const rows = batch.rows
            .filter(
              (r) =>
                !showcase ||
                r.site !== showcaseSiteId ||
                !SHOWCASE_KINDS.has(`${r.clinicType}/${r.requestFlow}`),
            )
            .map((r) => {
              if (
                r.requestFlow !== 'APPOINTMENT_REQUEST' ||
                r.bookableType !== 'DIRECTLY_BOOKABLE'
              ) {
                return r;
              }
              const drawn = drawer.draw(r);
              if (!drawn) return r;
              schedules.push(drawn);
              return drawn.namedClinician ? { ...r, namedClinicians: [drawn.namedClinician] } : r;
            });
          await insertServices(rows);
          break;
        }
      }
    }

    const random = new SeededRandom(seed + 1);
    let showcaseBookable: ServiceRow[] = [];
    if (showcase) {
      const site = await tx.findOne(Site, { odsCode: SHOWCASE_SITE });
      if (site) {
        // The advice service draws its id from a random source of its own, so adding it left
        // the ids of everything seeded before it unchanged.
        const rows = showcaseRows(site, random, new SeededRandom(seed + 5), options.today);
        await insertServices(rows);
        showcaseBookable = [rows[0]!];
      }
    }

    const firstPractice = practices[0];
    if (showcase && firstPractice) {
      await tx.insertMany(
        Patient,
        // Each lives in a different district around the practice.
        SHOWCASE_PATIENTS.map(({ journey: _journey, ...p }, i) => ({
          ...p,
          id: random.uuid(),
          town: firstPractice.town,
          postcode:
            firstPractice.homes[(i + 1) % Math.max(1, firstPractice.homes.length)]?.postcode ??
            firstPractice.postcode,
          phone: '07700 900123',
          email: null,
          registeredPractice: firstPractice.id,
          createdAt,
        })),
      );
    }
    for (const rows of generatePatients({
      seed: seed + 2,
      practices,
      perPractice: people.patientsPerPractice,
      today: options.today,
      reserved: SHOWCASE_PATIENTS.map((p) => p.nhsNumber),
    })) {
      await tx.insertMany(
        Patient,
        rows.map((r) => ({ ...r, createdAt })),
      );
    }

    // Slots come from session templates, published through the domain's planSlots as the
    // schedules service publishes them (so none falls on a bank holiday or a weekend).
    const holidays = englandBankHolidays();
    const days = people.slotWeeks * 7;
    let slotBatch: SlotRow[] = [];
    const flushSlots = async (force: boolean) => {
      if (slotBatch.length >= 2000 || (force && slotBatch.length > 0)) {
        await tx.insertMany(Slot, slotBatch);
        slotBatch = [];
      }
    };
    const publishAll = async (all: readonly ServiceSchedules[], drawer: ScheduleDrawer) => {
      for (let i = 0; i < all.length; i += 500) {
        await tx.insertMany(
          SlotSchedule,
          all.slice(i, i + 500).flatMap((s) => s.templates),
        );
      }
      if (days === 0) return;
      for (const schedules of all) {
        for (const slot of drawer.slots(schedules, holidays, UK_TIME_ZONE)) {
          slotBatch.push(slot);
          await flushSlots(false);
        }
      }
      await flushSlots(true);
    };
    await publishAll(schedules, drawer);
    const showcaseDrawer = new ScheduleDrawer(seed + 4, { ...drawerOptions, withoutSlots: 0 });
    // The showcase clinic runs every weekday, for every priority it accepts, from tomorrow.
    await publishAll(
      showcaseBookable.flatMap((service) => {
        const drawn = showcaseDrawer.draw(service, false)!;
        return [
          {
            ...drawn,
            templates: drawn.templates.map((t) => ({ ...t, weekdays: [1, 2, 3, 4, 5] })),
          },
        ];
      }),
      showcaseDrawer,
    );
  });
  await refreshPlannerStatistics(em);
  return true;
}
