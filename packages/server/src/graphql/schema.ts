import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AdviceResolver } from '../modules/advice/index.js';
import { AuditResolver } from '../modules/audit/index.js';
import { DirectoryResolver, ServiceFieldResolver } from '../modules/directory/index.js';
import { ServiceDefinitionResolver } from '../modules/directory/service-definitions.resolver.js';
import { ScheduleResolver } from '../modules/slots/schedules.resolver.js';
import { SlotMaintenanceResolver } from '../modules/slots/slot-maintenance.resolver.js';
import { IdentityResolver, RoleAssignmentFieldResolver } from '../modules/identity/index.js';
import { PatientResolver } from '../modules/patients/index.js';
import { ReferralResolver, ReferralSlotsResolver } from '../modules/referrals/index.js';
import { WorklistResolver, WorklistSubscriptionResolver } from '../modules/worklists/index.js';
import { guardArguments } from './argument-guard.js';
import { authChecker, enforceDenyByDefault, type ResolverClass } from './authorization.js';
import './enums.js';

/** Every resolver class, module by module. */
export const RESOLVERS = [
  DirectoryResolver,
  ServiceFieldResolver,
  ServiceDefinitionResolver,
  ScheduleResolver,
  SlotMaintenanceResolver,
  IdentityResolver,
  RoleAssignmentFieldResolver,
  AuditResolver,
  PatientResolver,
  ReferralResolver,
  ReferralSlotsResolver,
  AdviceResolver,
  WorklistResolver,
  WorklistSubscriptionResolver,
] as const;

/**
 * Builds the executable schema from resolver classes (by default, every module's), with the
 * authorization rules applied: operations carry `@Public`, `@SignedIn` or `@Allow` rules, a
 * clinical field (`@ClinicalField`) is null for roles that never see clinical content, and an
 * operation without a rule is refused. Subscriptions read the event bus from the request
 * context, so one schema serves any number of servers in a process. Every field's arguments
 * are checked at the edge first (`argument-guard.ts`).
 */
export async function createSchema(
  resolvers: readonly [ResolverClass, ...ResolverClass[]] = RESOLVERS,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers] as [ResolverClass, ...ResolverClass[]],
    validate: false,
    pubSub: CONTEXT_PUBSUB_ONLY,
    authChecker,
    authMode: 'null',
  });
  return guardArguments(enforceDenyByDefault(schema, resolvers));
}

/**
 * type-graphql insists on a schema-wide pub/sub even though every subscription here uses its
 * own `subscribe` function over the request context's event bus; this one refuses to be used.
 */
const CONTEXT_PUBSUB_ONLY = {
  publish() {
    throw new Error('Publish through the event bus, not the schema');
  },
  subscribe(): AsyncIterable<unknown> {
    throw new Error('Subscribe through the request context’s event bus');
  },
};

/** The schema as SDL, sorted so the committed `schema.graphql` diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
