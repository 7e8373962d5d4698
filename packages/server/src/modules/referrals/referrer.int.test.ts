import type { Actor } from '@open-ers/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/fixtures/identity.js';
import { showcase } from '../../test/referral-client.js';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { workflowServices } from '../../test/workflow-services.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';

const NOW = new Date('2026-11-23T09:00:00Z');

const REFERRAL = /* GraphQL */ `
  query R($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      referrer {
        clinicianName
        clinicianRole
        actingAdminName
        actingAdminRole
      }
      history {
        action
        userName
        onBehalfOfName
      }
    }
  }
`;

const WORKLIST = /* GraphQL */ `
  {
    worklist(worklist: APPOINTMENT_SLOT_ISSUES, first: 50) {
      edges {
        node {
          ubrn
          referrer {
            clinicianName
            clinicianRole
            actingAdminName
            actingAdminRole
          }
        }
      }
    }
  }
`;

interface Referrer {
  clinicianName: string | null;
  clinicianRole: string;
  actingAdminName: string | null;
  actingAdminRole: string | null;
}
interface ReferralData {
  referral: {
    referrer: Referrer | null;
    history: { action: string; userName: string | null; onBehalfOfName: string | null }[];
  };
}

const BY_ADMIN: Referrer = {
  clinicianName: 'Dr Asha Patel',
  clinicianRole: 'REFERRING_CLINICIAN',
  actingAdminName: 'Tom Hughes',
  actingAdminRole: 'REFERRING_CLINICIAN_ADMIN',
};
const BY_CLINICIAN: Referrer = {
  clinicianName: 'Dr Asha Patel',
  clinicianRole: 'REFERRING_CLINICIAN',
  actingAdminName: null,
  actingAdminRole: null,
};

/** Issue 11 item 3: the hospital side is told who referred the patient, not just the practice. */
describe('the referring clinician', () => {
  let server: TestServer;
  let byAdmin: string;
  let byClinician: string;
  let analystUsername: string;
  let adviceByAdmin: string;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    const em = server.db.orm.em.fork();
    const places = await showcase(em);
    const practice = await em.findOneOrFail(Organisation, { odsCode: 'A80000' });
    const rc = await em.findOneOrFail(User, { username: 'rc.leeds' });
    const rca = await em.findOneOrFail(User, { username: 'rca.leeds' });
    const clinician: Actor = {
      userId: rc.id,
      role: 'REFERRING_CLINICIAN',
      organisationId: practice.id,
    };
    // The clinician admin makes a referral naming Dr Patel, as the demo's Tom Hughes does.
    const admin: Actor = {
      userId: rca.id,
      role: 'REFERRING_CLINICIAN_ADMIN',
      organisationId: practice.id,
      onBehalfOfUserId: rc.id,
    };
    const { referrals, commands, advice } = workflowServices(server.db.orm, NOW);
    const make = async (actor: Actor) => {
      const created = await referrals.create(
        {
          patientId: places.margaret.id,
          priority: 'ROUTINE',
          serviceIds: [places.heartFailure.id],
          letterStatus: 'NOT_INTENDING_TO_ADD',
          clinicalInformation: 'Breathless on exertion for three months.',
        },
        actor,
      );
      // Deferred to the Leeds trust: it reaches the provider's Appointment Slot Issues list.
      await commands.deferToProvider(
        created.referral.ubrn,
        actor,
        { serviceId: places.heartFailure.id },
        {},
      );
      return created.referral.ubrn;
    };
    byAdmin = await make(admin);
    // An Advice and Guidance request made by the admin for Dr Patel.
    adviceByAdmin = (
      await advice.create(
        {
          patientId: places.david.id,
          serviceId: places.advice.id,
          priority: 'ROUTINE',
          request: 'Would you start an ACE inhibitor?',
          providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
        },
        admin,
      )
    ).snapshot.ubrn;
    byClinician = await make(clinician);
    // An information analyst at the practice: a party to its referrals, but not shown staff.
    analystUsername = (
      await createUser(em, {
        displayName: 'Ida Analyst',
        roles: [{ role: 'INFORMATION_ANALYST', organisation: practice }],
      })
    ).username;
  }, 180_000);

  afterAll(async () => {
    await server?.close();
  });

  it('names the clinician and the admin who acted for them to provider clinicians and admins', async () => {
    for (const [role, username] of [
      ['SERVICE_PROVIDER_CLINICIAN', 'spc.leeds'],
      ['SERVICE_PROVIDER_CLINICIAN_ADMIN', 'spca.leeds'],
      ['SERVICE_PROVIDER_ADMIN', 'spa.leeds'],
    ] as const) {
      const session = await server.signInAs(role, { username });
      const admin = await session.graphql<ReferralData>(REFERRAL, { ubrn: byAdmin });
      expect(admin.errors, role).toBeUndefined();
      expect(admin.data!.referral.referrer, role).toEqual(BY_ADMIN);
      const clinician = await session.graphql<ReferralData>(REFERRAL, { ubrn: byClinician });
      expect(clinician.data!.referral.referrer, role).toEqual(BY_CLINICIAN);
    }
  });

  it('names them to the referring practice, its admins included', async () => {
    for (const role of ['REFERRING_CLINICIAN', 'REFERRING_ADMIN'] as const) {
      const session = await server.signInAs(role);
      const result = await session.graphql<ReferralData>(REFERRAL, { ubrn: byAdmin });
      expect(result.data!.referral.referrer, role).toEqual(BY_ADMIN);
    }
  });

  it('names who made the referral, and for whom, in the history', async () => {
    const session = await server.signInAs('SERVICE_PROVIDER_ADMIN');
    const result = await session.graphql<ReferralData>(REFERRAL, { ubrn: byAdmin });
    expect(result.data!.referral.history[0]).toEqual({
      action: 'CREATE_REFERRAL',
      userName: 'Tom Hughes',
      onBehalfOfName: 'Dr Asha Patel',
    });
  });

  it('does not name staff to a party whose role is not shown them (an analyst)', async () => {
    const session = await server.signIn(analystUsername, TEST_PASSWORD);
    const result = await session.graphql<ReferralData & { referral: { accessLevel: string } }>(
      REFERRAL.replace('referrer {', 'accessLevel\n      referrer {'),
      { ubrn: byAdmin },
    );
    // The analyst sees the referral (administrative facts), but nobody's name.
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.accessLevel).toBe('ADMINISTRATIVE');
    expect(result.data!.referral.referrer).toBeNull();
    expect(result.data!.referral.history.length).toBeGreaterThan(0);
    for (const entry of result.data!.referral.history) {
      expect(entry.userName).toBeNull();
      expect(entry.onBehalfOfName).toBeNull();
    }
  });

  it('names the referrer on every worklist row', async () => {
    const session = await server.signInAs('SERVICE_PROVIDER_ADMIN');
    const result = await session.graphql<{
      worklist: { edges: { node: { ubrn: string; referrer: Referrer | null } }[] };
    }>(WORKLIST);
    expect(result.errors).toBeUndefined();
    const rows = new Map(result.data!.worklist.edges.map((e) => [e.node.ubrn, e.node.referrer]));
    expect(rows.get(byAdmin)).toEqual(BY_ADMIN);
    expect(rows.get(byClinician)).toEqual(BY_CLINICIAN);
  });

  it('names who asked for advice, and the admin who sent the request, on the advice worklist', async () => {
    const session = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
    const result = await session.graphql<{
      worklist: { edges: { node: { ubrn: string; referrer: Referrer | null } }[] };
    }>(WORKLIST.replace('APPOINTMENT_SLOT_ISSUES', 'ADVICE_AND_GUIDANCE_REQUESTS'));
    expect(result.errors).toBeUndefined();
    const row = result.data!.worklist.edges.find((e) => e.node.ubrn === adviceByAdmin);
    expect(row?.node.referrer).toEqual(BY_ADMIN);
  });
});
