import { type DomainError, ROLES, type Actor } from '@open-ers/domain';
import { graphql, isNonNullType, isObjectType } from 'graphql';
import { pino } from 'pino';
import { getMetadataStorage, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import type { Authentication, Session, User } from '../modules/identity/index.js';
import { CLINICAL_CONTENT, isOperationRule, operationRules } from './authorization.js';
import type { RequestContext } from './context.js';
import { createSchema, RESOLVERS } from './schema.js';

/**
 * Deny by default, checked on the built schema: every query, mutation and subscription must
 * carry an authorization rule (`@Public`, `@SignedIn` or `@Allow`). Adding an operation
 * without one fails here.
 */
describe('authorization rules on the schema', () => {
  it('puts an operation rule on every query, mutation and subscription', async () => {
    const schema = await createSchema();
    const operations = operationRules(schema, RESOLVERS);
    expect(operations.length).toBeGreaterThan(0);
    const unprotected = operations
      .filter(({ rules }) => !rules || !rules.every(isOperationRule))
      .map(
        ({ operation, field, rules }) =>
          `${operation}.${field} (${rules?.join(', ') ?? 'no rule'})`,
      );
    expect(unprotected, 'operations without an authorization rule').toEqual([]);
    // Every root field of the built schema was found in the metadata.
    const rootFields = [
      schema.getQueryType(),
      schema.getMutationType(),
      schema.getSubscriptionType(),
    ]
      .flatMap((type) =>
        type ? Object.keys(type.getFields()).map((f) => `${type.name}.${f}`) : [],
      )
      .sort();
    expect(operations.map((o) => `${o.operation}.${o.field}`).sort()).toEqual(rootFields);
  });

  it('declares every clinical field nullable, so it can be withheld from admin roles', async () => {
    const schema = await createSchema();
    const storage = getMetadataStorage();
    const clinical = storage.authorizedFields.filter((f) => f.roles.includes(CLINICAL_CONTENT));
    const problems: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const marked = clinical.some(
          (c) =>
            c.fieldName === field.name &&
            storage.objectTypes.some((o) => o.target === c.target && o.name === type.name),
        );
        if (marked && isNonNullType(field.type)) problems.push(`${type.name}.${field.name}`);
      }
    }
    expect(problems, 'clinical fields that are not nullable').toEqual([]);
  });
});

@Resolver()
class ForgottenResolver {
  // No rule: the kind of mistake the checks above exist for.
  @Query(() => String)
  forgotten(): string {
    return 'secret';
  }
}

describe('an operation without a rule', () => {
  const log = pino({ level: 'silent' });
  const signedIn: Authentication = {
    status: 'SIGNED_IN',
    session: {} as Session,
    user: { id: 'u1' } as User,
  };

  it('is reported by the schema walk', async () => {
    const schema = await createSchema([ForgottenResolver]);
    expect(operationRules(schema, [ForgottenResolver])).toEqual([
      { operation: 'Query', field: 'forgotten', rules: null },
    ]);
  });

  it('is refused at run time for every role (deny by default)', async () => {
    const schema = await createSchema([ForgottenResolver]);
    for (const role of ROLES) {
      const actor: Actor = { userId: 'u1', role, organisationId: 'o1' };
      const result = await graphql({
        schema,
        source: '{ forgotten }',
        contextValue: { authentication: signedIn, actor, log } as unknown as RequestContext,
      });
      expect(result.data, role).toBeNull();
      expect((result.errors?.[0]?.originalError as DomainError).code, role).toBe('FORBIDDEN');
    }
  });
});
