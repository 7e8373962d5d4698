import type { ApolloServerPlugin } from '@apollo/server';
import { DomainError, parseNhsNumber, parseUbrn, type ErrorCode } from '@open-ers/domain';
import {
  getArgumentValues,
  Kind,
  type FieldNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { RequestContext } from '../../graphql/context.js';
import { auditAction, type AuditService } from './audit.service.js';

/**
 * Refused access, audited (issue 10): every refusal to a signed-out caller, a caller without a
 * role, the wrong role or a caller with no legitimate relationship to the record writes exactly
 * one `REFUSED` line, naming the referral or patient when the request named one, so the access
 * log of a referral shows who tried and failed as well as who succeeded.
 *
 * Refusals are recorded once the operation has failed (its transaction rolled back), by the
 * {@link auditRefusalsPlugin} for GraphQL and by the document routes for theirs.
 */
export const REFUSAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'ROLE_NOT_SELECTED',
  'FORBIDDEN',
  'NO_RELATIONSHIP',
]);

/** What a refused request was trying to reach. */
export interface RefusedSubject {
  readonly ubrn?: string | null;
  readonly patientId?: string | null;
  readonly nhsNumber?: string | null;
}

const SUBJECTS = new WeakMap<object, RefusedSubject>();
const RECORDED = new WeakSet<object>();

/** Names what a refusal was refused to (the referral read found, but would not show). */
export function refusedAccessTo<E extends Error>(error: E, subject: RefusedSubject): E {
  SUBJECTS.set(error, subject);
  return error;
}

/** Whether an error is a refusal of access (rather than bad input or a rule of the workflow). */
export function isRefusal(error: unknown): error is DomainError {
  return error instanceof DomainError && REFUSAL_CODES.has(error.code);
}

/**
 * Records one REFUSED line for a refusal, once however often it is reported. `args` are the
 * refused operation's arguments: a UBRN or NHS number in them names the subject when the
 * refusal itself does not.
 */
export async function recordRefusal(
  audit: Pick<AuditService, 'record'>,
  action: string,
  error: DomainError,
  args: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  if (RECORDED.has(error)) return;
  RECORDED.add(error);
  const subject = SUBJECTS.get(error) ?? subjectOfArguments(args);
  await audit.record({
    action,
    outcome: 'REFUSED',
    ubrn: subject.ubrn ?? null,
    patientId: subject.patientId ?? null,
    nhsNumber: subject.nhsNumber ?? null,
    details: { code: error.code },
  });
}

/** A UBRN or NHS number among an operation's arguments (top level or one input object down). */
function subjectOfArguments(args: Readonly<Record<string, unknown>>): RefusedSubject {
  const values = [args, ...Object.values(args).filter(isPlainObject)];
  let ubrn: string | null = null;
  let nhsNumber: string | null = null;
  for (const value of values) {
    const u = value.ubrn;
    if (!ubrn && typeof u === 'string') ubrn = parseUbrn(u);
    const n = value.nhsNumber;
    if (!nhsNumber && typeof n === 'string') nhsNumber = parseNhsNumber(n);
  }
  return { ubrn, nhsNumber };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a GraphQL execution's refusals are recorded from. */
export interface ExecutedRequest {
  readonly audit: Pick<AuditService, 'record'> | null | undefined;
  readonly operation: OperationDefinitionNode | null | undefined;
  readonly schema: GraphQLSchema;
  readonly variables: Record<string, unknown>;
}

/**
 * Records every refusal among a GraphQL execution's errors, once each: the action is the
 * refused root field's (`referral` → `REFERRAL`), the subject the refusal's own or its
 * arguments'. For HTTP ({@link auditRefusalsPlugin}) and subscriptions over graphql-ws alike.
 */
export async function recordRefusals(
  errors: readonly GraphQLError[],
  request: ExecutedRequest,
): Promise<void> {
  if (!request.audit) return;
  for (const error of errors) {
    const refusal = error.originalError;
    if (!isRefusal(refusal)) continue;
    const root = rootField(
      error,
      request.operation ?? undefined,
      request.schema,
      request.variables,
    );
    await recordRefusal(
      request.audit,
      auditAction(root?.name ?? 'request'),
      refusal,
      root?.args ?? {},
    );
  }
}

/** Records every refusal a GraphQL request over HTTP met, after execution. */
export function auditRefusalsPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operation, schema, request }) {
          await recordRefusals(errors, {
            audit: contextValue?.audit,
            operation,
            schema,
            variables: request.variables ?? {},
          });
        },
      };
    },
  };
}

/** The root field an error's path starts at, with its argument values. */
function rootField(
  error: GraphQLError,
  operation: OperationDefinitionNode | undefined,
  schema: GraphQLSchema,
  variables: Record<string, unknown>,
): { name: string; args: Record<string, unknown> } | null {
  const key = error.path?.[0];
  if (!operation || typeof key !== 'string') return null;
  const node = operation.selectionSet.selections.find(
    (s): s is FieldNode => s.kind === Kind.FIELD && (s.alias?.value ?? s.name.value) === key,
  );
  if (!node) return null;
  const type =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const definition = type?.getFields()[node.name.value];
  if (!definition) return { name: node.name.value, args: {} };
  try {
    return { name: node.name.value, args: getArgumentValues(definition, node, variables) };
  } catch {
    // Arguments that do not coerce were refused before execution; the name is enough.
    return { name: node.name.value, args: {} };
  }
}
