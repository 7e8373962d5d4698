import {
  canSeeClinicalContent,
  DomainError,
  ROLES,
  type Actor,
  type ReferralParties,
  type Role,
} from '@open-ers/domain';
import { graphql } from 'graphql';
import { pino } from 'pino';
import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import type { Authentication, Session, User } from '../modules/identity/index.js';
import {
  Allow,
  ANY_ROLE,
  CLINICAL_CONTENT,
  ClinicalField,
  clinicalOrNull,
  decideAccess,
  PUBLIC,
  Public,
  requireActor,
  requireReferralAccess,
  SIGNED_IN,
} from './authorization.js';
import type { RequestContext } from './context.js';
import { createSchema } from './schema.js';

const anonymous: Authentication = { status: 'ANONYMOUS' };
const expired: Authentication = { status: 'EXPIRED' };
const signedIn: Authentication = {
  status: 'SIGNED_IN',
  session: {} as Session,
  user: { id: 'u1' } as User,
};
const actorAs = (role: Role, organisationId = 'org-1'): Actor => ({
  userId: 'u1',
  role,
  organisationId,
  onBehalfOfUserId: null,
});

describe('decideAccess', () => {
  it('lets anyone through a public rule, signed in or not', () => {
    for (const authentication of [anonymous, expired, signedIn]) {
      expect(decideAccess({ authentication, actor: null }, [PUBLIC])).toEqual({ allowed: true });
    }
  });

  it('refuses a signed-out request with UNAUTHENTICATED and an ended session with SESSION_EXPIRED', () => {
    for (const rules of [[SIGNED_IN], [ANY_ROLE], ['REFERRING_CLINICIAN']]) {
      expect(decideAccess({ authentication: anonymous, actor: null }, rules)).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(decideAccess({ authentication: expired, actor: null }, rules)).toMatchObject({
        code: 'SESSION_EXPIRED',
      });
    }
  });

  it('lets a signed-in user without a role through SIGNED_IN, and asks them to choose a role for anything else', () => {
    expect(decideAccess({ authentication: signedIn, actor: null }, [SIGNED_IN]).allowed).toBe(true);
    expect(decideAccess({ authentication: signedIn, actor: null }, [ANY_ROLE])).toMatchObject({
      code: 'ROLE_NOT_SELECTED',
    });
  });

  it('lets exactly the listed roles through a role rule, and every role through ANY_ROLE', () => {
    const rules: Role[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
    for (const role of ROLES) {
      const request = { authentication: signedIn, actor: actorAs(role) };
      expect(decideAccess(request, rules).allowed).toBe(rules.includes(role));
      if (!rules.includes(role))
        expect(decideAccess(request, rules)).toMatchObject({ code: 'FORBIDDEN' });
      expect(decideAccess(request, [ANY_ROLE]).allowed).toBe(true);
    }
  });

  it('denies by default: no rules, or rules it does not know, refuse everyone', () => {
    const request = { authentication: signedIn, actor: actorAs('REFERRING_CLINICIAN') };
    expect(decideAccess(request, [])).toMatchObject({ code: 'FORBIDDEN' });
    expect(decideAccess(request, ['ADMIN'])).toMatchObject({ code: 'FORBIDDEN' });
    expect(decideAccess({ authentication: anonymous, actor: null }, [])).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('hides clinical fields from every role that never sees clinical content, and from signed-out requests', () => {
    for (const role of ROLES) {
      const decision = decideAccess({ authentication: signedIn, actor: actorAs(role) }, [
        CLINICAL_CONTENT,
      ]);
      expect(decision.allowed).toBe(canSeeClinicalContent(role));
      if (!decision.allowed) expect(decision).toEqual({ allowed: false, hide: true });
    }
    expect(decideAccess({ authentication: anonymous, actor: null }, [CLINICAL_CONTENT])).toEqual({
      allowed: false,
      hide: true,
    });
    // The admin roles named by the issue, explicitly.
    for (const role of ['REFERRING_ADMIN', 'SERVICE_PROVIDER_ADMIN'] as const) {
      expect(canSeeClinicalContent(role)).toBe(false);
    }
  });
});

describe('the rule decorators', () => {
  it('refuse to build an @Allow rule with no roles, which would shut everyone out unnoticed', () => {
    expect(() => Allow()).toThrow(/at least one role/);
  });
});

describe('requireActor and requireReferralAccess', () => {
  const parties: ReferralParties = {
    patientId: 'p1',
    referringOrganisationId: 'practice-1',
    commissioningOrganisationId: 'icb-1',
    providerOrganisationIds: ['provider-1'],
  };
  const as = (role: Role, organisationId: string) => ({
    authentication: signedIn,
    actor: actorAs(role, organisationId),
  });
  const code = (fn: () => unknown) => {
    try {
      fn();
      return null;
    } catch (error) {
      return error instanceof DomainError ? error.code : 'NOT_A_DOMAIN_ERROR';
    }
  };

  it('gives the actor to a request acting in a role, and refuses the others with their code', () => {
    expect(requireActor(as('COMMISSIONER', 'icb-1')).role).toBe('COMMISSIONER');
    expect(code(() => requireActor({ authentication: anonymous, actor: null }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(() => requireActor({ authentication: signedIn, actor: null }))).toBe(
      'ROLE_NOT_SELECTED',
    );
  });

  it('refuses organisations that are not parties to the referral with NO_RELATIONSHIP', () => {
    expect(
      code(() => requireReferralAccess(as('REFERRING_CLINICIAN', 'practice-2'), parties)),
    ).toBe('NO_RELATIONSHIP');
    expect(
      code(() => requireReferralAccess(as('SERVICE_PROVIDER_CLINICIAN', 'provider-2'), parties)),
    ).toBe('NO_RELATIONSHIP');
    expect(code(() => requireReferralAccess(as('SERVICE_DEFINER', 'provider-1'), parties))).toBe(
      'NO_RELATIONSHIP',
    );
  });

  it('gives clinical access to clinicians and administrative access to admin roles of the parties', () => {
    expect(requireReferralAccess(as('REFERRING_CLINICIAN', 'practice-1'), parties)).toBe(
      'CLINICAL',
    );
    expect(requireReferralAccess(as('REFERRING_ADMIN', 'practice-1'), parties)).toBe(
      'ADMINISTRATIVE',
    );
    expect(
      code(() =>
        requireReferralAccess(as('SERVICE_PROVIDER_ADMIN', 'provider-1'), parties, 'CLINICAL'),
      ),
    ).toBe('FORBIDDEN');
  });

  it('keeps clinical values from roles that never see clinical content', () => {
    expect(clinicalOrNull({ actor: actorAs('SERVICE_PROVIDER_CLINICIAN') }, 'letter')).toBe(
      'letter',
    );
    expect(clinicalOrNull({ actor: actorAs('SERVICE_PROVIDER_ADMIN') }, 'letter')).toBeNull();
    expect(clinicalOrNull({ actor: null }, 'letter')).toBeNull();
  });
});

// A resolver with a clinical field, to show the field rule through a real schema and executor.
@ObjectType()
class TestReferralView {
  @Field(() => String)
  ubrn!: string;

  @ClinicalField()
  @Field(() => String, { nullable: true })
  clinicalSummary!: string | null;
}

@Resolver()
class TestReferralResolver {
  @Allow(ANY_ROLE)
  @Query(() => TestReferralView)
  testReferral(@Ctx() _ctx: RequestContext): TestReferralView {
    return { ubrn: '000049614844', clinicalSummary: 'Chest pain on exertion for three weeks.' };
  }

  @Public()
  @Query(() => String)
  testPing(): string {
    return 'pong';
  }
}

describe('the auth checker in an executed schema', () => {
  const log = pino({ level: 'silent' });
  const context = (authentication: Authentication, actor: Actor | null) =>
    ({ authentication, actor, log }) as unknown as RequestContext;

  it('returns clinical fields to clinical roles and null to every other role (admin roles never receive clinical content)', async () => {
    const schema = await createSchema([TestReferralResolver]);
    for (const role of ROLES) {
      const result = await graphql({
        schema,
        source: '{ testReferral { ubrn clinicalSummary } }',
        contextValue: context(signedIn, actorAs(role)),
      });
      expect(result.errors, role).toBeUndefined();
      expect(result.data, role).toEqual({
        testReferral: {
          ubrn: '000049614844',
          clinicalSummary: canSeeClinicalContent(role)
            ? 'Chest pain on exertion for three weeks.'
            : null,
        },
      });
    }
  });

  it('throws the typed refusal for an operation the request may not use', async () => {
    const schema = await createSchema([TestReferralResolver]);
    const result = await graphql({
      schema,
      source: '{ testReferral { ubrn } }',
      contextValue: context(anonymous, null),
    });
    expect(result.data).toBeNull();
    const original = result.errors?.[0]?.originalError;
    expect(original).toBeInstanceOf(DomainError);
    expect((original as DomainError).code).toBe('UNAUTHENTICATED');
  });
});
