import {
  searchServices,
  type SearchableService,
  type ServiceSearchCriteria,
  PRIORITY_CODES,
  SPECIALTIES,
  clinicTypesOf,
} from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryService } from '../modules/directory/directory.service.js';
import { Organisation, Service } from '../modules/directory/index.js';
import { SeededRandom } from './random.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { loadPlaces, seedDemoData } from './demo-seed.js';

const TODAY = '2026-11-21';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('the demo data set in the database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    expect(await seedDemoData(db.orm.em.fork(), { today: TODAY, now: NOW })).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('is loaded once: a second start leaves it alone', async () => {
    const before = await db.orm.em.fork().count(Service);
    expect(await seedDemoData(db.orm.em.fork(), { today: TODAY, now: NOW })).toBe(false);
    expect(await db.orm.em.fork().count(Service)).toBe(before);
    expect(before).toBeGreaterThanOrEqual(300);
    expect(await db.orm.em.fork().count(Organisation, { kind: 'PROVIDER' })).toBeGreaterThanOrEqual(
      24,
    );
  });

  it('answers index-backed searches exactly as an in-memory search over every service', async () => {
    const em = db.orm.em.fork();
    const all = await em.find(Service, {}, { populate: ['site'] });
    const everything: SearchableService[] = all.map((s) => ({
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
    }));
    const { places } = loadPlaces();
    const postcodes = [...places.values()].filter((p) =>
      /^(LS|M|B|BS|NE|S|L|CB|EX|E)\d/.test(p.postcode),
    );
    const random = new SeededRandom(7);
    const directory = new DirectoryService(db.orm.em.fork());

    for (let i = 0; i < 40; i++) {
      const place = random.pick(postcodes);
      const specialty = random.pick(SPECIALTIES).code;
      const clinicType = random.chance(0.5) ? random.pick(clinicTypesOf(specialty)).code : null;
      const request = {
        patient: {
          ageYears: random.pick([4, 16, 17, 18, 35, 70, 95]),
          sex: random.pick(['MALE', 'FEMALE', 'UNKNOWN'] as const),
          postcode: place.postcode,
        },
        priority: random.pick(PRIORITY_CODES),
        specialtyCode: specialty,
        clinicTypeCode: clinicType,
        maxDistanceMiles: random.pick([null, 5, 25, 60, 150]),
        sort: random.pick(['DISTANCE', 'NAME'] as const),
        requestType: random.pick(['APPOINTMENT_REQUEST', 'ADVICE_AND_GUIDANCE_REQUEST'] as const),
      };
      const fromDatabase = await directory.searchServices(request, { first: 100 }, NOW);
      const criteria: ServiceSearchCriteria = {
        ...request,
        patient: { ...request.patient, location: fromDatabase.patientLocation },
        today: TODAY,
      };
      const inMemory = searchServices(everything, criteria, { first: 100 });
      expect(
        fromDatabase.page.edges.map((e) => e.node.service.id),
        JSON.stringify(request),
      ).toEqual(inMemory.edges.map((e) => e.node.service.id));
      expect(fromDatabase.page.totalCount).toBe(inMemory.totalCount);
    }
  });
});
