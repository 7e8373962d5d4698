import { WORKLISTS } from '@open-ers/domain';
import { randomUUID } from 'node:crypto';
import { auditAction } from '../modules/audit/index.js';
import { SLOT_MAINTENANCE_USER_ID } from '../modules/slots/system-actors.js';
import { ADVICE_MUTATIONS, ADVICE_QUERY, type AdvicePayloadData } from '../test/advice-client.js';
import {
  BOOKABLE_SLOTS,
  HOLD_SLOT,
  MUTATIONS,
  REFERRAL_QUERY,
  type Payload,
  type ReferralData,
  type showcase,
} from '../test/referral-client.js';
import { actorOf, JourneyStopped, type AuditDriver, type Caller } from './audit-driver.js';
import type { ExpectedLine } from './audit-ledger.js';

/** The people the journeys act as: the Leeds practice and trust, and Bradford's. */
export interface Cast {
  readonly gp: Caller;
  readonly gpAdmin: Caller;
  readonly practiceAdmin: Caller;
  readonly consultant: Caller;
  readonly consultantAdmin: Caller;
  readonly providerAdmin: Caller;
  readonly definer: Caller;
  readonly commissioner: Caller;
  readonly otherGp: Caller;
  readonly otherConsultant: Caller;
}

/** The demo showcase, and the assessment service the harness's definer published. */
type Places = Awaited<ReturnType<typeof showcase>> & { assessmentServiceId: string | null };
type PatientRef = { id: string; nhsNumber: string };

const RELEASE_SLOT = /* GraphQL */ `
  mutation R($input: SlotChoiceInput!) {
    releaseSlot(input: $input)
  }
`;
const SMALL_PAYLOAD = '{ referral { ubrn version state } replayed }';
const smallMutation = (name: string, inputType: string) =>
  `mutation M($input: ${inputType}!) { ${name}(input: $input) ${SMALL_PAYLOAD} }`;
const MORE_MUTATIONS = {
  attachReferralLetter: smallMutation('attachReferralLetter', 'AttachReferralLetterInput'),
  bookIndirectly: smallMutation('bookIndirectly', 'ServiceChoiceInput'),
  recordDidNotAttend: smallMutation('recordDidNotAttend', 'DidNotAttendInput'),
  recordAssessmentOutcome: smallMutation('recordAssessmentOutcome', 'AssessmentOutcomeInput'),
  createOnwardReferral: smallMutation('createOnwardReferral', 'OnwardReferralInput'),
  confirmPasCancellation: smallMutation('confirmPasCancellation', 'ReferralRefInput'),
  acknowledgeReferral: smallMutation('acknowledgeReferral', 'ReferralRefInput'),
} as const;
const PATIENT = 'query P($n: String!) { patient(nhsNumber: $n) { id nhsNumber } }';
const ACCESS_LOG =
  'query L($ubrn: String!, $first: Int) { accessLog(ubrn: $ubrn, first: $first) { action outcome requestId } }';
const WORKLIST = /* GraphQL */ `
  query W($worklist: WorklistCode!, $filter: WorklistFilterInput) {
    worklist(worklist: $worklist, first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          ubrn
        }
      }
    }
  }
`;

/**
 * The journeys: real referral and Advice & Guidance journeys through every mutation, every
 * read of patient data, the documents, slot maintenance and the feed, each call checked for
 * exactly the audit lines it should write.
 */
export class AuditJourneys {
  constructor(
    private readonly driver: AuditDriver,
    private readonly cast: Cast,
    private readonly places: Places,
    /** A word to tell this round's requests apart. */
    private readonly round: string,
    private readonly now: Date,
  ) {}

  /** Runs every journey; a journey that cannot go on is a failure, and the next one runs. */
  async run(): Promise<void> {
    const journeys: [string, () => Promise<void>][] = [
      ['book, accept and cancel', () => this.bookAcceptCancel()],
      ['reject', () => this.reject()],
      ['cancel the appointment and rebook', () => this.cancelAndRebook()],
      ['triage', () => this.triage()],
      ['defer', () => this.defer()],
      ['indirect booking, onward referral and assessment', () => this.assessment()],
      ['cancel in the hospital system later', () => this.pasCancellation()],
      ['did not attend', () => this.didNotAttend()],
      ['advice: ask, more information, advise, close', () => this.adviceConversation()],
      ['advice: convert to a referral', () => this.adviceConversion()],
      ['advice: cancel', () => this.adviceCancel()],
      ['slot maintenance cancels a booked slot', () => this.cancelSlots()],
      ['the slot feed withdraws a booked slot', () => this.feedSlots()],
      ['every worklist', () => this.everyWorklist()],
    ];
    for (const [name, journey] of journeys) {
      try {
        await journey();
      } catch (error) {
        this.driver.ledger.fail(
          `journey "${name}" (${this.round}): ${error instanceof JourneyStopped ? error.message : String(error)}`,
        );
      }
    }
  }

  // ---- referral helpers -------------------------------------------------------------------

  private line(
    caller: Caller,
    operation: string,
    ubrn: string,
    patient: PatientRef,
    extra: Partial<ExpectedLine> = {},
  ): ExpectedLine {
    return {
      action: auditAction(operation),
      outcome: 'SUCCESS',
      ubrn,
      patientId: patient.id,
      ...actorOf(caller),
      ...extra,
    };
  }

  /** A referral mutation that must succeed: one line, or a VIEW_REFERRAL for a replay. */
  private async act(
    caller: Caller,
    name: keyof typeof MUTATIONS | keyof typeof MORE_MUTATIONS,
    input: Record<string, unknown>,
    patient: PatientRef,
  ): Promise<Payload> {
    const document =
      name in MUTATIONS
        ? MUTATIONS[name as keyof typeof MUTATIONS]
        : MORE_MUTATIONS[name as keyof typeof MORE_MUTATIONS];
    const ubrn = typeof input.ubrn === 'string' ? input.ubrn : null;
    const keyed = { idempotencyKey: randomUUID(), ...input };
    const call = () =>
      this.driver.must<Payload>(
        caller,
        `Mutation.${name}`,
        document,
        { input: keyed },
        (data) => [this.written(caller, name, ubrn ?? data.referral.ubrn, patient, data.replayed)],
        { ubrn },
      );
    const first = await call();
    // Every write is retried once with its key (unless the journey retries it itself): the
    // retry replays the first result, a read.
    if (!input.idempotencyKey && !(await call()).replayed) {
      this.driver.ledger.fail(`${name} retried with the same idempotency key was not replayed`);
    }
    return first;
  }

  private written(
    caller: Caller,
    operation: string,
    ubrn: string,
    patient: PatientRef,
    replayed: boolean,
  ): ExpectedLine {
    if (replayed) this.driver.ledger.replaysChecked += 1;
    return replayed
      ? this.line(caller, 'viewReferral', ubrn, patient, { replayOf: auditAction(operation) })
      : this.line(caller, operation, ubrn, patient);
  }

  /** Reads a referral (one VIEW_REFERRAL line). */
  private view(caller: Caller, ubrn: string, patient: PatientRef): Promise<ReferralData> {
    return this.driver.must<ReferralData>(
      caller,
      'Query.referral',
      REFERRAL_QUERY,
      { ubrn },
      () => [this.line(caller, 'viewReferral', ubrn, patient)],
      { ubrn },
    );
  }

  /** The first reason or outcome code `caller` may give for `action` now. */
  private async reasonFor(
    caller: Caller,
    ubrn: string,
    patient: PatientRef,
    action: string,
  ): Promise<string> {
    const referral = await this.view(caller, ubrn, patient);
    const reason = referral.allowedActions.find((a) => a.action === action)?.reasons[0]?.code;
    if (!reason) {
      throw new JourneyStopped(
        `${caller.name} has no ${action} reason for ${ubrn} in state ${referral.state} (allowed: ${referral.allowedActions.map((a) => a.action).join(', ')})`,
      );
    }
    return reason;
  }

  private create(
    caller: Caller,
    patient: PatientRef,
    serviceIds: string[],
    extra: Record<string, unknown> = {},
  ): Promise<Payload> {
    return this.act(
      caller,
      'createReferral',
      {
        patientId: patient.id,
        priority: 'ROUTINE',
        serviceIds,
        letterStatus: 'NEED_TO_ADD_LATER',
        clinicalInformation: 'Intermittent palpitations for three months.',
        ...extra,
      },
      patient,
    );
  }

  /** The bookable slots of a service for a referral (no audit line: no patient data shown). */
  private async slots(caller: Caller, ubrn: string, serviceId: string): Promise<string[]> {
    const page = await this.driver.must<{ edges: { node: { id: string } }[] }>(
      caller,
      'Query.bookableSlots',
      BOOKABLE_SLOTS,
      { ubrn, serviceId, first: 10 },
      () => [],
      { ubrn },
    );
    return page.edges.map((e) => e.node.id);
  }

  /** Books the first bookable slot of the arrhythmia clinic. */
  private async book(caller: Caller, ubrn: string, patient: PatientRef, version: number) {
    const [slotId] = await this.slots(caller, ubrn, this.places.arrhythmia.id);
    if (!slotId) throw new JourneyStopped(`no bookable slot for ${ubrn}`);
    const booked = await this.act(
      caller,
      'bookAppointment',
      { ubrn, slotId, expectedVersion: version },
      patient,
    );
    return { slotId, booked };
  }

  /** Acknowledges a referral returned to the referrer, when the referrer is offered that. */
  private async acknowledgeIfReturned(caller: Caller, ubrn: string, patient: PatientRef) {
    const referral = await this.view(caller, ubrn, patient);
    if (referral.allowedActions.some((a) => a.action === 'ACKNOWLEDGE')) {
      await this.act(caller, 'acknowledgeReferral', { ubrn }, patient);
    }
  }

  private patient(which: 'margaret' | 'david'): PatientRef {
    const p = this.places[which];
    return { id: p.id, nhsNumber: p.nhsNumber };
  }

  // ---- referral journeys --------------------------------------------------------------------

  private async bookAcceptCancel() {
    const { gp, consultant } = this.cast;
    const margaret = this.patient('margaret');
    await this.driver.must<{ id: string }>(
      gp,
      'Query.patient',
      PATIENT,
      { n: margaret.nhsNumber },
      () => [
        {
          action: 'VIEW_PATIENT',
          outcome: 'SUCCESS',
          patientId: margaret.id,
          nhsNumber: margaret.nhsNumber,
          ...actorOf(gp),
        },
      ],
    );
    const letter = await this.driver.upload(gp, `letter-${this.round}.txt`, 'Referral letter');
    if (!letter) throw new JourneyStopped('the GP could not upload a letter');
    const key = randomUUID();
    const input = {
      patientId: margaret.id,
      priority: 'ROUTINE',
      serviceIds: [this.places.arrhythmia.id],
      letterStatus: 'NEED_TO_ADD_LATER',
      clinicalInformation: 'Palpitations; ECG attached.',
      documentIds: [letter],
      idempotencyKey: key,
    };
    const created = await this.act(gp, 'createReferral', input, margaret);
    const { ubrn } = created.referral;
    // The retry replays the first result: a read, not a second referral.
    const replay = await this.act(gp, 'createReferral', input, margaret);
    if (!replay.replayed)
      this.driver.ledger.fail(`createReferral retry with the same key was not replayed`);
    await this.view(gp, ubrn, margaret);
    await this.driver.download(gp, letter, { ubrn, patientId: margaret.id });
    const changed = await this.act(
      gp,
      'changeShortlist',
      { ubrn, serviceIds: [this.places.arrhythmia.id, this.places.heartFailure.id] },
      margaret,
    );
    const [slotId] = await this.slots(gp, ubrn, this.places.arrhythmia.id);
    if (!slotId) throw new JourneyStopped(`no bookable slot for ${ubrn}`);
    await this.driver.must(
      gp,
      'Mutation.holdSlot',
      HOLD_SLOT,
      { input: { ubrn, slotId } },
      () => [this.line(gp, 'holdSlot', ubrn, margaret)],
      { ubrn },
    );
    await this.driver.must(
      gp,
      'Mutation.releaseSlot',
      RELEASE_SLOT,
      { input: { ubrn, slotId } },
      () => [this.line(gp, 'releaseSlot', ubrn, margaret)],
      { ubrn },
    );
    const bookKey = randomUUID();
    const booking = {
      ubrn,
      slotId,
      expectedVersion: changed.referral.version,
      idempotencyKey: bookKey,
    };
    await this.act(gp, 'bookAppointment', booking, margaret);
    const again = await this.act(gp, 'bookAppointment', booking, margaret);
    if (!again.replayed)
      this.driver.ledger.fail(`bookAppointment retry with the same key was not replayed`);
    const second = await this.driver.upload(gp, `results-${this.round}.txt`, 'ECG results');
    if (!second) throw new JourneyStopped('the GP could not upload a second letter');
    await this.act(gp, 'attachReferralLetter', { ubrn, documentIds: [second] }, margaret);
    await this.worklist(consultant, 'REFERRALS_FOR_REVIEW');
    // Another trust's worklist, with nothing of the journeys on it: an empty page, no line.
    await this.worklist(this.cast.otherConsultant, 'REFERRALS_FOR_REVIEW');
    await this.act(consultant, 'acceptReferral', { ubrn, comment: 'Seen: appropriate.' }, margaret);
    await this.driver.must<unknown[]>(
      gp,
      'Query.accessLog',
      ACCESS_LOG,
      { ubrn, first: 5 },
      () => [this.line(gp, 'viewAccessLog', ubrn, margaret, { patientId: undefined })],
      { ubrn },
    );
    const reason = await this.reasonFor(gp, ubrn, margaret, 'CANCEL_REFERRAL');
    await this.act(gp, 'cancelReferral', { ubrn, reason, comment: 'Symptoms resolved.' }, margaret);
  }

  private async reject() {
    const { gpAdmin, practiceAdmin, consultantAdmin } = this.cast;
    const david = this.patient('david');
    const created = await this.create(gpAdmin, david, [this.places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { booked } = await this.book(practiceAdmin, ubrn, david, created.referral.version);
    const reason = await this.reasonFor(consultantAdmin, ubrn, david, 'REJECT');
    await this.act(
      consultantAdmin,
      'rejectReferral',
      {
        ubrn,
        reason,
        comment: 'Refer to the community team.',
        expectedVersion: booked.referral.version,
      },
      david,
    );
    await this.acknowledgeIfReturned(practiceAdmin, ubrn, david);
  }

  private async cancelAndRebook() {
    const { gp, practiceAdmin } = this.cast;
    const margaret = this.patient('margaret');
    const created = await this.create(gp, margaret, [this.places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { booked } = await this.book(gp, ubrn, margaret, created.referral.version);
    const reason = await this.reasonFor(practiceAdmin, ubrn, margaret, 'CANCEL_APPOINTMENT');
    const cancelled = await this.act(
      practiceAdmin,
      'cancelAppointment',
      { ubrn, reason, comment: 'On holiday.', expectedVersion: booked.referral.version },
      margaret,
    );
    await this.book(practiceAdmin, ubrn, margaret, cancelled.referral.version);
  }

  private async triage() {
    const { gp, consultant } = this.cast;
    const david = this.patient('david');
    const created = await this.create(
      gp,
      david,
      [this.places.triage.id, this.places.arrhythmia.id],
      {
        priority: 'URGENT',
      },
    );
    const { ubrn } = created.referral;
    await this.act(
      gp,
      'sendForTriage',
      { ubrn, serviceId: this.places.triage.id, comment: 'Please advise.' },
      david,
    );
    await this.act(
      consultant,
      'recordTriageOutcome',
      { ubrn, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: 'Trial of beta blocker first.' },
      david,
    );
    await this.acknowledgeIfReturned(gp, ubrn, david);
  }

  private async defer() {
    const { gp } = this.cast;
    const margaret = this.patient('margaret');
    const created = await this.create(gp, margaret, [this.places.heartFailure.id]);
    await this.act(
      gp,
      'deferToProvider',
      { ubrn: created.referral.ubrn, serviceId: this.places.heartFailure.id },
      margaret,
    );
  }

  /** A referral to the assessment service, booked indirectly (the provider arranges the time). */
  private async indirectlyBooked(patient: PatientRef) {
    const { gp } = this.cast;
    const serviceId = this.places.assessmentServiceId;
    if (!serviceId) throw new JourneyStopped('the definer could not publish an assessment service');
    const created = await this.create(gp, patient, [serviceId]);
    const { ubrn } = created.referral;
    await this.act(gp, 'bookIndirectly', { ubrn, serviceId }, patient);
    return ubrn;
  }

  private async assessment() {
    const { consultant, gp } = this.cast;
    const david = this.patient('david');
    const ubrn = await this.indirectlyBooked(david);
    await this.act(
      consultant,
      'createOnwardReferral',
      {
        ubrn,
        serviceIds: [this.places.heartFailure.id],
        priority: 'ROUTINE',
        letterStatus: 'NOT_INTENDING_TO_ADD',
        clinicalInformation: 'Echo shows reduced ejection fraction.',
      },
      david,
    );
    const outcome = await this.reasonFor(consultant, ubrn, david, 'RECORD_ASSESSMENT_OUTCOME');
    await this.act(
      consultant,
      'recordAssessmentOutcome',
      { ubrn, outcome, comment: 'Assessed.' },
      david,
    );
    await this.acknowledgeIfReturned(gp, ubrn, david);
  }

  private async pasCancellation() {
    const { consultant, providerAdmin } = this.cast;
    const margaret = this.patient('margaret');
    const ubrn = await this.indirectlyBooked(margaret);
    await this.act(
      consultant,
      'cancelAppointmentActionLater',
      { ubrn, comment: 'Needs a different clinic.', appointmentCancelledInPas: false },
      margaret,
    );
    await this.act(providerAdmin, 'confirmPasCancellation', { ubrn }, margaret);
  }

  private async didNotAttend() {
    const { providerAdmin, gp } = this.cast;
    const david = this.patient('david');
    const ubrn = await this.indirectlyBooked(david);
    const reason = await this.reasonFor(providerAdmin, ubrn, david, 'RECORD_DID_NOT_ATTEND');
    await this.act(
      providerAdmin,
      'recordDidNotAttend',
      { ubrn, reason, comment: 'No show.', returnToReferrer: true },
      david,
    );
    await this.acknowledgeIfReturned(gp, ubrn, david);
  }

  /** One page of a worklist: one VIEW_WORKLIST line for each row shown. */
  async worklist(caller: Caller, worklist: string, filter?: Record<string, unknown>) {
    await this.driver.must<{ edges: { node: { ubrn: string } }[] }>(
      caller,
      'Query.worklist',
      WORKLIST,
      { worklist, filter },
      (page) => {
        this.driver.ledger.worklistRowsChecked += page.edges.length;
        if (page.edges.length === 0) this.driver.ledger.emptyWorklistPages += 1;
        return page.edges.map((e) => ({
          action: 'VIEW_WORKLIST',
          outcome: 'SUCCESS' as const,
          ubrn: e.node.ubrn,
          patientId: true as const,
          ...actorOf(caller),
        }));
      },
    );
  }

  /** Every worklist, as a clinician and an admin of the organisation that owns it. */
  private async everyWorklist() {
    const { gp, practiceAdmin, consultant, providerAdmin } = this.cast;
    for (const { code, owner } of WORKLISTS) {
      const callers = owner === 'REFERRER' ? [gp, practiceAdmin] : [consultant, providerAdmin];
      for (const caller of callers) await this.worklist(caller, code);
    }
  }

  // ---- Advice & Guidance ---------------------------------------------------------------------

  private async advice(
    caller: Caller,
    name: keyof typeof ADVICE_MUTATIONS,
    input: Record<string, unknown>,
    patient: PatientRef,
  ): Promise<AdvicePayloadData> {
    const ubrn = typeof input.ubrn === 'string' ? input.ubrn : null;
    const keyed = { idempotencyKey: randomUUID(), ...input };
    const call = () =>
      this.driver.must<AdvicePayloadData>(
        caller,
        `Mutation.${name}`,
        ADVICE_MUTATIONS[name],
        { input: keyed },
        (data) => {
          const at = ubrn ?? data.adviceRequest.ubrn;
          return [
            data.replayed
              ? this.line(caller, 'viewAdviceRequest', at, patient, { replayOf: auditAction(name) })
              : this.line(caller, name, at, patient),
          ];
        },
        { ubrn },
      );
    const first = await call();
    if (!input.idempotencyKey && !(await call()).replayed) {
      this.driver.ledger.fail(`${name} retried with the same idempotency key was not replayed`);
    }
    return first;
  }

  private ask(caller: Caller, patient: PatientRef, extra: Record<string, unknown> = {}) {
    return this.advice(
      caller,
      'createAdviceRequest',
      {
        patientId: patient.id,
        serviceId: this.places.advice.id,
        priority: 'ROUTINE',
        request: 'Is a statin indicated at QRISK 9%?',
        providerConversionAuthorisation: 'AUTHORISED_TO_CONVERT',
        ...extra,
      },
      patient,
    );
  }

  private async adviceConversation() {
    const { gp, consultant, consultantAdmin } = this.cast;
    const margaret = this.patient('margaret');
    const key = randomUUID();
    const asked = await this.ask(gp, margaret, { idempotencyKey: key });
    const { ubrn } = asked.adviceRequest;
    const replay = await this.ask(gp, margaret, { idempotencyKey: key });
    if (!replay.replayed)
      this.driver.ledger.fail('createAdviceRequest retry with the same key was not replayed');
    await this.driver.must(
      consultant,
      'Query.adviceRequest',
      ADVICE_QUERY,
      { ubrn },
      () => [this.line(consultant, 'viewAdviceRequest', ubrn, margaret)],
      { ubrn },
    );
    await this.worklist(consultant, 'ADVICE_AND_GUIDANCE_REQUESTS');
    await this.advice(
      consultant,
      'respondToAdviceRequest',
      {
        ubrn,
        outcome: 'REQUIRE_FURTHER_INFORMATION',
        guidance: 'Please send a lipid profile.',
        updatedPriority: 'ROUTINE',
      },
      margaret,
    );
    await this.advice(gp, 'sendFurtherInformation', { ubrn, text: 'LDL 4.1, HDL 1.0.' }, margaret);
    await this.advice(
      consultantAdmin,
      'respondToAdviceRequest',
      {
        ubrn,
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        guidance: 'Start atorvastatin 20 mg.',
        recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
        updatedPriority: 'ROUTINE',
      },
      margaret,
    );
    await this.advice(gp, 'closeAdviceRequest', { ubrn }, margaret);
  }

  private async adviceConversion() {
    const { gpAdmin, consultant } = this.cast;
    const david = this.patient('david');
    const asked = await this.ask(gpAdmin, david);
    const { ubrn } = asked.adviceRequest;
    await this.advice(
      consultant,
      'convertAdviceToReferral',
      { ubrn, priority: 'URGENT', comment: 'Needs clinic review; we will book it.' },
      david,
    );
  }

  private async adviceCancel() {
    const { gp } = this.cast;
    const margaret = this.patient('margaret');
    const asked = await this.ask(gp, margaret);
    await this.advice(
      gp,
      'cancelAdviceRequest',
      { ubrn: asked.adviceRequest.ubrn, comment: 'Seen in clinic instead.' },
      margaret,
    );
  }

  // ---- slot maintenance and the feed ----------------------------------------------------------

  /** The line slot maintenance writes for an appointment it cancels, on behalf of `caller`. */
  private maintenanceLine(
    operation: string,
    caller: Caller,
    ubrn: string,
    patient: PatientRef,
  ): ExpectedLine {
    return {
      action: auditAction(operation),
      outcome: 'SUCCESS',
      ubrn,
      patientId: patient.id,
      actor: {
        userId: SLOT_MAINTENANCE_USER_ID,
        role: 'PROVIDER_AUTHORISED_APPLICATION',
        organisationId: caller.actor!.organisationId,
        onBehalfOfUserId: caller.actor!.userId,
      },
    };
  }

  private async cancelSlots() {
    const { gp, definer } = this.cast;
    const margaret = this.patient('margaret');
    const created = await this.create(gp, margaret, [this.places.arrhythmia.id]);
    const { ubrn } = created.referral;
    const { slotId } = await this.book(gp, ubrn, margaret, created.referral.version);
    const reasons = await this.driver.must<{ code: string }[]>(
      definer,
      'Query.slotCancellationReasons',
      '{ slotCancellationReasons { code commentRequired } }',
      {},
      () => [],
    );
    const reason = reasons[0]?.code;
    if (!reason) throw new JourneyStopped('no slot cancellation reason');
    await this.driver.must<{ cancelledReferrals: string[] }>(
      definer,
      'Mutation.cancelSlots',
      'mutation C($input: SlotActionInput!) { cancelSlots(input: $input) { changed cancelledReferrals } }',
      {
        input: {
          serviceId: this.places.arrhythmia.id,
          slotIds: [slotId],
          reason,
          comment: 'Clinic closed.',
        },
      },
      () => [this.maintenanceLine('cancelSlots', definer, ubrn, margaret)],
    );
  }

  private async feedSlots() {
    const { gp, definer } = this.cast;
    const david = this.patient('david');
    const externalId = `audit-${this.round}-${randomUUID().slice(0, 8)}`;
    const start = new Date(this.now.getTime() + 3 * 86_400_000 + 7 * 3_600_000);
    const slot = (withdrawn: boolean) => ({
      externalId,
      serviceId: this.places.arrhythmia.id,
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 20 * 60_000).toISOString(),
      priorities: ['ROUTINE', 'URGENT'],
      withdrawn,
    });
    const FEED =
      'mutation F($slots: [FedSlotInput!]!) { feedSlots(slots: $slots) { created withdrawn rejected results { outcome slotId cancelledUbrn code } } }';
    type Fed = { created: number; results: { slotId: string | null; code: string | null }[] };
    const fed = await this.driver.must<Fed>(
      definer,
      'Mutation.feedSlots',
      FEED,
      { slots: [slot(false)] },
      () => [],
    );
    const slotId = fed.results[0]?.slotId;
    if (!slotId)
      throw new JourneyStopped(`the feed did not create the slot: ${JSON.stringify(fed.results)}`);
    const created = await this.create(gp, david, [this.places.arrhythmia.id]);
    const { ubrn } = created.referral;
    await this.act(gp, 'bookAppointment', { ubrn, slotId }, david);
    await this.driver.must<Fed>(
      definer,
      'Mutation.feedSlots',
      FEED,
      { slots: [slot(true)] },
      () => [this.maintenanceLine('feedSlots', definer, ubrn, david)],
    );
  }
}
