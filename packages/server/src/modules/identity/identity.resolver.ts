import { roleInfo } from '@open-ers/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Organisation } from '../directory/index.js';
import { Public, SignedIn } from '../../graphql/authorization.js';
import { Me, SignInResult } from './identity.types.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';

@Resolver()
export class IdentityResolver {
  @Public()
  @Mutation(() => SignInResult, {
    description:
      'Signs in with a username and password. Sets the session cookie for the web app and ' +
      'returns the token for API clients. Refused with INVALID_CREDENTIALS, or RATE_LIMITED ' +
      'after 5 failed attempts in 15 minutes.',
  })
  async signIn(
    @Ctx() ctx: RequestContext,
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
  ): Promise<SignInResult> {
    const outcome = await ctx.services.identity.signIn({ username, password });
    ctx.sessionTransport.issue(outcome.token);
    return outcome;
  }

  @SignedIn()
  @Mutation(() => Me, {
    description:
      'Chooses the role and organisation to act as. A service provider clinician admin must ' +
      'name the linked clinician they act for (onBehalfOfUserId); a referring clinician admin ' +
      'names the linked referring clinician their new referrals are made for.',
  })
  selectRole(
    @Ctx() ctx: RequestContext,
    @Arg('roleAssignmentId', () => ID) roleAssignmentId: string,
    @Arg('onBehalfOfUserId', () => ID, { nullable: true }) onBehalfOfUserId?: string | null,
  ): Promise<Me> {
    return ctx.services.identity.selectRole(roleAssignmentId, onBehalfOfUserId ?? null);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Ends the session and clears the session cookie. Always succeeds.',
  })
  async signOut(@Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.identity.signOut();
    ctx.sessionTransport.clear();
    return true;
  }

  @Public()
  @Query(() => Me, {
    nullable: true,
    description: 'The signed-in user, their roles and the one they act as; null when signed out.',
  })
  me(@Ctx() ctx: RequestContext): Promise<Me | null> {
    return ctx.services.identity.me();
  }
}

/** What a role assignment shows: its organisation, the role's name and linked clinicians. */
@Resolver(() => RoleAssignment)
export class RoleAssignmentFieldResolver {
  @FieldResolver(() => Organisation)
  organisation(@Root() assignment: RoleAssignment): Promise<Organisation> {
    return assignment.organisation.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => String, { description: 'The role’s name, like Referring clinician.' })
  roleName(@Root() assignment: RoleAssignment): string {
    return roleInfo(assignment.role).name;
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether this role sees clinical content (admin roles never do).',
  })
  seesClinicalContent(@Root() assignment: RoleAssignment): boolean {
    return roleInfo(assignment.role).seesClinicalContent;
  }

  @FieldResolver(() => [User], {
    description:
      'The clinicians this admin role acts for (service provider clinician admin) or may name ' +
      'on referrals (referring clinician admin); empty for other roles.',
  })
  clinicians(@Root() assignment: RoleAssignment, @Ctx() ctx: RequestContext): Promise<User[]> {
    return ctx.services.identity.cliniciansFor(assignment);
  }
}
