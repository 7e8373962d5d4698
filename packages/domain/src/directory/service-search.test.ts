import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../access/index.js';
import { localDate } from '../dates/index.js';
import { boundingBox, haversineKm, inBoundingBox, milesToKm } from '../geo/index.js';
import type { Page } from '../pagination/index.js';
import { PRIORITY_CODES } from '../reference/index.js';
import { isSlotBookable, slotQueryBounds, type BookingPolicy, type Slot } from '../slots/index.js';
import { daysAfter, freeSlot, hoursAfter, NOW } from '../test-support/fixtures.js';
import { isServiceEligible } from './eligibility.js';
import {
  rankServices,
  searchServices,
  type SearchableService,
  type ServiceMatch,
  type ServiceSearchCriteria,
} from './service-search.js';

const LEEDS = { latitude: 53.7997, longitude: -1.5492 };
const TODAY = '2026-03-10';

function service(id: string, overrides: Partial<SearchableService> = {}): SearchableService {
  return {
    id,
    name: `Service ${id}`,
    specialtyCode: 'CARDIOLOGY',
    clinicTypeCode: 'CARD_CHEST_PAIN',
    location: { latitude: LEEDS.latitude + 0.01, longitude: LEEDS.longitude },
    requestFlow: 'APPOINTMENT_REQUEST',
    bookableType: 'DIRECTLY_BOOKABLE',
    priorities: ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'],
    minAgeYears: null,
    maxAgeYears: null,
    sexTreated: 'MALE_AND_FEMALE',
    effectiveFrom: '2020-01-01',
    effectiveTo: null,
    providerOrganisationId: 'TRUST-RX1',
    ...overrides,
  };
}

const criteria = (overrides: Partial<ServiceSearchCriteria> = {}): ServiceSearchCriteria => ({
  patient: { ageYears: 60, sex: 'FEMALE', location: LEEDS },
  priority: 'ROUTINE',
  specialtyCode: 'CARDIOLOGY',
  sort: 'EARLIEST_SLOT',
  today: TODAY,
  now: NOW,
  timeZone: 'Europe/London',
  ...overrides,
});

const slotAt = (serviceId: string, iso: string, overrides: Partial<Slot> = {}) =>
  freeSlot({ id: `${serviceId}-${iso}`, serviceId, start: new Date(iso), ...overrides });

describe('service search by earliest slot and wait', () => {
  const services = [
    service('a', {
      slots: [slotAt('a', '2026-03-20T09:00:00Z'), slotAt('a', '2026-03-13T09:00:00Z')],
    }),
    service('b', { slots: [slotAt('b', '2026-03-12T09:00:00Z')] }),
    service('c', { slots: [], indicativeWaitDays: 30, bookableType: 'INDIRECTLY_BOOKABLE' }),
    service('d', {
      slots: [slotAt('d', '2026-03-11T09:00:00Z', { status: 'BOOKED' })],
      indicativeWaitDays: 10,
    }),
    service('e', { slots: [] }),
  ];

  it('orders by the earliest bookable slot, then services without one by published wait, unknown last', () => {
    const ranked = rankServices(services, criteria());
    expect(ranked.map((m) => m.service.id)).toEqual(['b', 'a', 'd', 'c', 'e']);
  });

  it('reports each service’s earliest bookable slot and wait, and where the wait came from', () => {
    const byId = new Map(rankServices(services, criteria()).map((m) => [m.service.id, m]));
    expect(byId.get('a')).toMatchObject({ indicativeWaitDays: 3, waitSource: 'SLOTS' });
    expect(byId.get('a')?.earliestSlotStart?.toISOString()).toBe('2026-03-13T09:00:00.000Z');
    expect(byId.get('d')).toMatchObject({
      earliestSlotStart: null,
      indicativeWaitDays: 10,
      waitSource: 'PUBLISHED',
    });
    expect(byId.get('e')).toMatchObject({ indicativeWaitDays: null, waitSource: null });
  });

  it('filters by maximum wait, leaving out services whose wait is unknown', () => {
    const ranked = rankServices(services, criteria({ maxWaitDays: 10 }));
    expect(ranked.map((m) => m.service.id)).toEqual(['b', 'a', 'd']);
    expect(rankServices(services, criteria({ maxWaitDays: 0 }))).toEqual([]);
  });

  it('counts the wait in UK days: a slot at 23:30 UTC in summer is the next day', () => {
    const summerNow = new Date('2026-06-01T08:00:00Z');
    const late = service('late', { slots: [slotAt('late', '2026-06-03T23:30:00Z')] });
    const [match] = rankServices([late], criteria({ today: '2026-06-01', now: summerNow }));
    expect(match?.indicativeWaitDays).toBe(3);
  });

  it('uses the earliest slot the server found when candidates carry it instead of slots', () => {
    const precomputed = [
      service('x', { earliestBookableSlotStart: new Date('2026-03-15T09:00:00Z') }),
      service('y', { earliestBookableSlotStart: new Date('2026-03-14T09:00:00Z') }),
      service('z', { earliestBookableSlotStart: null, indicativeWaitDays: 2 }),
    ];
    expect(rankServices(precomputed, criteria({ now: null })).map((m) => m.service.id)).toEqual([
      'y',
      'x',
      'z',
    ]);
  });

  it('respects the booking window and reservation for the searcher', () => {
    const policy: BookingPolicy = {
      windows: { ROUTINE: { opensHoursAhead: 72, closesDaysAhead: 60 } },
      reservationDays: 0,
    };
    const s = service('w', {
      bookingPolicy: policy,
      slots: [slotAt('w', '2026-03-12T09:00:00Z'), slotAt('w', '2026-03-14T09:00:00Z')],
    });
    expect(rankServices([s], criteria())[0]?.earliestSlotStart?.toISOString()).toBe(
      '2026-03-14T09:00:00.000Z',
    );
    const asProvider = criteria({
      searcher: { role: 'SERVICE_PROVIDER_ADMIN', organisationId: 'TRUST-RX1' },
    });
    expect(rankServices([s], asProvider)[0]?.earliestSlotStart?.toISOString()).toBe(
      '2026-03-12T09:00:00.000Z',
    );
  });

  it('pages through results by earliest slot without overlap or gaps', () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      service(`s${i}`, {
        slots: i % 3 === 0 ? [] : [slotAt(`s${i}`, `2026-03-1${i}T09:00:00Z`)],
        indicativeWaitDays: i,
      }),
    );
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<ServiceMatch> = searchServices(many, criteria(), { first: 3, after });
      seen.push(...page.edges.map((e) => e.node.service.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(rankServices(many, criteria()).map((m) => m.service.id));
  });

  it('refuses a negative maximum wait', () => {
    expect(() => rankServices([], criteria({ maxWaitDays: -1 }))).toThrowError(
      expect.objectContaining({ code: 'INVALID_WAIT', field: 'maxWaitDays' }),
    );
  });

  it('needs the current time to rank candidates by their slots', () => {
    expect(() => rankServices(services, criteria({ now: null }))).toThrow(RangeError);
  });

  it('still sorts by distance, nearest first', () => {
    const near = service('near', {
      location: { latitude: LEEDS.latitude + 0.01, longitude: LEEDS.longitude },
    });
    const far = service('far', {
      location: { latitude: LEEDS.latitude + 0.5, longitude: LEEDS.longitude },
    });
    expect(
      rankServices([far, near], criteria({ sort: 'DISTANCE' })).map((m) => m.service.id),
    ).toEqual(['near', 'far']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties: the search never returns an ineligible service or slot, and an index-backed
// candidate query (bounding box + specialty, earliest slot computed by the "database" from the
// published bounds) gives the same answer as an in-memory search over everything.
// ---------------------------------------------------------------------------------------------

const instant = fc.integer({ min: -48, max: 120 * 24 }).map((h) => hoursAfter(NOW, h));
const policyArb: fc.Arbitrary<BookingPolicy> = fc.record({
  windows: fc.record(
    {
      ROUTINE: fc.record({
        opensHoursAhead: fc.integer({ min: 1, max: 96 }),
        closesDaysAhead: fc.integer({ min: 4, max: 90 }),
      }),
      URGENT: fc.record({
        opensHoursAhead: fc.integer({ min: 1, max: 24 }),
        closesDaysAhead: fc.integer({ min: 1, max: 20 }),
      }),
    },
    { requiredKeys: [] },
  ),
  reservationDays: fc.constantFrom(0, 1, 2),
});

const serviceArb = (id: string): fc.Arbitrary<SearchableService> =>
  fc
    .record({
      specialtyCode: fc.constantFrom('CARDIOLOGY', 'DERMATOLOGY'),
      clinicTypeCode: fc.constantFrom('CARD_CHEST_PAIN', 'CARD_GENERAL', 'DERM_ACNE'),
      latitude: fc.double({ min: 53.3, max: 54.3, noNaN: true }),
      longitude: fc.double({ min: -2.3, max: -0.8, noNaN: true }),
      // Weighted towards services a typical search can find, so most runs return results.
      requestFlow: fc.constantFrom(
        'APPOINTMENT_REQUEST',
        'APPOINTMENT_REQUEST',
        'APPOINTMENT_REQUEST',
        'TRIAGE_REQUEST',
        'ADVICE_AND_GUIDANCE_REQUEST',
      ),
      bookableType: fc.constantFrom(
        'DIRECTLY_BOOKABLE',
        'DIRECTLY_BOOKABLE',
        'INDIRECTLY_BOOKABLE',
      ),
      priorities: fc.oneof(
        { weight: 3, arbitrary: fc.constant([...PRIORITY_CODES]) },
        { weight: 1, arbitrary: fc.subarray([...PRIORITY_CODES], { minLength: 1 }) },
      ),
      minAgeYears: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 3 }),
      maxAgeYears: fc.option(fc.integer({ min: 18, max: 120 }), { nil: null, freq: 3 }),
      sexTreated: fc.constantFrom(
        'MALE',
        'FEMALE',
        'MALE_AND_FEMALE',
        'MALE_AND_FEMALE',
        'MALE_AND_FEMALE',
      ),
      effectiveFrom: fc.constantFrom(
        '2020-01-01',
        '2020-01-01',
        '2020-01-01',
        '2026-03-10',
        '2026-04-01',
      ),
      effectiveTo: fc.constantFrom(null, null, null, '2026-03-09', '2026-03-10', '2027-01-01'),
      providerOrganisationId: fc.constantFrom('TRUST-RX1', 'TRUST-RX2'),
      indicativeWaitDays: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      bookingPolicy: policyArb,
      slots: fc.array(
        fc.record({
          start: instant,
          priorities: fc.oneof(
            { weight: 3, arbitrary: fc.constant([...PRIORITY_CODES]) },
            { weight: 1, arbitrary: fc.subarray([...PRIORITY_CODES]) },
          ),
          status: fc.constantFrom('FREE', 'FREE', 'FREE', 'HELD', 'BOOKED', 'CANCELLED'),
          heldUntil: fc.option(instant, { nil: null }),
          publishedAt: fc.integer({ min: -72, max: 0 }).map((h) => hoursAfter(NOW, h)),
        }),
        { maxLength: 10 },
      ),
    })
    .map((r) => ({
      id,
      name: `Service ${id}`,
      specialtyCode: r.specialtyCode,
      clinicTypeCode: r.clinicTypeCode,
      location: { latitude: r.latitude, longitude: r.longitude },
      requestFlow: r.requestFlow,
      bookableType: r.bookableType,
      priorities: r.priorities,
      minAgeYears: r.minAgeYears,
      maxAgeYears: r.maxAgeYears,
      sexTreated: r.sexTreated,
      effectiveFrom: r.effectiveFrom,
      effectiveTo: r.effectiveTo,
      providerOrganisationId: r.providerOrganisationId,
      indicativeWaitDays: r.indicativeWaitDays,
      bookingPolicy: r.bookingPolicy,
      slots: r.slots.map((s, i) => ({
        id: `${id}-slot-${i}`,
        serviceId: id,
        start: s.start,
        end: hoursAfter(s.start, 0.5),
        priorities: s.priorities,
        clinicianId: null,
        status: s.status,
        heldUntil: s.heldUntil,
        heldForUbrn: null,
        publishedAt: s.publishedAt,
      })),
    }));

const directoryArb = fc
  .integer({ min: 3, max: 30 })
  .chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) => serviceArb(`svc-${String(i).padStart(2, '0')}`)),
    ),
  );

const criteriaArb: fc.Arbitrary<ServiceSearchCriteria> = fc.record({
  patient: fc.record({
    ageYears: fc.integer({ min: 16, max: 90 }),
    sex: fc.constantFrom('MALE', 'FEMALE', 'FEMALE', 'MALE', 'UNKNOWN'),
    location: fc.constant(LEEDS),
  }),
  priority: fc.constantFrom(...PRIORITY_CODES),
  specialtyCode: fc.constantFrom('CARDIOLOGY', 'DERMATOLOGY'),
  clinicTypeCode: fc.constant(null),
  requestType: fc.constantFrom(
    'APPOINTMENT_REQUEST',
    'APPOINTMENT_REQUEST',
    'APPOINTMENT_REQUEST',
    'APPOINTMENT_REQUEST',
    'ADVICE_AND_GUIDANCE_REQUEST',
  ),
  maxDistanceMiles: fc.option(fc.integer({ min: 10, max: 100 }), { nil: null }),
  maxWaitDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 2 }),
  sort: fc.constantFrom('DISTANCE', 'NAME', 'EARLIEST_SLOT'),
  today: fc.constant(TODAY),
  now: fc.constant(NOW),
  timeZone: fc.constant('Europe/London'),
  searcher: fc.record({
    role: fc.constantFrom(...ROLES),
    organisationId: fc.constantFrom('TRUST-RX1', 'GP-A81001'),
  }),
});

/** What the server does: an index-backed superset, with the earliest slot found "in SQL". */
function indexBackedCandidates(
  directory: readonly SearchableService[],
  c: ServiceSearchCriteria,
): SearchableService[] {
  const box =
    c.maxDistanceMiles != null
      ? boundingBox(c.patient.location, milesToKm(c.maxDistanceMiles))
      : null;
  return directory
    .filter(
      (s) =>
        s.specialtyCode === c.specialtyCode && (box === null || inBoundingBox(s.location, box)),
    )
    .map((s) => {
      const b = slotQueryBounds({
        service: {
          id: s.id,
          providerOrganisationId: s.providerOrganisationId!,
          bookingPolicy: s.bookingPolicy!,
        },
        priority: c.priority,
        booker: c.searcher!,
        now: c.now!,
        timeZone: 'Europe/London',
      });
      // SELECT MIN(start) ... WHERE <the documented bounds>
      const starts = s
        .slots!.filter(
          (slot) =>
            slot.serviceId === b.serviceId &&
            slot.priorities.includes(b.priority) &&
            slot.start >= b.earliestStart &&
            (b.startsBefore === null || slot.start < b.startsBefore) &&
            (b.publishedAtOrBefore === null || slot.publishedAt <= b.publishedAtOrBefore) &&
            (slot.status === 'FREE' ||
              (slot.status === 'HELD' &&
                slot.heldUntil != null &&
                slot.heldUntil <= b.holdsLapsedBy)),
        )
        .map((slot) => slot.start.getTime());
      const { slots: _slots, ...rest } = s;
      return {
        ...rest,
        earliestBookableSlotStart: starts.length ? new Date(Math.min(...starts)) : null,
      };
    });
}

const summary = (m: ServiceMatch) => ({
  id: m.service.id,
  distanceKm: m.distanceKm,
  earliest: m.earliestSlotStart?.getTime() ?? null,
  wait: m.indicativeWaitDays,
});

describe('service search properties', () => {
  it('never returns an ineligible service or an unbookable earliest slot', () => {
    fc.assert(
      fc.property(directoryArb, criteriaArb, (directory, c) => {
        for (const match of rankServices(directory, c)) {
          const s = match.service;
          expect(
            isServiceEligible(s, {
              priority: c.priority,
              ageYears: c.patient.ageYears,
              sex: c.patient.sex,
              requestType: c.requestType ?? 'APPOINTMENT_REQUEST',
              today: c.today,
            }),
          ).toBe(true);
          expect(s.specialtyCode).toBe(c.specialtyCode);
          if (c.maxDistanceMiles != null) {
            expect(haversineKm(c.patient.location, s.location)).toBeLessThanOrEqual(
              milesToKm(c.maxDistanceMiles),
            );
          }
          if (c.maxWaitDays != null) expect(match.indicativeWaitDays).not.toBeNull();
          if (c.maxWaitDays != null)
            expect(match.indicativeWaitDays!).toBeLessThanOrEqual(c.maxWaitDays);
          const ctx = {
            service: {
              id: s.id,
              providerOrganisationId: s.providerOrganisationId!,
              bookingPolicy: s.bookingPolicy!,
            },
            priority: c.priority,
            booker: c.searcher!,
            now: c.now!,
            timeZone: 'Europe/London',
          };
          const bookable = s.slots!.filter((slot) => isSlotBookable(slot, ctx));
          if (match.earliestSlotStart === null) {
            expect(bookable).toEqual([]);
          } else {
            const earliest = s.slots!.find(
              (slot) =>
                slot.start.getTime() === match.earliestSlotStart!.getTime() &&
                isSlotBookable(slot, ctx),
            );
            expect(earliest).toBeDefined();
            expect(bookable.every((slot) => slot.start >= match.earliestSlotStart!)).toBe(true);
            expect(match.indicativeWaitDays).toBeGreaterThanOrEqual(0);
            expect(localDate(match.earliestSlotStart, 'Europe/London') >= c.today).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same ranking from index-backed candidates as from the whole directory', () => {
    fc.assert(
      fc.property(directoryArb, criteriaArb, (directory, c) => {
        const everything = rankServices(directory, c).map(summary);
        const indexed = rankServices(indexBackedCandidates(directory, c), c).map(summary);
        expect(indexed).toEqual(everything);
      }),
      { numRuns: 300 },
    );
  });

  it('pages through the same ranking whatever the page size', () => {
    fc.assert(
      fc.property(
        directoryArb,
        criteriaArb,
        fc.integer({ min: 1, max: 7 }),
        (directory, c, size) => {
          const ids: string[] = [];
          let after: string | null = null;
          for (let guard = 0; guard < 100; guard++) {
            const page: Page<ServiceMatch> = searchServices(directory, c, { first: size, after });
            ids.push(...page.edges.map((e) => e.node.service.id));
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          expect(ids).toEqual(rankServices(directory, c).map((m) => m.service.id));
        },
      ),
      { numRuns: 100 },
    );
  });
});

it('sanity: the fixtures’ day is a Tuesday well inside GMT', () => {
  expect(localDate(NOW, 'Europe/London')).toBe(TODAY);
  expect(localDate(daysAfter(NOW, 0), 'UTC')).toBe(TODAY);
});
