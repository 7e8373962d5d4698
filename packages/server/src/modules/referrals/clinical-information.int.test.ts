import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../audit/index.js';
import { WorklistEntryRecord } from '../worklists/index.js';
import { SESSION_COOKIE } from '../../http/session-cookie.js';
import {
  act,
  allowed,
  readReferral,
  showcase,
  slotsFor,
  MUTATIONS,
  REFERRAL_FIELDS,
} from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';
import { UPLOAD_HEADER } from './index.js';
import { Referral } from './referral.entity.js';

// Monday 23 November 2026: a routine letter to follow is due by Thursday 26 November at the latest.
const NOW = new Date('2026-11-23T09:30:00Z');

const ONWARD = /* GraphQL */ `
  mutation O($input: OnwardReferralInput!) {
    createOnwardReferral(input: $input) {
      referral {
        ...ReferralFields
      }
    }
  }
  ${REFERRAL_FIELDS}
`;

const ATTACH = /* GraphQL */ `
  mutation A($input: AttachReferralLetterInput!) {
    attachReferralLetter(input: $input) {
      referral {
        ...ReferralFields
      }
    }
  }
  ${REFERRAL_FIELDS}
`;

/**
 * Issue 11, items 1 and 2, through the API on this run's database: a referral needs clinical
 * information, an attached letter or a letter to follow by a due date; a provider cannot accept
 * while that letter is outstanding, and can once it is attached.
 */
describe('clinical information on a referral', () => {
  let server: TestServer;
  let gp: TestSession;
  let consultant: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  /** What a refused create must leave untouched: referrals, their worklist rows, audit lines. */
  const written = async () => {
    const em = server.db.orm.em.fork();
    return {
      referrals: await em.count(Referral, {}),
      worklistEntries: await em.count(WorklistEntryRecord, {}),
      auditLines: await em.count(AuditEvent, { action: 'CREATE_REFERRAL' }),
    };
  };

  const input = (extra: Record<string, unknown>) => ({
    patientId: places.margaret.id,
    priority: 'ROUTINE',
    serviceIds: [places.arrhythmia.id],
    ...extra,
  });

  it.each([
    [
      'no clinical information and no letter',
      { letterStatus: 'NOT_INTENDING_TO_ADD' },
      'CLINICAL_INFORMATION_REQUIRED',
      'clinicalInformation',
    ],
    [
      'blank clinical information',
      { letterStatus: 'NOT_INTENDING_TO_ADD', clinicalInformation: '  \n ' },
      'CLINICAL_INFORMATION_REQUIRED',
      'clinicalInformation',
    ],
    ['"attached" with no letter', { letterStatus: 'ATTACHED' }, 'LETTER_REQUIRED', 'documentIds'],
    [
      'a letter due in the past',
      { letterStatus: 'NEED_TO_ADD_LATER', letterDueDate: '2026-11-20' },
      'LETTER_DUE_DATE_IN_PAST',
      'letterDueDate',
    ],
    [
      'a letter due later than a routine referral allows',
      { letterStatus: 'NEED_TO_ADD_LATER', letterDueDate: '2026-11-27' },
      'LETTER_DUE_DATE_TOO_LATE',
      'letterDueDate',
    ],
  ])(
    'refuses a referral with %s, naming the field, and writes nothing',
    async (_, extra, code, field) => {
      const before = await written();
      const result = await gp.graphql(MUTATIONS.createReferral, { input: input(extra) });
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions).toMatchObject({ code, field });
      expect(result.errors![0]!.message).not.toMatch(/internal|unexpected/i);
      expect(await written()).toEqual(before);
    },
  );

  it('accepts a letter to follow by a date the GP chooses, within the limit', async () => {
    const created = await act(
      gp,
      'createReferral',
      input({ letterStatus: 'NEED_TO_ADD_LATER', letterDueDate: '2026-11-25' }),
    );
    const read = await gp.graphql<{ referral: { letterDueDate: string; letterDueAt: string } }>(
      'query ($ubrn: ID!) { referral(ubrn: $ubrn) { letterDueDate letterDueAt } }',
      { ubrn: created.referral.ubrn },
    );
    expect(read.data?.referral).toEqual({
      letterDueDate: '2026-11-25',
      letterDueAt: '2026-11-26T00:00:00.000Z',
    });
  });

  it('refuses to accept while the letter is outstanding, and accepts once the GP attaches it', async () => {
    const created = await act(
      gp,
      'createReferral',
      input({ letterStatus: 'NEED_TO_ADD_LATER', clinicalInformation: null }),
    );
    const { ubrn } = created.referral;
    const slotId = (await slotsFor(gp, ubrn, places.arrhythmia.id)).edges[0]!.node.id;
    await act(gp, 'bookAppointment', { ubrn, slotId });

    const forReview = await readReferral(consultant, ubrn);
    expect(forReview.state).toBe('BOOKED');
    // Not offered, and refused if asked anyway, with nothing changed.
    expect(allowed(forReview)).not.toContain('ACCEPT');
    expect(allowed(forReview)).toContain('REJECT');
    const refusal = await consultant.graphql(MUTATIONS.acceptReferral, { input: { ubrn } });
    expect(refusal.data ?? null).toBeNull();
    expect(refusal.errors![0]!.extensions).toMatchObject({
      code: 'REFERRAL_LETTER_OUTSTANDING',
      details: { letterDueDate: '2026-11-26' },
    });
    expect(refusal.errors![0]!.message).toMatch(/letter has not arrived/);
    expect((await readReferral(consultant, ubrn)).version).toBe(forReview.version);

    // The GP uploads and attaches the letter (A012).
    const form = new FormData();
    form.append('file', new Blob(['Referral letter'], { type: 'text/plain' }), 'letter.txt');
    const uploaded = await fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${gp.token}`, [UPLOAD_HEADER]: '1' },
      body: form,
    });
    expect(uploaded.status).toBe(201);
    const { id } = (await uploaded.json()) as { id: string };
    const attached = await gp.graphql(ATTACH, { input: { ubrn, documentIds: [id] } });
    expect(attached.errors).toBeUndefined();

    const withLetter = await readReferral(consultant, ubrn);
    expect(withLetter.letterStatus).toBe('ATTACHED');
    expect(allowed(withLetter)).toContain('ACCEPT');
    const accepted = await act(consultant, 'acceptReferral', { ubrn });
    expect(accepted.referral.state).toBe('ACCEPTED');
  });

  it('refuses an onward referral with no clinical information, and changes nothing', async () => {
    const created = await act(
      gp,
      'createReferral',
      input({ letterStatus: 'NOT_INTENDING_TO_ADD', clinicalInformation: 'Palpitations.' }),
    );
    const { ubrn } = created.referral;
    const slotId = (await slotsFor(gp, ubrn, places.arrhythmia.id)).edges[0]!.node.id;
    await act(gp, 'bookAppointment', { ubrn, slotId });
    const parent = await readReferral(consultant, ubrn);
    const before = await written();
    const result = await consultant.graphql(ONWARD, {
      input: {
        ubrn,
        serviceIds: [places.heartFailure.id],
        priority: 'ROUTINE',
        letterStatus: 'NOT_INTENDING_TO_ADD',
      },
    });
    expect(result.data ?? null).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({
      code: 'CLINICAL_INFORMATION_REQUIRED',
      field: 'clinicalInformation',
    });
    expect(await written()).toEqual(before);
    expect((await readReferral(consultant, ubrn)).version).toBe(parent.version);
  });
});
