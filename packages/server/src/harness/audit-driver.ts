import { roleInfo, type Role } from '@open-ers/domain';
import { SESSION_COOKIE } from '../http/session-cookie.js';
import { UPLOAD_HEADER } from '../modules/referrals/index.js';
import type { GraphQLResponse, TestServer, TestSession } from '../test/test-server.js';
import {
  answerKind,
  refusedLine,
  type AuditActor,
  type AuditLedger,
  type ExpectedLine,
} from './audit-ledger.js';

/** A client of the server as the audit harness drives it: a session (or none) and who it is. */
export interface Caller {
  /** For failure lines: `rc.leeds as REFERRING_CLINICIAN`. */
  readonly name: string;
  readonly session: TestSession | null;
  /** Who the audit trail should name for this caller's requests (null: not checked). */
  readonly actor: AuditActor | null;
}

/** A signed-out client: its refusals name nobody. */
export const SIGNED_OUT: Caller = {
  name: 'a signed-out client',
  session: null,
  actor: { userId: null, role: null, organisationId: null, onBehalfOfUserId: null },
};

/** A demo user acting as `role` (for a clinician admin, on behalf of their first clinician). */
export async function callerAs(server: TestServer, role: Role, username: string): Promise<Caller> {
  const session = await server.signInAs(role, { username });
  const assignment = session.roleAssignments.find((a) => a.role === role)!;
  const onBehalfOf =
    roleInfo(role).actsOnBehalfOf !== 'NEVER' ? (assignment.clinicians[0]?.id ?? null) : null;
  return {
    name: `${username} as ${role}`,
    session,
    actor: {
      userId: session.userId,
      role,
      organisationId: assignment.organisation.id,
      onBehalfOfUserId: onBehalfOf,
    },
  };
}

/** A signed-in user who has not chosen a role yet (they hold more than one). */
export async function callerWithoutRole(server: TestServer, username: string): Promise<Caller> {
  const session = await server.signIn(username);
  return {
    name: `${username} (no role chosen)`,
    session,
    actor: { userId: session.userId, role: null, organisationId: null, onBehalfOfUserId: null },
  };
}

/** One GraphQL call's answer. */
export interface Answer<T> {
  readonly data: T | null;
  readonly code: string | null;
  readonly message: string | null;
}

/** What a GraphQL call should write when it succeeds (from its data). */
export type OnSuccess<T> = (data: T) => readonly ExpectedLine[];

/** How to judge one call. */
export interface CallOptions {
  /** The UBRN the request names: a refusal's line must name it. */
  readonly ubrn?: string | null;
  /** The operation's own refusals, audited as refusals of access are (signIn's). */
  readonly refusalCodes?: readonly string[];
}

/** Thrown when a journey cannot go on (a step that had to succeed did not). */
export class JourneyStopped extends Error {}

/** A GraphQL document and variables that called an operation (kept for the refusal sweep). */
export interface RecordedCall {
  readonly document: string;
  readonly variables: Record<string, unknown>;
  /** Who made it successfully. */
  readonly caller: Caller;
  /** The UBRN the call named, if any. */
  readonly ubrn: string | null;
}

/**
 * Drives the server as the audit harness's callers, each call with its own request id, and
 * checks the audit lines each one wrote against what it should have: its own lines when it
 * succeeds, one REFUSED line when access is refused, none for bad input.
 */
export class AuditDriver {
  /** The last successful call of each operation (`Mutation.acceptReferral`). */
  readonly calls = new Map<string, RecordedCall>();
  /** Documents shown attached to a referral, with the referral's UBRN and patient. */
  readonly documents: { id: string; ubrn: string | null; patientId: string | null }[] = [];

  constructor(
    readonly server: TestServer,
    readonly ledger: AuditLedger,
  ) {}

  /**
   * Calls `operation` (`Query.referral`) as `caller` and checks its audit lines: `onSuccess`'s
   * when it succeeds, a REFUSED line (naming `ubrn`) when refused, nothing for bad input.
   */
  async graphql<T>(
    caller: Caller,
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    onSuccess: OnSuccess<T>,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    const field = operation.split('.')[1]!;
    const requestId = this.ledger.nextRequestId(field);
    const headers = { 'x-request-id': requestId };
    const result: GraphQLResponse<Record<string, T>> = caller.session
      ? await caller.session.graphql(document, variables, { headers })
      : await this.server.graphql(document, variables, headers);
    const error = result.errors?.[0];
    const code = error ? (error.extensions?.code ?? 'NO_CODE') : null;
    const data = (result.data?.[field] ?? null) as T | null;
    const label = `${operation} as ${caller.name}${code ? ` (${code})` : ''}`;
    const kind = code && options.refusalCodes?.includes(code) ? 'REFUSAL' : answerKind(code);
    if (kind === 'SUCCESS') {
      if (data === null) {
        this.ledger.fail(`${label}: no data and no error`);
        return { data, code, message: null };
      }
      await this.ledger.check(requestId, label, onSuccess(data));
      this.ledger.driven(operation, 'SUCCESS');
      this.calls.set(operation, {
        document,
        variables,
        caller,
        ubrn: options.ubrn ?? null,
      });
    } else if (kind === 'REFUSAL') {
      await this.ledger.check(requestId, label, [
        refusedLine(field, code!, {
          ...actorOf(caller),
          ...(options.ubrn !== undefined ? { ubrn: options.ubrn } : {}),
        }),
      ]);
      this.ledger.refusalsChecked += 1;
      this.ledger.driven(operation, 'REFUSED');
    } else {
      await this.ledger.check(requestId, label, []);
      this.ledger.badInputChecked += 1;
    }
    return { data, code, message: error?.message ?? null };
  }

  /** As {@link graphql}, but the journey stops unless the call succeeds. */
  async must<T>(
    caller: Caller,
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    onSuccess: OnSuccess<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const answer = await this.graphql(caller, operation, document, variables, onSuccess, options);
    if (answer.data === null || answer.code) {
      throw new JourneyStopped(
        `${operation} as ${caller.name} was refused (${answer.code}: ${answer.message}); the journey stopped there`,
      );
    }
    return answer.data;
  }

  /** As {@link graphql} for a call that must be refused with `expected` (else a failure). */
  async refuse(
    caller: Caller,
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    expected: string,
    options: CallOptions = {},
  ): Promise<void> {
    const answer = await this.graphql(caller, operation, document, variables, () => [], options);
    if (answer.code !== expected) {
      this.ledger.fail(
        `${operation} as ${caller.name}: expected ${expected}, got ${answer.code ?? 'success'}${answer.message ? ` (${answer.message})` : ''}`,
      );
    }
  }

  private headers(caller: Caller, requestId: string): Record<string, string> {
    return {
      'x-request-id': requestId,
      ...(caller.session ? { cookie: `${SESSION_COOKIE}=${caller.session.token}` } : {}),
    };
  }

  /**
   * `POST /api/documents` as `caller`: one UPLOAD_DOCUMENT line when stored, one REFUSED line
   * when refused. Returns the document's id (null when refused).
   */
  async upload(caller: Caller, filename: string, text: string): Promise<string | null> {
    const operation = 'REST POST /api/documents';
    const requestId = this.ledger.nextRequestId('upload');
    const before = await this.ledger.lineIds();
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), filename);
    const response = await fetch(`${this.server.url}/api/documents`, {
      method: 'POST',
      headers: { ...this.headers(caller, requestId), [UPLOAD_HEADER]: '1' },
      body: form,
    });
    const body = (await response.json()) as { id?: string; error?: { code: string } };
    const code = body.error?.code ?? null;
    const label = `${operation} as ${caller.name}${code ? ` (${code})` : ''}`;
    return this.checkRest(
      operation,
      label,
      requestId,
      before,
      code,
      'UPLOAD_DOCUMENT',
      caller,
      null,
      [{ action: 'UPLOAD_DOCUMENT', outcome: 'SUCCESS', ...actorOf(caller) }],
    ).then((ok) => (ok ? (body.id ?? null) : null));
  }

  /**
   * `GET /api/documents/:id` as `caller`: one VIEW_DOCUMENT line (naming the referral it is
   * attached to) when shown, one REFUSED line when refused, none when there is no such document.
   */
  async download(
    caller: Caller,
    id: string,
    subject: { ubrn: string | null; patientId: string | null },
  ): Promise<string | null> {
    const operation = 'REST GET /api/documents/:id';
    const requestId = this.ledger.nextRequestId('download');
    const before = await this.ledger.lineIds();
    const response = await fetch(`${this.server.url}/api/documents/${encodeURIComponent(id)}`, {
      headers: this.headers(caller, requestId),
    });
    const text = await response.text();
    let code: string | null = null;
    if (!response.ok) {
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? 'NO_CODE';
      } catch {
        code = `HTTP_${response.status}`;
      }
    }
    const label = `${operation} as ${caller.name}${code ? ` (${code})` : ''}`;
    const ok = await this.checkRest(
      operation,
      label,
      requestId,
      before,
      code,
      'VIEW_DOCUMENT',
      caller,
      subject.ubrn,
      [
        {
          action: 'VIEW_DOCUMENT',
          outcome: 'SUCCESS',
          ubrn: subject.ubrn,
          patientId: subject.patientId,
          ...actorOf(caller),
        },
      ],
    );
    if (ok && subject.ubrn) this.documents.push({ id, ...subject });
    return ok ? text : null;
  }

  private async checkRest(
    operation: string,
    label: string,
    requestId: string,
    before: ReadonlySet<string>,
    code: string | null,
    action: string,
    caller: Caller,
    ubrn: string | null,
    onSuccess: readonly ExpectedLine[],
  ): Promise<boolean> {
    const kind = answerKind(code);
    if (kind === 'SUCCESS') {
      await this.ledger.check(requestId, label, onSuccess, { before });
      this.ledger.driven(operation, 'SUCCESS');
      return true;
    }
    if (kind === 'REFUSAL') {
      await this.ledger.check(
        requestId,
        label,
        [
          refusedLine(action, code!, {
            ubrn,
            ...actorOf(caller),
          }),
        ],
        { before },
      );
      this.ledger.refusalsChecked += 1;
      this.ledger.driven(operation, 'REFUSED');
    } else {
      await this.ledger.check(requestId, label, [], { before });
      this.ledger.badInputChecked += 1;
    }
    return false;
  }
}

/** `{ actor }`: who the audit trail should name for the caller's requests. */
export function actorOf(caller: Caller): { actor?: AuditActor } {
  return caller.actor ? { actor: caller.actor } : {};
}
