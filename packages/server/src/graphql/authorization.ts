import {
  canSeeClinicalContent,
  DomainError,
  isRole,
  referralAccess,
  type AccessLevel,
  type Actor,
  type ErrorCode,
  type ReferralParties,
  type Role,
} from '@open-ers/domain';
import type { GraphQLField, GraphQLSchema } from 'graphql';
import { Authorized, getMetadataStorage, type AuthCheckerFn } from 'type-graphql';
import type { Authentication } from '../modules/identity/index.js';
import type { RequestContext } from './context.js';

/*
 * Authorization, deny by default.
 *
 * Every query, mutation and subscription carries exactly one operation rule:
 *   @Public()                anyone, signed in or not (sign-in itself, reference lists)
 *   @SignedIn()              a signed-in user, before or after choosing a role (me, selectRole)
 *   @Allow(ANY_ROLE)         a signed-in user acting in any role
 *   @Allow('REFERRING_CLINICIAN', …)   a signed-in user acting in one of these roles
 * Fields carrying clinical content are marked @ClinicalField(): they resolve to null for roles
 * that never see clinical content (canSeeClinicalContent in the domain), so such fields must be
 * nullable. Refusals are typed errors: UNAUTHENTICATED (no session), SESSION_EXPIRED,
 * ROLE_NOT_SELECTED, FORBIDDEN (wrong role). Legitimate relationship to a record is checked by
 * the service that loads it (requireReferralAccess below), since only it knows the parties.
 *
 * A root field without a rule is refused at run time (enforceDenyByDefault) and fails the
 * schema test that walks every operation.
 */

export const PUBLIC = 'PUBLIC';
export const SIGNED_IN = 'SIGNED_IN';
export const ANY_ROLE = 'ANY_ROLE';
export const CLINICAL_CONTENT = 'CLINICAL_CONTENT';

/** A rule token, as stored in type-graphql's `@Authorized` metadata. */
/** A decorator for a resolver method or an object type's property. */
export type MethodAndPropDecorator = PropertyDecorator & MethodDecorator;

export type AccessRule =
  Role | typeof PUBLIC | typeof SIGNED_IN | typeof ANY_ROLE | typeof CLINICAL_CONTENT;

/** Rules that may stand on a query, mutation or subscription. */
export function isOperationRule(rule: unknown): boolean {
  return rule === PUBLIC || rule === SIGNED_IN || rule === ANY_ROLE || isRole(rule);
}

/** Anyone may call this operation, signed in or not. */
export function Public(): MethodAndPropDecorator {
  return Authorized<AccessRule>(PUBLIC);
}

/** A signed-in user may call this operation, whether or not they have chosen a role yet. */
export function SignedIn(): MethodAndPropDecorator {
  return Authorized<AccessRule>(SIGNED_IN);
}

/**
 * A signed-in user acting in one of these roles (or in any role, with `ANY_ROLE`) may call
 * this operation.
 *
 * @example
 *   @Allow('REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN')
 *   @Allow(...PROVIDER_ROLES)
 *   @Mutation(() => Referral)
 *   createReferral(...) { ... }
 */
export function Allow(...roles: readonly (Role | typeof ANY_ROLE)[]): MethodAndPropDecorator {
  // An empty list would deny everyone silently; say so when the class is defined instead.
  if (roles.length === 0) throw new Error('@Allow needs at least one role');
  return Authorized<AccessRule>(...roles);
}

/**
 * A field holding clinical content (letters, clinical comments, advice): null for roles that
 * never see clinical content. Declare the field `nullable: true`.
 */
export function ClinicalField(): MethodAndPropDecorator {
  return Authorized<AccessRule>(CLINICAL_CONTENT);
}

/** What a rule check decided. */
export type AccessDecision =
  | { readonly allowed: true }
  /** A clinical field, hidden from this role: resolves to null. */
  | { readonly allowed: false; readonly hide: true }
  | {
      readonly allowed: false;
      readonly hide: false;
      readonly code: Extract<
        ErrorCode,
        'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'ROLE_NOT_SELECTED' | 'FORBIDDEN'
      >;
    };

const ALLOW: AccessDecision = { allowed: true };
const HIDE: AccessDecision = { allowed: false, hide: true };
const refuse = (
  code: 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'ROLE_NOT_SELECTED' | 'FORBIDDEN',
): AccessDecision => ({ allowed: false, hide: false, code });

/**
 * Decides whether a request may use a field carrying `rules`. Pure: the request's
 * authentication and actor in, a decision out. No rules, or unknown ones, refuse.
 */
export function decideAccess(
  request: { readonly authentication: Authentication; readonly actor: Actor | null },
  rules: readonly string[],
): AccessDecision {
  if (rules.length === 0) return refuse('FORBIDDEN');
  if (rules.includes(CLINICAL_CONTENT)) {
    if (rules.length !== 1) return refuse('FORBIDDEN');
    return request.actor && canSeeClinicalContent(request.actor.role) ? ALLOW : HIDE;
  }
  if (!rules.every(isOperationRule)) return refuse('FORBIDDEN');
  if (rules.includes(PUBLIC)) return ALLOW;
  const { authentication, actor } = request;
  if (authentication.status === 'EXPIRED') return refuse('SESSION_EXPIRED');
  if (authentication.status !== 'SIGNED_IN') return refuse('UNAUTHENTICATED');
  if (rules.includes(SIGNED_IN)) return ALLOW;
  if (!actor) return refuse('ROLE_NOT_SELECTED');
  if (rules.includes(ANY_ROLE) || rules.includes(actor.role)) return ALLOW;
  return refuse('FORBIDDEN');
}

/**
 * type-graphql's auth checker: applies {@link decideAccess}, throws the typed refusal (logged
 * with the field, role and request id) and returns false for hidden clinical fields, which the
 * schema's `authMode: 'null'` turns into null.
 */
export const authChecker: AuthCheckerFn<RequestContext, AccessRule> = (
  { context, info },
  rules,
) => {
  const decision = decideAccess(context, rules);
  if (decision.allowed) return true;
  if (decision.hide) return false;
  context.log.warn(
    {
      event: 'authorization_refused',
      field: `${info.parentType.name}.${info.fieldName}`,
      rules,
      code: decision.code,
      userId: context.actor?.userId ?? signedInUserId(context.authentication),
      role: context.actor?.role ?? null,
      organisationId: context.actor?.organisationId ?? null,
    },
    'authorization refused',
  );
  throw new DomainError(decision.code);
};

function signedInUserId(authentication: Authentication): string | null {
  return authentication.status === 'SIGNED_IN' ? authentication.user.id : null;
}

/** One root field of the schema and the rules type-graphql's metadata gives it. */
export interface OperationRules {
  readonly operation: 'Query' | 'Mutation' | 'Subscription';
  readonly field: string;
  /** The rules on the resolver method, or null when it has none. */
  readonly rules: readonly string[] | null;
}

/**
 * The rules on every root field of a schema built from `resolvers`, read from type-graphql's
 * metadata storage. A field with `rules: null` has no authorization rule.
 */
export function operationRules(
  schema: GraphQLSchema,
  resolvers: readonly ResolverClass[],
): OperationRules[] {
  const storage = getMetadataStorage();
  const handlers = {
    Query: storage.queries,
    Mutation: storage.mutations,
    Subscription: storage.subscriptions,
  } as const;
  const result: OperationRules[] = [];
  for (const operation of ['Query', 'Mutation', 'Subscription'] as const) {
    const type =
      operation === 'Query'
        ? schema.getQueryType()
        : operation === 'Mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    if (!type) continue;
    for (const field of Object.keys(type.getFields())) {
      const handler = handlers[operation].find(
        (h) => h.schemaName === field && resolvers.some((r) => inherits(r, h.target)),
      );
      const roles = handler?.roles;
      result.push({ operation, field, rules: roles && roles.length > 0 ? roles : null });
    }
  }
  return result;
}

/** A resolver class, as passed to type-graphql's `buildSchema`. */
export type ResolverClass = abstract new (...args: never[]) => unknown;

function inherits(resolver: ResolverClass, target: object): boolean {
  return (
    resolver === target ||
    (typeof target === 'function' && resolver.prototype instanceof (target as ResolverClass))
  );
}

/**
 * Deny by default at run time: every root field with no valid operation rule is replaced by
 * one that refuses with FORBIDDEN, so an operation someone forgot to protect is closed, not
 * open. (The schema test fails on such a field too.)
 */
export function enforceDenyByDefault(
  schema: GraphQLSchema,
  resolvers: readonly ResolverClass[],
): GraphQLSchema {
  for (const { operation, field, rules } of operationRules(schema, resolvers)) {
    if (rules && rules.every(isOperationRule)) continue;
    const type =
      operation === 'Query'
        ? schema.getQueryType()
        : operation === 'Mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    const definition = type!.getFields()[field] as GraphQLField<unknown, RequestContext>;
    const deny = (_root: unknown, _args: unknown, context: RequestContext) => {
      context.log.error(
        { event: 'authorization_refused', field: `${operation}.${field}`, code: 'FORBIDDEN' },
        'operation has no authorization rule; refused',
      );
      throw new DomainError('FORBIDDEN');
    };
    definition.resolve = deny;
    if (operation === 'Subscription') definition.subscribe = deny;
  }
  return schema;
}

/** The request's actor, or the refusal for a request without one. */
export function requireActor(context: Pick<RequestContext, 'authentication' | 'actor'>): Actor {
  const decision = decideAccess(context, [ANY_ROLE]);
  if (!decision.allowed || !context.actor) {
    throw new DomainError(decision.allowed || decision.hide ? 'FORBIDDEN' : decision.code);
  }
  return context.actor;
}

/**
 * Enforces legitimate relationship to a referral with the domain's rule: `NO_RELATIONSHIP`
 * when the actor's organisation is not a party, `FORBIDDEN` when `needs` is `CLINICAL` and the
 * role never sees clinical content. Returns what the actor may see.
 *
 * @example
 *   const access = requireReferralAccess(ctx, referral.parties());
 *   await ctx.audit.record({ action: 'VIEW_REFERRAL', ubrn: referral.ubrn, patientId });
 */
export function requireReferralAccess(
  context: Pick<RequestContext, 'authentication' | 'actor'>,
  parties: ReferralParties,
  needs: Exclude<AccessLevel, 'NONE'> = 'ADMINISTRATIVE',
): Exclude<AccessLevel, 'NONE'> {
  const actor = requireActor(context);
  const access = referralAccess(parties, actor);
  if (access === 'NONE') throw new DomainError('NO_RELATIONSHIP');
  if (needs === 'CLINICAL' && access !== 'CLINICAL') throw new DomainError('FORBIDDEN');
  return access;
}

/**
 * `value` for actors who may see clinical content, else null: for clinical content returned
 * outside a GraphQL field (downloads, letters, events built by hand).
 */
export function clinicalOrNull<T>(context: Pick<RequestContext, 'actor'>, value: T): T | null {
  return context.actor && canSeeClinicalContent(context.actor.role) ? value : null;
}
