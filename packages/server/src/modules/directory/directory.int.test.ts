import { errorMessage, type ErrorCode } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderWithSite, createService } from '../../test/fixtures/directory.js';
import { createOrganisation, createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';

// The patient lives in LS1 4AP, placed at the centre of district LS1 (53.79765, -1.55129).
const LS1 = { latitude: 53.79765, longitude: -1.55129 };
/** A point `km` kilometres due north of LS1 (one degree of latitude is about 111.2 km). */
const north = (km: number) => ({ latitude: LS1.latitude + km / 111.2, longitude: LS1.longitude });

const SEARCH = /* GraphQL */ `
  query Search($input: ServiceSearchInput!, $first: Int, $after: String) {
    searchServices(input: $input, first: $first, after: $after) {
      totalCount
      patientLocation {
        postcode
        precision
        latitude
        longitude
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          distanceKm
          distanceMiles
          service {
            name
            requestFlow
            priorities
            provider {
              name
            }
            site {
              town
            }
            specialty {
              code
            }
            clinicType {
              code
            }
          }
        }
      }
    }
  }
`;

interface SearchData {
  searchServices: {
    totalCount: number;
    patientLocation: { postcode: string; precision: string };
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { distanceKm: number; distanceMiles: number; service: { name: string } };
    }[];
  };
}

const baseInput = {
  patient: { ageYears: 54, sex: 'MALE', postcode: 'ls1 4ap' },
  priority: 'URGENT',
  specialty: 'CARDIOLOGY',
};

describe('searchServices', () => {
  let server: TestServer;
  /** A referring clinician at a GP practice: searching needs a signed-in user. */
  let gp: TestSession;

  beforeAll(async () => {
    server = await startTestServer({
      now: new Date('2026-11-21T10:00:00Z'),
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const near = await createProviderWithSite(em, north(0.5), 'Near Trust');
        const mid = await createProviderWithSite(em, north(10), 'Middle Trust');
        const far = await createProviderWithSite(em, north(60), 'Far Trust');
        await createService(em, near, { name: 'Near Arrhythmia' });
        await createService(em, mid, { name: 'Middle Arrhythmia' });
        await createService(em, far, { name: 'Far Arrhythmia' });
        await createService(em, near, {
          name: 'Near Heart Failure',
          clinicType: 'CARD_HEART_FAILURE',
        });
        await createService(em, near, {
          name: 'Near Triage',
          requestFlow: 'TRIAGE_REQUEST',
          appointmentType: 'ASSESSMENT_SERVICE',
        });
        // Each of these fails exactly one rule for the patient and priority above.
        await createService(em, near, { name: 'Routine only', priorities: ['ROUTINE'] });
        await createService(em, near, { name: 'Women only', sexTreated: 'FEMALE' });
        await createService(em, near, { name: 'Children only', minAgeYears: 0, maxAgeYears: 17 });
        await createService(em, near, { name: 'Ended', effectiveTo: '2026-11-20' });
        await createService(em, near, { name: 'Not yet open', effectiveFrom: '2026-11-22' });
        await createService(em, near, {
          name: 'Dermatology next door',
          specialty: 'DERMATOLOGY',
          clinicType: 'DERM_ACNE',
        });
        await createService(em, near, {
          name: 'Advice only',
          requestFlow: 'ADVICE_AND_GUIDANCE_REQUEST',
        });
        // In effect on its last day: today.
        await createService(em, mid, { name: 'Last day today', effectiveTo: '2026-11-21' });
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        await createUser(em, {
          username: 'gp',
          roles: [{ role: 'REFERRING_CLINICIAN', organisation: practice }],
        });
      },
    });
    gp = await server.signIn('gp', TEST_PASSWORD);
  });

  afterAll(async () => {
    await server?.close();
  });

  const search = (input: Record<string, unknown>, page: { first?: number; after?: string } = {}) =>
    gp.graphql<SearchData>(SEARCH, { input: { ...baseInput, ...input }, ...page });
  const names = (data: SearchData | null | undefined) =>
    data!.searchServices.edges.map((e) => e.node.service.name);

  it('returns only services that accept the priority, treat the patient and are in effect, nearest first', async () => {
    const result = await search({});
    expect(result.errors).toBeUndefined();
    expect(names(result.data)).toEqual([
      'Near Arrhythmia',
      'Near Heart Failure',
      'Near Triage',
      'Last day today',
      'Middle Arrhythmia',
      'Far Arrhythmia',
    ]);
    const edges = result.data!.searchServices.edges;
    expect(edges[0]!.node.distanceKm).toBeCloseTo(0.5, 1);
    expect(edges[5]!.node.distanceKm).toBeCloseTo(60, 0);
    expect(edges[5]!.node.distanceMiles).toBeCloseTo(60 / 1.609344, 0);
    expect(result.data!.searchServices.totalCount).toBe(6);
    expect(result.data!.searchServices.patientLocation).toMatchObject({
      postcode: 'LS1 4AP',
      precision: 'DISTRICT',
    });
  });

  it('offers a routine-only service once the priority is routine', async () => {
    const result = await search({ priority: 'ROUTINE' });
    expect(names(result.data)).toContain('Routine only');
  });

  it('offers sex-specific services only to patients of that sex', async () => {
    const female = await search({ patient: { ...baseInput.patient, sex: 'FEMALE' } });
    expect(names(female.data)).toContain('Women only');
    const unknown = await search({ patient: { ...baseInput.patient, sex: 'UNKNOWN' } });
    expect(names(unknown.data)).not.toContain('Women only');
    expect(names(unknown.data)).toContain('Near Arrhythmia');
  });

  it('offers children’s services by age', async () => {
    const child = await search({ patient: { ...baseInput.patient, ageYears: 9 } });
    expect(names(child.data)).toEqual(['Children only']);
  });

  it('narrows to a clinic type', async () => {
    const result = await search({ clinicType: 'CARD_HEART_FAILURE' });
    expect(names(result.data)).toEqual(['Near Heart Failure']);
  });

  it('drops services beyond the maximum distance', async () => {
    const result = await search({ maxDistanceMiles: 10 });
    expect(names(result.data)).toEqual([
      'Near Arrhythmia',
      'Near Heart Failure',
      'Near Triage',
      'Last day today',
      'Middle Arrhythmia',
    ]);
    const zero = await search({ maxDistanceMiles: 0 });
    expect(zero.data!.searchServices.totalCount).toBe(0);
  });

  it('sorts by name', async () => {
    const result = await search({ sort: 'NAME' });
    expect(names(result.data)).toEqual([
      'Far Arrhythmia',
      'Last day today',
      'Middle Arrhythmia',
      'Near Arrhythmia',
      'Near Heart Failure',
      'Near Triage',
    ]);
  });

  it('searches Advice and Guidance services separately from referral services', async () => {
    const result = await search({ requestType: 'ADVICE_AND_GUIDANCE_REQUEST' });
    expect(names(result.data)).toEqual(['Advice only']);
  });

  it('pages through results with cursors, without overlap or gaps', async () => {
    const all = names((await search({})).data);
    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await search({}, { first: 4, ...(after ? { after } : {}) });
      expect(page.errors).toBeUndefined();
      seen.push(...names(page.data));
      expect(page.data!.searchServices.totalCount).toBe(all.length);
      if (!page.data!.searchServices.pageInfo.hasNextPage) break;
      after = page.data!.searchServices.pageInfo.endCursor!;
    }
    expect(seen).toEqual(all);
  });

  it('refuses a cursor issued for another sort order', async () => {
    const first = await search({}, { first: 2 });
    const result = await search(
      { sort: 'NAME' },
      { after: first.data!.searchServices.pageInfo.endCursor! },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_CURSOR',
      field: 'after',
    });
  });

  it.each([
    [{ specialty: 'ASTROLOGY' }, 'UNKNOWN_SPECIALTY', 'specialty'],
    [{ clinicType: 'DERM_ACNE' }, 'CLINIC_TYPE_NOT_IN_SPECIALTY', 'clinicType'],
    [{ clinicType: 'NOT_A_CLINIC' }, 'UNKNOWN_CLINIC_TYPE', 'clinicType'],
    [{ maxDistanceMiles: -1 }, 'INVALID_DISTANCE', 'maxDistanceMiles'],
    [
      { patient: { ...baseInput.patient, postcode: 'LS1' } },
      'INVALID_POSTCODE',
      'patient.postcode',
    ],
    [
      { patient: { ...baseInput.patient, postcode: 'QQ1 1QQ' } },
      'UNKNOWN_POSTCODE',
      'patient.postcode',
    ],
    [{ patient: { ...baseInput.patient, ageYears: -2 } }, 'INVALID_AGE', 'ageYears'],
  ] as [Record<string, unknown>, ErrorCode, string][])(
    'refuses bad input %j with a typed error',
    async (input, code, field) => {
      const result = await search(input);
      expect(result.data).toBeNull();
      const error = result.errors?.[0];
      // The plain-English message from the shared catalogue, and nothing internal.
      expect(error?.message).toBe(errorMessage(code));
      expect(error?.extensions).toEqual({ code, field });
    },
  );

  it.each([0, 101])('refuses a page size of %i', async (first) => {
    const result = await search({}, { first });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_PAGE_SIZE');
  });

  it('refuses to search for a signed-out client', async () => {
    const signedOut = await server.graphql(SEARCH, { input: baseInput });
    expect(signedOut.data).toBeNull();
    expect(signedOut.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(signedOut.errors?.[0]?.message).toBe(errorMessage('UNAUTHENTICATED'));
  });

  it('lists the reference data the search form needs, to anyone (it is public)', async () => {
    const result = await server.graphql<{
      specialties: { code: string; name: string }[];
      clinicTypes: { code: string; name: string }[];
    }>(`{ specialties { code name } clinicTypes(specialty: "CARDIOLOGY") { code name } }`);
    expect(result.data!.specialties.length).toBeGreaterThanOrEqual(15);
    expect(result.data!.specialties.map((s) => s.code)).toContain('CARDIOLOGY');
    expect(result.data!.clinicTypes.map((c) => c.code)).toEqual(
      expect.arrayContaining(['CARD_ARRHYTHMIA', 'CARD_HEART_FAILURE']),
    );
    expect(result.data!.clinicTypes.every((c) => c.code.startsWith('CARD_'))).toBe(true);
  });
});
