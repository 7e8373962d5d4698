import { WITH_CLINICAL_INFORMATION } from '../../test/fixtures/clinical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { act, showcase, slotsFor } from '../../test/referral-client.js';
import { startTestServer, type TestServer, type TestSession } from '../../test/test-server.js';

// A Monday morning; the demo data places slots from tomorrow for six weeks.
const NOW = new Date('2026-11-23T09:30:00Z');

const FORM_FIELDS = /* GraphQL */ `
  query AllowedActionForms($ubrn: ID!) {
    referral(ubrn: $ubrn) {
      state
      version
      allowedActions {
        action
        serviceIds
        mayRedirect
        redirectFromServiceId
        redirectReasons {
          code
          name
          commentMandatory
        }
        reasons {
          code
          name
          commentMandatory
        }
        comment
        newPriorities
        newPriorityOnlyWithReason
        pasAnswerRequired
      }
    }
  }
`;

interface Reason {
  code: string;
  name: string;
  commentMandatory: boolean;
}
interface ActionForm {
  action: string;
  serviceIds: string[];
  mayRedirect: boolean;
  redirectFromServiceId: string | null;
  redirectReasons: Reason[];
  reasons: Reason[];
  comment: string;
  newPriorities: string[];
  newPriorityOnlyWithReason: string | null;
  pasAnswerRequired: boolean;
}

/**
 * `allowedActions` gives a form everything it needs, as the domain decides it: a form built
 * from it alone asks for a redirect reason exactly when the booking would be refused without
 * one, and offers the reasons and priorities the domain accepts.
 */
describe('allowedActions: what each action’s form needs', () => {
  let server: TestServer;
  let gp: TestSession;
  let consultant: TestSession;
  let providerAdmin: TestSession;
  let places: Awaited<ReturnType<typeof showcase>>;

  beforeAll(async () => {
    server = await startTestServer({ now: NOW, seedDemo: true });
    places = await showcase(server.db.orm.em.fork());
    gp = await server.signInAs('REFERRING_CLINICIAN', { username: 'rc.leeds' });
    consultant = await server.signInAs('SERVICE_PROVIDER_CLINICIAN', { username: 'spc.leeds' });
    providerAdmin = await server.signInAs('SERVICE_PROVIDER_ADMIN', { username: 'spa.leeds' });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  const forms = async (who: TestSession, ubrn: string) => {
    const result = await who.graphql<{
      referral: { state: string; version: number; allowedActions: ActionForm[] };
    }>(FORM_FIELDS, { ubrn });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const referral = result.data!.referral;
    const form = (action: string) => {
      const found = referral.allowedActions.find((a) => a.action === action);
      expect(found, `${action} offered in ${referral.state}`).toBeDefined();
      return found!;
    };
    return { ...referral, form };
  };

  const create = (serviceIds: string[], priority = 'ROUTINE') =>
    act(gp, 'createReferral', {
      patientId: places.margaret.id,
      priority,
      serviceIds,
      // No letter to follow: while one is outstanding the provider cannot accept (or book
      // straight to accepted), and these tests are about the forms of a reviewable referral.
      letterStatus: 'NOT_INTENDING_TO_ADD',
      ...WITH_CLINICAL_INFORMATION,
    });

  it('booking from Awaiting Triage asks no redirect reason, and the booking needs none', async () => {
    const created = await create([places.triage.id, places.arrhythmia.id], 'URGENT');
    const { ubrn } = created.referral;
    await act(gp, 'sendForTriage', { ubrn, serviceId: places.triage.id });

    const seen = await forms(consultant, ubrn);
    expect(seen.state).toBe('AWAITING_TRIAGE');
    const book = seen.form('BOOK');
    expect(book).toMatchObject({
      mayRedirect: true,
      redirectFromServiceId: null,
      reasons: [],
      comment: 'BY_REASON',
      newPriorities: [],
    });
    expect(book.serviceIds).toContain(places.arrhythmia.id);
    // The consultant may still move it elsewhere later, so the redirect reasons come with names.
    expect(book.redirectReasons).toContainEqual({
      code: 'REDIRECTED_APPROPRIATE_CLINIC',
      name: 'More appropriate clinic',
      commentMandatory: false,
    });

    const triage = seen.form('RECORD_TRIAGE_OUTCOME');
    expect(triage.reasons.map((r) => r.code)).toEqual([
      'ACCEPT_REFER_BOOK_LATER',
      'RETURN_TO_REFERRER_WITH_ADVICE',
    ]);
    expect(triage.reasons[0]!.name).toBe('Accept, refer or book later');
    expect(triage).toMatchObject({
      comment: 'REQUIRED',
      newPriorities: ['TWO_WEEK_WAIT', 'ROUTINE'],
      newPriorityOnlyWithReason: 'ACCEPT_REFER_BOOK_LATER',
      redirectFromServiceId: null,
    });

    // And the domain agrees: booking into the clinic without a redirect reason succeeds.
    const slots = await slotsFor(consultant, ubrn, places.arrhythmia.id);
    const booked = await act(consultant, 'bookAppointment', {
      ubrn,
      slotId: slots.edges[0]!.node.id,
      expectedVersion: seen.version,
    });
    expect(booked.referral.state).toBe('ACCEPTED');
  });

  it('rebooking an appointment request elsewhere needs a redirect reason; the same service does not', async () => {
    const created = await create([places.heartFailure.id]);
    const { ubrn } = created.referral;
    await act(gp, 'deferToProvider', {
      ubrn,
      serviceId: places.heartFailure.id,
      expectedVersion: created.referral.version,
    });

    const admin = await forms(providerAdmin, ubrn);
    expect(admin.state).toBe('DEFERRED_TO_PROVIDER');
    const book = admin.form('BOOK');
    expect(book).toMatchObject({
      mayRedirect: true,
      redirectFromServiceId: places.heartFailure.id,
      reasons: [],
    });
    expect(book.redirectReasons.map((r) => r.code)).toContain('REDIRECTED_OTHER');
    expect(book.redirectReasons.find((r) => r.code === 'REDIRECTED_OTHER')).toMatchObject({
      name: 'Other',
      commentMandatory: true,
    });

    // The referrer never redirects, so is never asked.
    const referrer = await forms(gp, ubrn);
    expect(referrer.allowedActions.find((a) => a.action === 'CANCEL_REFERRAL')).toMatchObject({
      redirectFromServiceId: null,
      redirectReasons: [],
      comment: 'BY_REASON',
    });
    expect(
      referrer.form('CANCEL_REFERRAL').reasons.find((r) => r.code === 'RAISED_IN_ERROR'),
    ).toMatchObject({ name: expect.any(String) });
  });

  it('a booked referral: the review actions say what they need', async () => {
    const created = await create([places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const slots = await slotsFor(gp, ubrn, places.arrhythmia.id);
    await act(gp, 'bookAppointment', {
      ubrn,
      slotId: slots.edges[0]!.node.id,
      expectedVersion: created.referral.version,
    });
    const review = await forms(consultant, ubrn);
    expect(review.form('ACCEPT')).toMatchObject({ comment: 'OPTIONAL', reasons: [] });
    expect(review.form('CANCEL_APPOINTMENT_ACTION_LATER')).toMatchObject({
      comment: 'REQUIRED',
      newPriorities: ['TWO_WEEK_WAIT', 'URGENT'],
      newPriorityOnlyWithReason: null,
      pasAnswerRequired: false,
    });
    const reject = review.form('REJECT');
    expect(reject.comment).toBe('BY_REASON');
    expect(reject.reasons.length).toBeGreaterThan(0);
    expect(reject.reasons.every((r) => r.name !== r.code)).toBe(true);
  });
});
