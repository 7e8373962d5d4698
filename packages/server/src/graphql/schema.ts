import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../modules/audit/index.js';
import { DirectoryResolver, ServiceFieldResolver } from '../modules/directory/index.js';
import { IdentityResolver, RoleAssignmentFieldResolver } from '../modules/identity/index.js';
import { authChecker, enforceDenyByDefault, type ResolverClass } from './authorization.js';
import './enums.js';

/** Every resolver class, module by module. */
export const RESOLVERS = [
  DirectoryResolver,
  ServiceFieldResolver,
  IdentityResolver,
  RoleAssignmentFieldResolver,
  AuditResolver,
] as const;

/**
 * Builds the executable schema from resolver classes (by default, every module's), with the
 * authorization rules applied: operations carry `@Public`, `@SignedIn` or `@Allow` rules, a
 * clinical field (`@ClinicalField`) is null for roles that never see clinical content, and an
 * operation without a rule is refused.
 */
export async function createSchema(
  resolvers: readonly [ResolverClass, ...ResolverClass[]] = RESOLVERS,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers] as [ResolverClass, ...ResolverClass[]],
    validate: false,
    authChecker,
    authMode: 'null',
  });
  return enforceDenyByDefault(schema, resolvers);
}

/** The schema as SDL, sorted so the committed `schema.graphql` diffs cleanly. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
