import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DirectoryResolver, ServiceFieldResolver } from '../modules/directory/index.js';
import { PatientResolver } from '../modules/patients/index.js';
import { ReferralResolver, ReferralSlotsResolver } from '../modules/referrals/index.js';
import { WorklistResolver, WorklistSubscriptionResolver } from '../modules/worklists/index.js';
import './enums.js';

/** Every resolver class, module by module. */
export const RESOLVERS = [
  DirectoryResolver,
  ServiceFieldResolver,
  PatientResolver,
  ReferralResolver,
  ReferralSlotsResolver,
  WorklistResolver,
  WorklistSubscriptionResolver,
] as const;

/**
 * Builds the executable schema from the resolver classes. Subscriptions read the event bus from
 * the request context, so one schema serves any number of servers in a process.
 */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, pubSub: CONTEXT_PUBSUB_ONLY });
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
