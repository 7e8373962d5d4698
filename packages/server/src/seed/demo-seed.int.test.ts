import {
  isoDayOfWeek,
  localDate,
  searchServices,
  type SearchableService,
  type ServiceSearchCriteria,
  type Slot as DomainSlot,
  PRIORITY_CODES,
  SPECIALTIES,
  clinicTypesOf,
  DEFAULT_SEARCHER,
  slotOutsideBounds,
  type Booker,
} from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryService } from '../modules/directory/directory.service.js';
import { Organisation, Service, Site } from '../modules/directory/index.js';
import {
  Slot,
  SlotSchedule,
  SlotService,
  slotBoundsSql,
  slotBoundsWhere,
} from '../modules/slots/index.js';
import { englandBankHolidays } from '@open-ers/domain/holidays';
import { SeededRandom } from './random.js';
import { createTestDatabase, type TestDatabase } from '../test/test-database.js';
import { loadPlaces, seedDemoData, SHOWCASE_PATIENTS, SHOWCASE_SERVICES } from './demo-seed.js';
import { milesBetween } from './places.js';
import { Patient } from '../modules/patients/index.js';
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
    // Some slots are taken, held, or held by a hold that has lapsed (bookable again), so the
    // comparisons cover every branch of the slot rules, not only free slots.
    const ids = (await db.orm.em.fork().find(Slot, {}, { orderBy: { id: 'asc' } })).map(
      (s) => s.id,
    );
    const every = (n: number, offset: number) => ids.filter((_, i) => i % n === offset);
    const update = db.orm.em.fork();
    await update.nativeUpdate(Slot, { id: { $in: every(7, 1) } }, { status: 'BOOKED' });
    await update.nativeUpdate(
      Slot,
      { id: { $in: every(7, 2) } },
      { status: 'HELD', heldUntil: new Date(NOW.getTime() + 180_000), heldForUbrn: '000000000001' },
    );
    await update.nativeUpdate(
      Slot,
      { id: { $in: every(7, 3) } },
      { status: 'HELD', heldUntil: new Date(NOW.getTime() - 60_000), heldForUbrn: '000000000002' },
    );
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

  it('publishes every slot from a session template, none on an England bank holiday or a weekend', async () => {
    const em = db.orm.em.fork();
    const slots = await em.find(Slot, {});
    const templates = new Map((await em.find(SlotSchedule, {})).map((t) => [t.id, t]));
    const holidays = englandBankHolidays();
    const dates = new Set<string>();
    for (const slot of slots) {
      const date = localDate(slot.startAt, 'Europe/London');
      dates.add(date);
      expect(holidays.isHoliday(date), `${slot.id} on ${date}`).toBe(false);
      expect(isoDayOfWeek(date), `${slot.id} on ${date}`).toBeLessThanOrEqual(5);
      const template = templates.get(slot.scheduleId ?? '');
      expect(template?.service.id, slot.id).toBe(slot.service.id);
      expect(slot.sourceKey).toBe(`s:${template!.id}:${slot.startAt.toISOString()}`);
    }
    // The six weeks from 22 November 2026 take in Christmas: clinics run either side of it.
    expect([...dates].filter((d) => d >= '2026-12-24' && d <= '2027-01-04').sort()).toEqual([
      '2026-12-24',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
    ]);
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
      // Now and then the provider's own staff search: no booking window, reserved slots open.
      const searcher: Booker =
        anchor && random.chance(0.3)
          ? { role: 'SERVICE_PROVIDER_ADMIN', organisationId: anchor.provider.id }
          : DEFAULT_SEARCHER;
      const fromDatabase = await directory.searchServices(request, { first: 100 }, NOW, searcher);
      const criteria: ServiceSearchCriteria = {
        ...request,
        searcher,
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

  it('finds the earliest bookable slot of every service as the slot rules do, for each priority and booker', async () => {
    const em = db.orm.em.fork();
    const services = await em.find(Service, { bookableType: 'DIRECTLY_BOOKABLE' });
    const slotsByService = new Map<string, DomainSlot[]>();
    for (const slot of await em.find(Slot, {})) {
      const list = slotsByService.get(slot.service.id) ?? [];
      list.push(slot.toDomain());
      slotsByService.set(slot.service.id, list);
    }
    const slotService = new SlotService(em);
    let compared = 0;
    let found = 0;
    for (const priority of PRIORITY_CODES) {
      const accepting = services.filter((s) => s.priorities.includes(priority));
      // Referrers, and the staff of each provider (who see its reserved slots, any time ahead).
      const bookers: Booker[] = [
        DEFAULT_SEARCHER,
        ...[...new Set(accepting.map((s) => s.provider.id))].map((organisationId) => ({
          role: 'SERVICE_PROVIDER_ADMIN' as const,
          organisationId,
        })),
      ];
      for (const booker of bookers) {
        const facts = accepting.map((s) => ({
          id: s.id,
          providerOrganisationId: s.provider.id,
          bookingPolicy: s.bookingPolicy(),
        }));
        const fromDatabase = await slotService.earliestBookableStarts(facts, priority, booker, NOW);
        for (const service of facts) {
          const bounds = slotService.bounds({ service, priority, booker, now: NOW });
          const expected = (slotsByService.get(service.id) ?? [])
            .filter((slot) => slotOutsideBounds(slot, bounds) === null)
            .reduce<Date | null>(
              (min, slot) => (min && min <= slot.start ? min : slot.start),
              null,
            );
          expect(fromDatabase.get(service.id)?.toISOString() ?? null, service.id).toBe(
            expected?.toISOString() ?? null,
          );
          compared++;
          if (expected) found++;
        }
      }
    }
    // Every priority, many services, and most with a slot to find.
    expect(compared).toBeGreaterThan(1000);
    expect(found).toBeGreaterThan(compared / 3);
  });

  it("states the slot rules alike in plain SQL and through the ORM, with a referral's own hold and a clinician", async () => {
    const em = db.orm.em.fork();
    const slotService = new SlotService(em);
    const platform = em.getPlatform();
    const services = await em.find(
      Service,
      { bookableType: 'DIRECTLY_BOOKABLE' },
      { orderBy: { id: 'asc' }, limit: 60 },
    );
    let withOwnHold = 0;
    let byClinician = 0;
    for (const [i, service] of services.entries()) {
      const priority = service.priorities[i % service.priorities.length]!;
      const aClinician = await em.findOne(
        Slot,
        { service: service.id, clinicianId: { $ne: null } },
        { orderBy: { id: 'asc' } },
      );
      const bounds = slotService.bounds({
        service,
        priority,
        booker:
          i % 3
            ? DEFAULT_SEARCHER
            : { role: 'SERVICE_PROVIDER_ADMIN', organisationId: service.provider.id },
        now: NOW,
        // The referral whose slots are held (the hold has not lapsed): those stay bookable to it.
        ubrn: i % 2 ? '000000000001' : null,
        clinicianId: i % 4 === 0 ? (aClinician?.clinicianId ?? null) : null,
      });
      const viaOrm = (await em.find(Slot, slotBoundsWhere(bounds), { orderBy: { id: 'asc' } })).map(
        (s) => s.id,
      );
      const sql = slotBoundsSql(bounds, (instant) => platform.processDateProperty(instant));
      const viaSql = (
        await em
          .getConnection()
          .execute<{ id: string }[]>(
            `select id from slot where service_id = ? and ${sql.sql} order by id`,
            [service.id, ...sql.bindings],
          )
      ).map((row) => String(row.id));
      expect(viaSql, service.id).toEqual(viaOrm);
      if (bounds.heldForUbrn) {
        const ownHeld = await em.count(Slot, {
          id: { $in: viaOrm },
          status: 'HELD',
          heldForUbrn: bounds.heldForUbrn,
          heldUntil: { $gt: NOW },
        });
        if (ownHeld > 0) withOwnHold++;
      }
      if (bounds.clinicianId && viaOrm.length > 0) byClinician++;
    }
    // The referral's own live holds, and a clinician's list, were really among what was compared.
    expect(withOwnHold).toBeGreaterThan(5);
    expect(byClinician).toBeGreaterThan(0);
  });

  it('spells each kind of service one way, and never offers the same service twice at a site: no two names alike whatever the case, no two of one clinic type and request flow', async () => {
    const services = await db.orm.em.fork().find(Service, {}, { populate: ['site'] });
    // One spelling of each label across the directory: never "Heart failure Clinic" in one
    // place and "Heart Failure Clinic" in another.
    const spellings = new Map<string, Set<string>>();
    for (const s of services) {
      const label = s.name.split(' - ')[0]!;
      const key = label.toLowerCase();
      spellings.set(key, (spellings.get(key) ?? new Set()).add(label));
    }
    for (const labels of spellings.values()) expect([...labels]).toHaveLength(1);
    const seen = new Map<string, string>();
    for (const s of services) {
      // "Heart failure Clinic - Leeds General Hospital" beside "Heart Failure Clinic - Leeds
      // General Hospital (demo)" is the same clinic twice.
      for (const key of [
        `${s.site.id}/name/${s.name.replace(/ \(demo\)$/, '').toLowerCase()}`,
        `${s.site.id}/kind/${s.clinicType.unwrap().code}/${s.requestFlow}`,
      ]) {
        expect(seen.get(key), `${s.name} and ${seen.get(key)} at ${s.site.$.name}`).toBeUndefined();
        seen.set(key, s.name);
      }
    }
    expect(services.filter((s) => s.name.endsWith('(demo)'))).toHaveLength(
      Object.keys(SHOWCASE_SERVICES).length,
    );
  });

  it("houses patients around their own practice, so distances to hospitals vary (not all at the practice's postcode, 0 miles from the hospital)", async () => {
    const em = db.orm.em.fork();
    const directory = new DirectoryService(em, new SlotService(db.orm.em.fork()));
    const located = new Map<string, { latitude: number; longitude: number }>();
    const locate = async (postcode: string) => {
      if (!located.has(postcode)) located.set(postcode, await directory.locatePostcode(postcode));
      return located.get(postcode)!;
    };
    const patients = await em.find(Patient, {}, { populate: ['registeredPractice'] });
    const leedsHospital = await em.findOneOrFail(Site, { odsCode: 'R0001' });
    const toHospital: number[] = [];
    let atPractice = 0;
    for (const p of patients) {
      const practice = p.registeredPractice!.$;
      expect(p.town, `${p.nhsNumber} lives in their practice's town`).toBe(practice.town);
      if (p.postcode === practice.postcode) atPractice++;
      const miles = milesBetween(await locate(p.postcode), await locate(practice.postcode!));
      expect(
        miles,
        `${p.nhsNumber} (${p.postcode}) to ${practice.name} (${practice.postcode})`,
      ).toBeLessThan(5);
      if (practice.town === 'Leeds')
        toHospital.push(milesBetween(await locate(p.postcode), leedsHospital));
    }
    expect(atPractice / patients.length, 'share living at their practice postcode').toBeLessThan(
      0.5,
    );
    // Leeds patients are spread over Leeds: distances to the Leeds hospital differ and few are 0.
    expect(toHospital.length).toBeGreaterThan(20);
    expect(toHospital.filter((m) => m < 0.05).length / toHospital.length).toBeLessThan(0.5);
    expect(new Set(toHospital.map((m) => m.toFixed(1))).size).toBeGreaterThan(3);
    expect(Math.max(...toHospital)).toBeLessThan(10);
  });

  it('cannot be mistaken for real people: every patient has a 999 test-range NHS number and a drama-range phone number', async () => {
    const patients = await db.orm.em.fork().find(Patient, {});
    expect(patients.length).toBeGreaterThan(1000);
    for (const p of patients) {
      expect(p.nhsNumber, `${p.givenName} ${p.familyName}`).toMatch(/^999\d{7}$/);
      if (p.phone) expect(p.phone).toMatch(/^07700 900\d{3}$/);
      if (p.email) expect(p.email).toMatch(/@example\.com$/);
    }
    for (const showcase of SHOWCASE_PATIENTS) {
      expect(patients.map((p) => p.nhsNumber)).toContain(showcase.nhsNumber);
    }
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
