import type { Orm } from '../db/orm.js';
import { AuditEvent, auditAction, REFUSAL_CODES } from '../modules/audit/index.js';
import type { ErrorCode } from '@open-ers/domain';

/**
 * Who the audit trail should name for a call: a user, in a role, at an organisation (all null
 * for a signed-out client; the role and organisation null before a role is chosen).
 */
export interface AuditActor {
  readonly userId: string | null;
  readonly role: string | null;
  readonly organisationId: string | null;
  readonly onBehalfOfUserId: string | null;
}

/**
 * One audit line a call should write. Fields left undefined are not checked; `patientId: true`
 * asks only that the line names a patient.
 */
export interface ExpectedLine {
  readonly action: string;
  readonly outcome: 'SUCCESS' | 'REFUSED';
  readonly actor?: AuditActor;
  readonly ubrn?: string | null;
  readonly patientId?: string | true | null;
  readonly nhsNumber?: string | null;
  /** For a refusal: `details.code`. */
  readonly code?: string;
  /** For an idempotent replay: `details.replayOf`. */
  readonly replayOf?: string;
}

/** How an answer is classified for the audit trail. */
export type AnswerKind = 'SUCCESS' | 'REFUSAL' | 'BAD_INPUT';

/** A refusal of access (one REFUSED line) or anything else the caller got wrong (no line). */
export function answerKind(code: string | null | undefined): AnswerKind {
  if (!code) return 'SUCCESS';
  return REFUSAL_CODES.has(code as ErrorCode) ? 'REFUSAL' : 'BAD_INPUT';
}

/** The REFUSED line a refusal of `field` (a root field or a document route's action) writes. */
export function refusedLine(
  action: string,
  code: string,
  subject: { actor?: AuditActor; ubrn?: string | null } = {},
): ExpectedLine {
  return { action: auditAction(action), outcome: 'REFUSED', code, ...subject };
}

type Row = Pick<
  AuditEvent,
  | 'action'
  | 'outcome'
  | 'userId'
  | 'role'
  | 'organisationId'
  | 'onBehalfOfUserId'
  | 'patientId'
  | 'nhsNumber'
  | 'ubrn'
  | 'details'
>;

/** Why a row is not the expected line (empty when it is). */
function differences(expected: ExpectedLine, row: Row): string[] {
  const out: string[] = [];
  const check = (name: string, want: unknown, got: unknown) => {
    if (want !== undefined && want !== got)
      out.push(`${name} ${String(got)} (want ${String(want)})`);
  };
  check('action', expected.action, row.action);
  check('outcome', expected.outcome, row.outcome);
  check('ubrn', expected.ubrn, row.ubrn ?? null);
  if (expected.patientId === true) {
    if (!row.patientId) out.push('no patient_id');
  } else check('patient_id', expected.patientId, row.patientId ?? null);
  check('nhs_number', expected.nhsNumber, row.nhsNumber ?? null);
  if (expected.actor) {
    check('user_id', expected.actor.userId, row.userId ?? null);
    check('role', expected.actor.role, row.role ?? null);
    check('organisation_id', expected.actor.organisationId, row.organisationId ?? null);
    check('on_behalf_of_user_id', expected.actor.onBehalfOfUserId, row.onBehalfOfUserId ?? null);
  }
  check('details.code', expected.code, row.details?.code ?? undefined);
  check('details.replayOf', expected.replayOf, row.details?.replayOf ?? undefined);
  return out;
}

const describeRow = (row: Row) =>
  `${row.action}/${row.outcome}${row.ubrn ? ` ubrn ${row.ubrn}` : ''}${
    row.details?.code ? ` code ${String(row.details.code)}` : ''
  }`;

/** The operation a call drove, and how it ended. */
export type Driven = 'SUCCESS' | 'REFUSED';

/**
 * What the audit harness has seen: every call's audit lines compared with what it should have
 * written (read straight from `audit_event` by the call's request id), the operations driven
 * successfully and refused, and one failure line per mismatch.
 */
export class AuditLedger {
  readonly succeeded = new Set<string>();
  readonly refused = new Set<string>();
  readonly failures: string[] = [];
  /** Calls whose audit lines were checked, and the lines expected in all. */
  calls = 0;
  linesChecked = 0;
  refusalsChecked = 0;
  badInputChecked = 0;
  /** Retries with the same idempotency key (one VIEW_ line with `details.replayOf` each). */
  replaysChecked = 0;
  /** Worklist rows shown (one VIEW_WORKLIST line each), and pages shown empty (no line). */
  worklistRowsChecked = 0;
  emptyWorklistPages = 0;
  private sequence = 0;

  constructor(
    private readonly orm: Orm,
    private readonly label: string,
  ) {}

  /** The ids of every audit line so far (to find lines a call wrote under another request id). */
  async lineIds(): Promise<Set<string>> {
    const rows = await this.orm.em.fork().find(AuditEvent, {}, { fields: ['id'] });
    return new Set(rows.map((r) => r.id));
  }

  /** A request id no other call shares (the `x-request-id` header). */
  nextRequestId(operation: string): string {
    this.sequence += 1;
    return `audit-${this.label}-${this.sequence}-${operation.replace(/[^\w.-]/g, '_')}`.slice(
      0,
      100,
    );
  }

  /** Records an operation as driven (`Query.referral`, `REST POST /api/documents`). */
  driven(operation: string, how: Driven): void {
    (how === 'SUCCESS' ? this.succeeded : this.refused).add(operation);
  }

  /** Records a broken promise that is not an audit mismatch (a journey that could not go on). */
  fail(message: string): void {
    this.failures.push(message);
  }

  /**
   * Compares the audit lines of one request with the lines expected (in any order); each line
   * unmatched either way is a failure naming the call.
   */
  async check(
    requestId: string,
    call: string,
    expected: readonly ExpectedLine[],
    options: { before?: ReadonlySet<string> } = {},
  ): Promise<void> {
    this.calls += 1;
    this.linesChecked += expected.length;
    const rows: Row[] = await this.orm.em
      .fork()
      .find(AuditEvent, { requestId }, { orderBy: { occurredAt: 'asc', id: 'asc' } });
    const unmatched = [...rows];
    const problems: string[] = [];
    for (const want of expected) {
      const index = unmatched.findIndex((row) => differences(want, row).length === 0);
      if (index >= 0) {
        unmatched.splice(index, 1);
        continue;
      }
      const near = unmatched.findIndex((row) => row.action === want.action);
      problems.push(
        near >= 0
          ? `${want.action}/${want.outcome}: ${differences(want, unmatched.splice(near, 1)[0]!).join(', ')}`
          : `missing ${want.action}/${want.outcome}${want.code ? ` code ${want.code}` : ''}${want.ubrn ? ` ubrn ${want.ubrn}` : ''}`,
      );
    }
    for (const row of unmatched) problems.push(`unexpected ${describeRow(row)}`);
    if (problems.length > 0 && options.before) {
      // Written, but not under the request id the client sent?
      const elsewhere = (
        await this.orm.em
          .fork()
          .find(
            AuditEvent,
            {},
            { fields: ['id', 'action', 'outcome', 'requestId', 'ubrn', 'details'] },
          )
      ).filter((row) => !options.before!.has(row.id) && row.requestId !== requestId);
      for (const row of elsewhere) {
        problems.push(
          `but wrote ${describeRow(row)} under request id ${row.requestId}, not the x-request-id sent`,
        );
      }
    }
    if (problems.length > 0) {
      this.failures.push(
        `${call}: expected ${expected.length} line(s), got ${rows.length}: ${problems.join('; ')}`,
      );
    }
  }
}
