import {
  searchServices,
  type SearchableService,
  type ServiceSearchCriteria,
  type Slot as DomainSlot,
  PRIORITY_CODES,
  SPECIALTIES,
  clinicTypesOf,
} from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryService } from '../modules/directory/directory.service.js';
import { Organisation, Service } from '../modules/directory/index.js';
import { Slot, SlotService } from '../modules/slots/index.js';
import { SeededRandom } from './random.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { loadPlaces, seedDemoData } from './demo-seed.js';
import { ClinicianLink, PasswordHasher, RoleAssignment, User } from '../modules/identity/index.js';
import { DEMO_PASSWORD, DEMO_USERS, findDemoPlaces, seedDemoUsers } from './demo-users.js';

const TODAY = '2026-11-21';
const NOW = new Date('2026-11-21T10:00:00Z');

describe('the demo data set in the database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    expect(await seedDemoData(db.orm.em.fork(), { today: TODAY, now: NOW })).toBe(true);
    expect(await seedDemoUsers(db.orm.em.fork(), { now: NOW })).toBe(true);
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
    const slotsByService = new Map<string, DomainSlot[]>();
    for (const slot of await em.find(Slot, {})) {
      const list = slotsByService.get(slot.service.id) ?? [];
      list.push(slot.toDomain());
      slotsByService.set(slot.service.id, list);
    }
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
      providerOrganisationId: s.provider.id,
      indicativeWaitDays: s.indicativeWaitDays ?? null,
      // Only directly bookable services are bookable through slots.
      slots: s.bookableType === 'DIRECTLY_BOOKABLE' ? (slotsByService.get(s.id) ?? []) : [],
      bookingPolicy: s.bookingPolicy(),
    }));
    const { places } = loadPlaces();
    const postcodes = [...places.values()].filter((p) =>
      /^(LS|M|B|BS|NE|S|L|CB|EX|E)\d/.test(p.postcode),
    );
    const random = new SeededRandom(7);
    const directory = new DirectoryService(db.orm.em.fork(), new SlotService(db.orm.em.fork()));

    let checked = 0;
    const withSlots = all.filter((s) => (slotsByService.get(s.id)?.length ?? 0) > 0);
    for (let i = 0; i < 60; i++) {
      // Most searches are anchored on a service that publishes slots (its specialty, a patient
      // at its site), so the comparison covers earliest slots and waits; the rest are random.
      const anchor = random.chance(0.7) ? random.pick(withSlots) : null;
      const place = anchor ? { postcode: anchor.site.$.postcode } : random.pick(postcodes);
      const specialty = anchor ? anchor.specialty.unwrap().code : random.pick(SPECIALTIES).code;
      const clinicType = random.chance(0.5)
        ? (anchor?.clinicType.unwrap().code ?? random.pick(clinicTypesOf(specialty as never)).code)
        : null;
      const request = {
        patient: {
          ageYears: random.pick([4, 16, 17, 18, 35, 70, 95]),
          sex: random.pick(['MALE', 'FEMALE', 'UNKNOWN'] as const),
          postcode: place.postcode,
        },
        priority: anchor ? random.pick(anchor.priorities) : random.pick(PRIORITY_CODES),
        specialtyCode: specialty,
        clinicTypeCode: clinicType,
        maxDistanceMiles: random.pick([null, 5, 25, 60, 150]),
        maxWaitDays: random.pick([null, null, 3, 10, 30]),
        sort: random.pick(['DISTANCE', 'NAME', 'EARLIEST_SLOT'] as const),
        requestType: anchor
          ? ('APPOINTMENT_REQUEST' as const)
          : random.pick(['APPOINTMENT_REQUEST', 'ADVICE_AND_GUIDANCE_REQUEST'] as const),
      };
      const fromDatabase = await directory.searchServices(request, { first: 100 }, NOW);
      const criteria: ServiceSearchCriteria = {
        ...request,
        patient: { ...request.patient, location: fromDatabase.patientLocation },
        today: TODAY,
        now: NOW,
        timeZone: 'Europe/London',
      };
      const inMemory = searchServices(everything, criteria, { first: 100 });
      expect(
        fromDatabase.page.edges.map((e) => e.node.service.id),
        JSON.stringify(request),
      ).toEqual(inMemory.edges.map((e) => e.node.service.id));
      expect(fromDatabase.page.totalCount).toBe(inMemory.totalCount);
      expect(
        fromDatabase.page.edges.map((e) => e.node.earliestSlotStart?.toISOString() ?? null),
      ).toEqual(inMemory.edges.map((e) => e.node.earliestSlotStart?.toISOString() ?? null));
      checked += inMemory.edges.filter((e) => e.node.earliestSlotStart !== null).length;
    }
    // The comparison must have covered services with bookable slots, not only empty ones.
    expect(checked).toBeGreaterThan(20);
  });

  it('places the demo users at a Leeds GP practice, the Leeds provider trust and the West Yorkshire ICB', async () => {
    const em = db.orm.em.fork();
    const places = (await findDemoPlaces(em))!;
    expect(places.LEEDS_PRACTICE).toMatchObject({ kind: 'GP_PRACTICE', town: 'Leeds' });
    expect(places.LEEDS_PROVIDER).toMatchObject({ kind: 'PROVIDER', town: 'Leeds' });
    expect(places.WEST_YORKSHIRE_ICB).toMatchObject({ kind: 'COMMISSIONER', odsCode: 'QWO' });
    expect(places.LEEDS_PRACTICE.commissioner?.id).toBe(places.WEST_YORKSHIRE_ICB.id);
    expect(places.LEEDS_PROVIDER.commissioner?.id).toBe(places.WEST_YORKSHIRE_ICB.id);

    const assignments = await em.find(RoleAssignment, {}, { populate: ['user', 'organisation'] });
    const held = (username: string) =>
      assignments
        .filter((a) => a.user.$.username === username)
        .map((a) => [a.role, a.organisation.$.odsCode]);
    expect(held('rc.leeds')).toEqual([['REFERRING_CLINICIAN', places.LEEDS_PRACTICE.odsCode]]);
    expect(held('spca.leeds')).toEqual([
      ['SERVICE_PROVIDER_CLINICIAN_ADMIN', places.LEEDS_PROVIDER.odsCode],
    ]);
    expect(held('commissioner.wy')).toEqual([['COMMISSIONER', 'QWO']]);
    // Every role but the patient and provider-system ones has a demo user.
    const roles = new Set(assignments.map((a) => a.role));
    expect([...roles].sort()).toEqual(
      [
        'COMMISSIONER',
        'INFORMATION_ANALYST',
        'REFERRING_ADMIN',
        'REFERRING_CLINICIAN',
        'REFERRING_CLINICIAN_ADMIN',
        'SERVICE_DEFINER',
        'SERVICE_PROVIDER_ADMIN',
        'SERVICE_PROVIDER_CLINICIAN',
        'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      ].sort(),
    );
    expect(assignments.filter((a) => a.role === 'SERVICE_PROVIDER_CLINICIAN')).toHaveLength(3);
  });

  it('links the clinician admins to the clinicians they act for', async () => {
    const links = await db.orm.em
      .fork()
      .find(ClinicianLink, {}, { populate: ['admin.user', 'clinician.user'] });
    expect(
      links.map((l) => [l.admin.$.user.$.username, l.clinician.$.user.$.username]).sort(),
    ).toEqual([
      ['rca.leeds', 'rc.leeds'],
      ['spca.leeds', 'spc.leeds'],
    ]);
  });

  it('gives every demo user the documented password, and adds them only once', async () => {
    const users = await db.orm.em.fork().find(User, {});
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    expect(await new PasswordHasher().verify(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await seedDemoUsers(db.orm.em.fork(), { now: NOW })).toBe(true);
    expect(await db.orm.em.fork().count(User)).toBe(DEMO_USERS.length);
  });
});
