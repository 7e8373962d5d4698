import { ROLES, type ErrorCode, type Role } from '@open-ers/domain';
import type { GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../modules/audit/index.js';
import { findDemoPlaces } from '../seed/demo-users.js';
import {
  ACCESS_MATRIX,
  placeholderCall,
  type CallerFacts,
  type OperationCase,
} from '../test/access-matrix.js';
import { createUser, TEST_PASSWORD } from '../test/fixtures/identity.js';
import { startTestServer, type TestServer, type TestSession } from '../test/test-server.js';
import { operationRules } from './authorization.js';
import { createSchema, RESOLVERS } from './schema.js';

/**
 * Who calls: a signed-out client, a signed-in user who has not chosen a role, and every role a
 * user can be assigned at an organisation (demo users; the provider system role is a fixture
 * user, since the demo has none). Patients are not assigned roles at organisations: they will
 * prove who they are another way, and join this list when that sign-in exists.
 */
type Principal = 'SIGNED_OUT' | 'NO_ROLE' | Role;
const ASSIGNABLE_ROLES = ROLES.filter((r) => r !== 'PATIENT');
const PRINCIPALS: Principal[] = ['SIGNED_OUT', 'NO_ROLE', ...ASSIGNABLE_ROLES];

/** The codes an authorization rule refuses with. */
const RULE_REFUSALS = new Set<string>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'ROLE_NOT_SELECTED',
  'FORBIDDEN',
]);

/**
 * Refusals the audit trail records: rule refusals, no legitimate relationship, and a refused
 * sign-in (the placeholder password is wrong).
 */
const AUDITED_REFUSALS = new Set<string>([
  ...RULE_REFUSALS,
  'NO_RELATIONSHIP',
  'INVALID_CREDENTIALS',
  'RATE_LIMITED',
]);

/** What the operation's rule should answer this principal: null to let them through. */
function expectedRefusal(allowed: OperationCase['allowed'], who: Principal): ErrorCode | null {
  if (allowed === 'PUBLIC') return null;
  if (who === 'SIGNED_OUT') return 'UNAUTHENTICATED';
  if (allowed === 'SIGNED_IN') return null;
  if (who === 'NO_ROLE') return 'ROLE_NOT_SELECTED';
  if (allowed === 'ANY_ROLE') return null;
  return allowed.includes(who) ? null : 'FORBIDDEN';
}

describe('role × operation matrix', () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  const sessions = new Map<Principal, { session: TestSession | null; facts: CallerFacts }>();

  async function signInAsPrincipal(who: Principal) {
    if (who === 'SIGNED_OUT') {
      return { session: null, facts: { roleAssignmentId: null, onBehalfOfUserId: null } };
    }
    if (who === 'NO_ROLE') {
      // Two roles, so signing in chooses neither.
      const session = await server.signIn('spc2.leeds');
      return {
        session,
        facts: { roleAssignmentId: session.roleAssignments[0]!.id, onBehalfOfUserId: null },
      };
    }
    const session =
      who === 'PROVIDER_AUTHORISED_APPLICATION'
        ? await server.signIn('paa.leeds', TEST_PASSWORD)
        : await server.signInAs(who);
    const assignment = session.roleAssignments.find((a) => a.role === who)!;
    const onBehalfOf =
      who === 'SERVICE_PROVIDER_CLINICIAN_ADMIN' ? assignment.clinicians[0]!.id : null;
    return { session, facts: { roleAssignmentId: assignment.id, onBehalfOfUserId: onBehalfOf } };
  }

  beforeAll(async () => {
    server = await startTestServer({
      now: new Date('2026-11-21T10:00:00Z'),
      seedDemo: true,
      prepare: async ({ orm }) => {
        const em = orm.em.fork();
        const places = (await findDemoPlaces(em))!;
        await createUser(em, {
          username: 'paa.leeds',
          roles: [{ role: 'PROVIDER_AUTHORISED_APPLICATION', organisation: places.LEEDS_PROVIDER }],
        });
      },
    });
    for (const who of PRINCIPALS) sessions.set(who, await signInAsPrincipal(who));
    schema = await createSchema();
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('has a row for every query, mutation and subscription in the schema', async () => {
    const schema = await createSchema();
    const operations = operationRules(schema, RESOLVERS).map((o) => `${o.operation}.${o.field}`);
    expect(ACCESS_MATRIX.map((row) => row.operation).sort()).toEqual(operations.sort());
  });

  it('covers every role a user can hold at an organisation', () => {
    expect(ASSIGNABLE_ROLES).toHaveLength(ROLES.length - 1);
    for (const role of ASSIGNABLE_ROLES) expect(sessions.get(role)?.session).toBeTruthy();
  });

  const cells = ACCESS_MATRIX.flatMap((row) =>
    PRINCIPALS.map((who) => [row.operation, who, row] as const),
  );

  it.each(cells)('%s as %s', async (operation, who, row) => {
    const caller = row.changesSession ? await signInAsPrincipal(who) : sessions.get(who)!;
    const call = row.document
      ? { document: row.document, variables: row.variables?.(caller.facts) ?? {} }
      : placeholderCall(schema, operation);
    const requestId = `matrix-${randomUUID()}`;
    const headers = { 'x-request-id': requestId };
    const result = operation.startsWith('Subscription.')
      ? ((caller.session
          ? await caller.session.subscribeOnce(call.document, call.variables, { headers })
          : await server.subscribeOnce(call.document, call.variables, { headers })) ?? {})
      : caller.session
        ? await caller.session.graphql(call.document, call.variables, { headers })
        : await server.graphql(call.document, call.variables, headers);
    // A rule's refusal never names a field; a FORBIDDEN about an argument (a worklist of the
    // other side) is the operation's own answer, given after the rule let the caller through.
    const refusal =
      result.errors
        ?.filter((e) => !e.extensions?.field)
        .map((e) => e.extensions?.code)
        .find((c) => c && RULE_REFUSALS.has(c)) ?? null;
    expect(refusal, JSON.stringify(result.errors)).toBe(expectedRefusal(row.allowed, who));
    // Every refusal leaves exactly one REFUSED line in the audit trail, with its code.
    const refusals = (result.errors ?? [])
      .map((e) => e.extensions?.code)
      .filter((c): c is string => !!c && AUDITED_REFUSALS.has(c));
    const lines = await server.db.orm.em
      .fork()
      .find(AuditEvent, { requestId, outcome: 'REFUSED' }, { orderBy: { occurredAt: 'asc' } });
    expect(lines.map((l) => l.details?.code)).toEqual(refusals);
  });
});
