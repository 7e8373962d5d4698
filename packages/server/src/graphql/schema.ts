import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DirectoryResolver, ServiceFieldResolver } from '../modules/directory/index.js';
import { PatientResolver } from '../modules/patients/index.js';
import { ReferralResolver, ReferralSlotsResolver } from '../modules/referrals/index.js';
import { WorklistResolver } from '../modules/worklists/index.js';
import './enums.js';

/** Every resolver class, module by module. */
export const RESOLVERS = [
  DirectoryResolver,
  ServiceFieldResolver,
  PatientResolver,
  ReferralResolver,
  ReferralSlotsResolver,
  WorklistResolver,
] as const;

/** Builds the executable schema from the resolver classes. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false });
}

/** The schema as SDL, sorted so the committed `schema.graphql` diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
