import type { Actor } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { decodeSnapshot, Referral } from '../referrals/index.js';
import { createProviderWithSite, serviceDefinitionInput } from '../../test/fixtures/directory.js';
import { createOrganisation, createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { actorAt, createPatient, createSlots } from '../../test/fixtures/workflow.js';
import {
  startTestServer,
  type GraphQLResponse,
  type TestServer,
  type TestSession,
} from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { Service } from './service.entity.js';
import { ServiceVersion } from './service-version.entity.js';
import type { Organisation } from './organisation.entity.js';
import type { Site } from './site.entity.js';
import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';

const START = new Date('2026-11-21T10:00:00Z');
const DAY = 86_400_000;
// The patient's postcode district LS1 is centred here; the sites are half a kilometre north.
const NEAR_LS1 = { latitude: 53.79765 + 0.5 / 111.2, longitude: -1.55129, postcode: 'LS1 5DQ' };

const DEFINED_FIELDS = /* GraphQL */ `
  fragment Defined on DefinedService {
    id
    lifecycleStatus
    draft
    namedClinicians {
      id
      name
    }
    bookingWindows {
      priority
      opensHoursAhead
      closesDaysAhead
    }
    slotIssuePolicy
    offerHoldHours
    publicationWeeks
    freeSlotCount
    slotIssueCount
    service {
      id
      name
      version
      priorities
      effectiveFrom
      effectiveTo
      site {
        id
        name
      }
      clinicType {
        code
      }
    }
    versions {
      version
      kind
      changedByName
      changes {
        field
        label
        from
        to
      }
    }
  }
`;

interface Defined {
  id: string;
  lifecycleStatus: string;
  draft: boolean;
  namedClinicians: { id: string; name: string }[];
  bookingWindows: { priority: string; opensHoursAhead: number; closesDaysAhead: number }[];
  slotIssuePolicy: string;
  offerHoldHours: number;
  publicationWeeks: number;
  freeSlotCount: number;
  slotIssueCount: number;
  service: {
    id: string;
    name: string;
    version: number;
    priorities: string[];
    effectiveFrom: string;
    effectiveTo: string | null;
    site: { id: string; name: string };
    clinicType: { code: string };
  };
  versions: {
    version: number;
    kind: string;
    changedByName: string;
    changes: { field: string; label: string; from: string | null; to: string | null }[];
  }[];
}

const CREATE = /* GraphQL */ `
  mutation Create($input: ServiceDefinitionInput!, $draft: Boolean!) {
    createService(input: $input, draft: $draft) {
      ...Defined
    }
  }
  ${DEFINED_FIELDS}
`;
const AMEND = /* GraphQL */ `
  mutation Amend($id: ID!, $expectedVersion: Int!, $input: ServiceDefinitionInput!) {
    amendService(id: $id, expectedVersion: $expectedVersion, input: $input) {
      ...Defined
    }
  }
  ${DEFINED_FIELDS}
`;
const PUBLISH = /* GraphQL */ `
  mutation Publish($id: ID!, $expectedVersion: Int!) {
    publishService(id: $id, expectedVersion: $expectedVersion) {
      ...Defined
    }
  }
  ${DEFINED_FIELDS}
`;
const RETIRE = /* GraphQL */ `
  mutation Retire($id: ID!, $expectedVersion: Int!, $effectiveTo: LocalDate!) {
    retireService(id: $id, expectedVersion: $expectedVersion, effectiveTo: $effectiveTo) {
      ...Defined
    }
  }
  ${DEFINED_FIELDS}
`;
const ONE = /* GraphQL */ `
  query One($id: ID!) {
    definedService(id: $id) {
      ...Defined
    }
  }
  ${DEFINED_FIELDS}
`;
const LIST = /* GraphQL */ `
  query List($status: ServiceLifecycleStatus, $text: String) {
    definedServices(status: $status, text: $text) {
      id
      lifecycleStatus
      service {
        name
      }
    }
  }
`;
const SITE_FIELDS = 'id odsCode name addressLine town postcode latitude longitude';
const SITES = `{ organisationSites { ${SITE_FIELDS} } }`;
const CREATE_SITE = /* GraphQL */ `
  mutation CreateSite($input: SiteInput!) {
    createSite(input: $input) { ${SITE_FIELDS} }
  }
`;
const AMEND_SITE = /* GraphQL */ `
  mutation AmendSite($id: ID!, $input: SiteInput!) {
    amendSite(id: $id, input: $input) { ${SITE_FIELDS} }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($input: ServiceSearchInput!) {
    searchServices(input: $input, first: 50) {
      edges {
        node {
          earliestSlotStart
          service {
            id
            name
            version
          }
        }
      }
    }
  }
`;

type Result<T> = GraphQLResponse<T>;
const codeOf = (result: Result<unknown>) => result.errors?.[0]?.extensions?.code;
const fieldErrorsOf = (result: Result<unknown>) =>
  (
    (result.errors?.[0]?.extensions?.details?.fieldErrors ?? []) as {
      field: string;
      code: string;
      message: string;
    }[]
  ).map((e) => `${e.field}:${e.code}`);

describe('service definers maintain the Directory of Services', () => {
  let now = START;
  let server: TestServer;
  let sd: TestSession;
  let otherSd: TestSession;
  let spa: TestSession;
  let gp: TestSession;
  let providerA: { provider: Organisation; site: Site };
  let providerB: { provider: Organisation; site: Site };
  let gpActor: Actor;
  let patientId: string;
  /** The service the journey below creates, publishes, amends and retires. */
  let serviceId: string;
  let ubrn: string;
  let heartFailureId: string;

  const input = serviceDefinitionInput;

  const search = async () => {
    const result = await gp.graphql<{
      searchServices: {
        edges: {
          node: {
            earliestSlotStart: string | null;
            service: { id: string; name: string; version: number };
          };
        }[];
      };
    }>(SEARCH, {
      input: {
        patient: { ageYears: 54, sex: 'FEMALE', postcode: 'LS1 4AP' },
        priority: 'URGENT',
        specialty: 'CARDIOLOGY',
      },
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.searchServices.edges.map((e) => e.node);
  };
  const read = async (id = serviceId, as = sd) => {
    const result = await as.graphql<{ definedService: Defined }>(ONE, { id });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!.definedService;
  };
  const shortlistVersion = async () => {
    const referral = await server.db.orm.em.fork().findOneOrFail(Referral, { ubrn });
    return decodeSnapshot(referral.snapshot).shortlist.map((e) => e.serviceVersion);
  };

  beforeAll(async () => {
    server = await startTestServer({
      now: START,
      clock: () => now,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        providerA = await createProviderWithSite(em, NEAR_LS1, 'Leeds Teaching Hospitals');
        providerB = await createProviderWithSite(em, NEAR_LS1, 'Bradford Teaching Hospitals');
        await createUser(em, {
          username: 'sd',
          displayName: 'Rachel Green',
          roles: [{ role: 'SERVICE_DEFINER', organisation: providerA.provider }],
        });
        await createUser(em, {
          username: 'sd.other',
          roles: [{ role: 'SERVICE_DEFINER', organisation: providerB.provider }],
        });
        await createUser(em, {
          username: 'spa',
          roles: [{ role: 'SERVICE_PROVIDER_ADMIN', organisation: providerA.provider }],
        });
        const practice = await createOrganisation(em, 'GP_PRACTICE');
        await createUser(em, {
          username: 'gp',
          roles: [{ role: 'REFERRING_CLINICIAN', organisation: practice }],
        });
        gpActor = actorAt(practice, 'REFERRING_CLINICIAN');
        patientId = (await createPatient(em, practice)).id;
      },
    });
    sd = await server.signIn('sd', TEST_PASSWORD);
    otherSd = await server.signIn('sd.other', TEST_PASSWORD);
    spa = await server.signIn('spa', TEST_PASSWORD);
    gp = await server.signIn('gp', TEST_PASSWORD);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('creates a draft as version 1, which search never offers and nobody can refer to', async () => {
    const result = await sd.graphql<{ createService: Defined }>(CREATE, {
      input: input(providerA.site.id),
      draft: true,
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const created = result.data!.createService;
    serviceId = created.id;
    expect(created).toMatchObject({
      lifecycleStatus: 'DRAFT',
      draft: true,
      namedClinicians: [{ id: 'C100', name: 'Dr Asha Patel' }],
      slotIssuePolicy: 'OFFER',
      freeSlotCount: 0,
      slotIssueCount: 0,
      service: { name: 'Leeds Arrhythmia Clinic', version: 1, priorities: ['URGENT', 'ROUTINE'] },
      versions: [{ version: 1, kind: 'CREATED', changedByName: 'Rachel Green', changes: [] }],
    });
    expect((await search()).map((s) => s.service.id)).not.toContain(serviceId);
    const referrals = workflowServices(server.db.orm, now).referrals;
    await expect(
      referrals.create(
        {
          patientId,
          priority: 'URGENT',
          serviceIds: [serviceId],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          ...WITH_CLINICAL_INFORMATION,
        },
        gpActor,
      ),
    ).rejects.toMatchObject({ code: 'SERVICE_NOT_SUITABLE' });
  });

  it('publishes the draft: search offers it at once, with no earliest slot yet', async () => {
    const result = await sd.graphql<{ publishService: Defined }>(PUBLISH, {
      id: serviceId,
      expectedVersion: 1,
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const published = result.data!.publishService;
    expect(published).toMatchObject({ lifecycleStatus: 'IN_EFFECT', draft: false });
    expect(published.service.version).toBe(2);
    expect(published.versions.map((v) => [v.version, v.kind])).toEqual([
      [2, 'PUBLISHED'],
      [1, 'CREATED'],
    ]);
    expect(published.versions[0]!.changes).toEqual([
      { field: 'draft', label: 'Status', from: 'Draft', to: 'Published' },
    ]);
    const hit = (await search()).find((s) => s.service.id === serviceId);
    expect(hit).toMatchObject({ earliestSlotStart: null, service: { version: 2 } });
    // A second publish changes nothing.
    const again = await sd.graphql(PUBLISH, { id: serviceId, expectedVersion: 2 });
    expect(codeOf(again)).toBe('NO_CHANGES_DETECTED');
  });

  it('records on a referral the version of each service it was made against', async () => {
    const { referrals } = workflowServices(server.db.orm, now);
    const made = await referrals.create(
      {
        patientId,
        priority: 'URGENT',
        serviceIds: [serviceId],
        letterStatus: 'NOT_INTENDING_TO_ADD',
        ...WITH_CLINICAL_INFORMATION,
      },
      gpActor,
    );
    ubrn = made.referral.ubrn;
    expect(await shortlistVersion()).toEqual([2]);
  });

  it('amends the service as a new version with its differences, seen by search at once', async () => {
    const result = await sd.graphql<{ amendService: Defined }>(AMEND, {
      id: serviceId,
      expectedVersion: 2,
      input: input(providerA.site.id, {
        name: '  Leeds Heart Rhythm Clinic ',
        priorities: ['TWO_WEEK_WAIT', 'URGENT', 'ROUTINE'],
        bookingWindows: [{ priority: 'URGENT', opensHoursAhead: 2, closesDaysAhead: 13 }],
      }),
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const amended = result.data!.amendService;
    expect(amended.service).toMatchObject({ name: 'Leeds Heart Rhythm Clinic', version: 3 });
    expect(amended.bookingWindows).toEqual([
      { priority: 'URGENT', opensHoursAhead: 2, closesDaysAhead: 13 },
    ]);
    expect(amended.versions.map((v) => v.kind)).toEqual(['AMENDED', 'PUBLISHED', 'CREATED']);
    expect(amended.versions[0]).toMatchObject({ version: 3, changedByName: 'Rachel Green' });
    expect(amended.versions[0]!.changes).toEqual([
      {
        field: 'name',
        label: 'Service name',
        from: 'Leeds Arrhythmia Clinic',
        to: 'Leeds Heart Rhythm Clinic',
      },
      {
        field: 'priorities',
        label: 'Priorities accepted',
        from: 'Urgent, Routine',
        to: 'Two week wait, Urgent, Routine',
      },
      {
        field: 'bookingWindows.URGENT',
        label: 'Booking window: Urgent',
        from: 'From 1 hour to 182 days ahead (the default)',
        to: 'From 2 hours to 13 days ahead',
      },
    ]);
    const hit = (await search()).find((s) => s.service.id === serviceId);
    expect(hit?.service).toMatchObject({ name: 'Leeds Heart Rhythm Clinic', version: 3 });
    // The referral still records the version it was made against.
    expect(await shortlistVersion()).toEqual([2]);
    // The version row holds the whole definition, and the change is in the audit trail.
    const em = server.db.orm.em.fork();
    const row = await em.findOneOrFail(ServiceVersion, { service: serviceId, version: 3 });
    expect(row.definition).toMatchObject({ name: 'Leeds Heart Rhythm Clinic', draft: false });
    expect(await em.count(AuditEvent, { action: 'AMEND_SERVICE' })).toBe(1);
  });

  it('refuses a change made from a stale version and changes nothing', async () => {
    const result = await sd.graphql(AMEND, {
      id: serviceId,
      expectedVersion: 2,
      input: input(providerA.site.id, { name: 'Overwritten' }),
    });
    expect(codeOf(result)).toBe('STALE_VERSION');
    expect(result.errors![0]!.extensions!.details).toEqual({ currentVersion: 3 });
    const current = await read();
    expect(current.service).toMatchObject({ name: 'Leeds Heart Rhythm Clinic', version: 3 });
    expect(current.versions).toHaveLength(3);
  });

  it('refuses an amendment that changes nothing', async () => {
    const result = await sd.graphql(AMEND, {
      id: serviceId,
      expectedVersion: 3,
      input: input(providerA.site.id, {
        name: 'Leeds Heart Rhythm Clinic',
        priorities: ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'],
        bookingWindows: [{ priority: 'URGENT', opensHoursAhead: 2, closesDaysAhead: 13 }],
      }),
    });
    expect(codeOf(result)).toBe('NO_CHANGES_DETECTED');
  });

  it('lists every validation problem with its field', async () => {
    const result = await sd.graphql(AMEND, {
      id: serviceId,
      expectedVersion: 3,
      input: input(providerA.site.id, {
        name: '',
        clinicType: 'DERM_ACNE',
        requestFlow: 'TRIAGE_REQUEST',
        priorities: [],
        minAgeYears: 70,
        maxAgeYears: 60,
        effectiveTo: '2026-10-01',
        reservationDays: 5,
        namedClinicians: [{ id: 'C1', name: '' }],
        offerHoldHours: 500,
      }),
    });
    expect(codeOf(result)).toBe('VALIDATION_FAILED');
    expect(fieldErrorsOf(result)).toEqual([
      'name:NAME_REQUIRED',
      'clinicType:CLINIC_TYPE_NOT_IN_SPECIALTY',
      'bookableType:INVALID_REQUEST_FLOW',
      'maxAgeYears:INVALID_AGE_RANGE',
      'effectiveTo:INVALID_EFFECTIVE_DATES',
      'priorities:PRIORITY_REQUIRED',
      'reservationDays:INVALID_RESERVATION_DAYS',
      'namedClinicians.0:INVALID_NAMED_CLINICIAN',
      'offerHoldHours:INVALID_OFFER_HOURS',
    ]);
    expect((await read()).service.version).toBe(3);
  });

  it("keeps each organisation's services and sites to its own definers", async () => {
    expect(codeOf(await otherSd.graphql(ONE, { id: serviceId }))).toBe('REFERENCE_NOT_FOUND');
    const amend = await otherSd.graphql(AMEND, {
      id: serviceId,
      expectedVersion: 3,
      input: input(providerB.site.id, { name: 'Taken over' }),
    });
    expect(codeOf(amend)).toBe('REFERENCE_NOT_FOUND');
    for (const operation of [PUBLISH, RETIRE]) {
      const result = await otherSd.graphql(operation, {
        id: serviceId,
        expectedVersion: 3,
        effectiveTo: '2027-01-01',
      });
      expect(codeOf(result)).toBe('REFERENCE_NOT_FOUND');
    }
    const list = await otherSd.graphql<{ definedServices: { id: string }[] }>(LIST, {});
    expect(list.data!.definedServices).toEqual([]);
    // Another organisation's site cannot hold a service.
    const create = await otherSd.graphql(CREATE, { input: input(providerA.site.id), draft: true });
    expect(codeOf(create)).toBe('VALIDATION_FAILED');
    expect(fieldErrorsOf(create)).toEqual(['siteId:REFERENCE_NOT_FOUND']);
    const site = await otherSd.graphql(AMEND_SITE, {
      id: providerA.site.id,
      input: {
        odsCode: 'ZZ1',
        name: 'Mine now',
        addressLine: '1 Street',
        town: 'Leeds',
        postcode: 'LS1 5DQ',
      },
    });
    expect(codeOf(site)).toBe('REFERENCE_NOT_FOUND');
    expect((await read()).service.name).toBe('Leeds Heart Rhythm Clinic');
  });

  it('refuses every other role', async () => {
    for (const session of [spa, gp]) {
      expect(codeOf(await session.graphql(LIST, {}))).toBe('FORBIDDEN');
      expect(codeOf(await session.graphql(SITES))).toBe('FORBIDDEN');
      const create = await session.graphql(CREATE, {
        input: input(providerA.site.id),
        draft: false,
      });
      expect(codeOf(create)).toBe('FORBIDDEN');
      expect(codeOf(await session.graphql(PUBLISH, { id: serviceId, expectedVersion: 3 }))).toBe(
        'FORBIDDEN',
      );
    }
  });

  it('counts future free slots', async () => {
    const em = server.db.orm.em.fork();
    const service = await em.findOneOrFail(Service, { id: serviceId });
    await createSlots(em, service, new Date(now.getTime() + 2 * DAY), 3);
    await createSlots(em, service, new Date(now.getTime() - 2 * DAY), 2);
    expect((await read()).freeSlotCount).toBe(3);
  });

  it('filters the organisation’s services by status and text', async () => {
    const live = await sd.graphql<{ createService: Defined }>(CREATE, {
      input: input(providerA.site.id, {
        name: 'Heart Failure Clinic',
        clinicType: 'CARD_HEART_FAILURE',
      }),
      draft: false,
    });
    expect(live.errors, JSON.stringify(live.errors)).toBeUndefined();
    expect(live.data!.createService.lifecycleStatus).toBe('IN_EFFECT');
    heartFailureId = live.data!.createService.id;
    const upcoming = await sd.graphql<{ createService: Defined }>(CREATE, {
      input: input(providerA.site.id, { name: 'Hypertension Clinic', effectiveFrom: '2027-01-04' }),
      draft: false,
    });
    expect(upcoming.data!.createService.lifecycleStatus).toBe('UPCOMING');
    const names = async (variables: Record<string, unknown>) => {
      const result = await sd.graphql<{ definedServices: { service: { name: string } }[] }>(
        LIST,
        variables,
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data!.definedServices.map((d) => d.service.name);
    };
    expect(await names({})).toEqual([
      'Heart Failure Clinic',
      'Hypertension Clinic',
      'Leeds Heart Rhythm Clinic',
    ]);
    expect(await names({ status: 'UPCOMING' })).toEqual(['Hypertension Clinic']);
    // Text matches the name, the site or the clinic type (all three are arrhythmia clinics).
    expect(await names({ text: 'heart rhythm' })).toEqual(['Leeds Heart Rhythm Clinic']);
    expect(await names({ text: 'ARRHYTHMIA' })).toEqual([
      'Hypertension Clinic',
      'Leeds Heart Rhythm Clinic',
    ]);
    expect(await names({ status: 'IN_EFFECT', text: 'clinic' })).toEqual([
      'Heart Failure Clinic',
      'Leeds Heart Rhythm Clinic',
    ]);
  });

  it('lets exactly one of two definers racing from the same version amend the service', async () => {
    const results = await Promise.all(
      ['Heart Failure Clinic (North)', 'Heart Failure Clinic (South)'].map((name) =>
        sd.graphql<{ amendService: Defined }>(AMEND, {
          id: heartFailureId,
          expectedVersion: 1,
          input: input(providerA.site.id, { name, clinicType: 'CARD_HEART_FAILURE' }),
        }),
      ),
    );
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(codeOf)).toEqual(['STALE_VERSION']);
    expect(losers[0]!.errors![0]!.extensions!.details).toEqual({ currentVersion: 2 });
    const current = await read(heartFailureId);
    expect(current.service.name).toBe(winners[0]!.data!.amendService.service.name);
    expect(current.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('retires a service on a date without touching its referrals: ENDING, then RETIRED', async () => {
    const em = server.db.orm.em.fork();
    const referralBefore = await em.findOneOrFail(Referral, { ubrn });

    const past = await sd.graphql(RETIRE, {
      id: serviceId,
      expectedVersion: 3,
      effectiveTo: '2026-11-20',
    });
    expect(codeOf(past)).toBe('VALIDATION_FAILED');
    expect(fieldErrorsOf(past)).toEqual(['effectiveTo:INVALID_EFFECTIVE_DATES']);

    const result = await sd.graphql<{ retireService: Defined }>(RETIRE, {
      id: serviceId,
      expectedVersion: 3,
      effectiveTo: '2026-12-31',
    });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const retired = result.data!.retireService;
    expect(retired).toMatchObject({
      lifecycleStatus: 'ENDING',
      service: { version: 4, effectiveTo: '2026-12-31' },
    });
    expect(retired.versions[0]).toMatchObject({
      kind: 'RETIRED',
      changes: [
        { field: 'effectiveTo', label: 'In effect until', from: null, to: '31 December 2026' },
      ],
    });
    // Still offered up to and including its last day.
    expect((await search()).map((s) => s.service.id)).toContain(serviceId);

    const referralAfter = await em.fork().findOneOrFail(Referral, { ubrn });
    expect(referralAfter.version).toBe(referralBefore.version);
    expect(referralAfter.state).toBe(referralBefore.state);
    expect(await shortlistVersion()).toEqual([2]);

    // A day after its last day it is retired: out of search, and no longer changeable.
    now = new Date(Date.UTC(2027, 0, 1, 10));
    sd = await server.signIn('sd', TEST_PASSWORD);
    gp = await server.signIn('gp', TEST_PASSWORD);
    expect((await read()).lifecycleStatus).toBe('RETIRED');
    expect((await search()).map((s) => s.service.id)).not.toContain(serviceId);
    const amend = await sd.graphql(AMEND, {
      id: serviceId,
      expectedVersion: 4,
      input: input(providerA.site.id, { name: 'Revived' }),
    });
    expect(codeOf(amend)).toBe('SERVICE_RETIRED');
    now = START;
    sd = await server.signIn('sd', TEST_PASSWORD);
    gp = await server.signIn('gp', TEST_PASSWORD);
  });

  describe('sites', () => {
    const siteInput = (overrides: Record<string, unknown> = {}) => ({
      odsCode: 'rr8 99',
      name: 'Chapel Allerton Hospital',
      addressLine: 'Chapeltown Road',
      town: 'Leeds',
      postcode: ' ls1 5dq ',
      ...overrides,
    });

    it('adds a site at its postcode’s coordinates, the postcode in display form', async () => {
      const result = await sd.graphql<{ createSite: Record<string, unknown> }>(CREATE_SITE, {
        input: siteInput({ odsCode: 'RR899' }),
      });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.createSite).toMatchObject({
        odsCode: 'RR899',
        postcode: 'LS1 5DQ',
        latitude: 53.79532,
        longitude: -1.54549,
      });
      const sites = await sd.graphql<{ organisationSites: { odsCode: string }[] }>(SITES);
      expect(sites.data!.organisationSites.map((s) => s.odsCode).sort()).toEqual(
        [providerA.site.odsCode, 'RR899'].sort(),
      );
    });

    it('refuses a postcode that is malformed or not in the postcode data', async () => {
      const malformed = await sd.graphql(CREATE_SITE, {
        input: siteInput({ odsCode: 'RR898', postcode: 'HELLO' }),
      });
      expect(codeOf(malformed)).toBe('VALIDATION_FAILED');
      expect(malformed.errors![0]!.extensions!.field).toBe('postcode');
      expect(fieldErrorsOf(malformed)).toEqual(['postcode:INVALID_POSTCODE']);
      const unknown = await sd.graphql(CREATE_SITE, {
        input: siteInput({ odsCode: 'RR898', postcode: 'LS1 9ZZ' }),
      });
      expect(fieldErrorsOf(unknown)).toEqual(['postcode:UNKNOWN_POSTCODE']);
    });

    it('refuses a site code another site uses, and lists every problem', async () => {
      const taken = await sd.graphql(CREATE_SITE, {
        input: siteInput({ odsCode: providerB.site.odsCode }),
      });
      expect(fieldErrorsOf(taken)).toEqual(['odsCode:SITE_CODE_TAKEN']);
      const many = await sd.graphql(CREATE_SITE, {
        input: siteInput({ odsCode: 'R!', name: ' ', town: 'x'.repeat(101), postcode: 'LS1 9ZZ' }),
      });
      expect(fieldErrorsOf(many)).toEqual([
        'odsCode:INVALID_SITE_CODE',
        'name:NAME_REQUIRED',
        'town:FIELD_TOO_LONG',
        'postcode:UNKNOWN_POSTCODE',
      ]);
    });

    it('amends a site, keeping its own code', async () => {
      const result = await sd.graphql<{ amendSite: { town: string; odsCode: string } }>(
        AMEND_SITE,
        {
          id: providerA.site.id,
          input: siteInput({ odsCode: providerA.site.odsCode, town: 'Leeds 7' }),
        },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.data!.amendSite).toMatchObject({
        odsCode: providerA.site.odsCode,
        town: 'Leeds 7',
      });
      const again = await sd.graphql(AMEND_SITE, {
        id: providerA.site.id,
        input: siteInput({ odsCode: providerA.site.odsCode, town: 'Leeds 7' }),
      });
      expect(codeOf(again)).toBe('NO_CHANGES_DETECTED');
      const em = server.db.orm.em.fork();
      expect(await em.count(AuditEvent, { action: { $in: ['CREATE_SITE', 'AMEND_SITE'] } })).toBe(
        2,
      );
    });
  });
});
