import { Field, ObjectType } from 'type-graphql';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';

@ObjectType({ description: 'The role a session is acting as, and the clinician acted for.' })
export class ActingRole {
  @Field(() => RoleAssignment)
  roleAssignment!: RoleAssignment;

  @Field(() => User, {
    nullable: true,
    description:
      'The clinician acted for: always set for a service provider clinician admin, optional ' +
      'for a referring clinician admin, null for everyone else.',
  })
  onBehalfOf!: User | null;
}

@ObjectType({ description: 'The signed-in user, the roles they hold and the one they act as.' })
export class Me {
  @Field(() => User)
  user!: User;

  @Field(() => [RoleAssignment], {
    description: 'Every role the user holds, at each organisation.',
  })
  roleAssignments!: RoleAssignment[];

  @Field(() => ActingRole, {
    nullable: true,
    description: 'The role chosen with selectRole; null until one is chosen.',
  })
  acting!: ActingRole | null;

  @Field(() => Date, {
    description: 'When the session ends unless it is used again (8 hours idle, 12 at most).',
  })
  sessionExpiresAt!: Date;
}

@ObjectType({ description: 'A successful sign-in.' })
export class SignInResult {
  @Field(() => User)
  user!: User;

  @Field(() => [RoleAssignment])
  roleAssignments!: RoleAssignment[];

  @Field(() => ActingRole, {
    nullable: true,
    description:
      'Set when the user holds exactly one role that needs no clinician to act for: it is ' +
      'chosen for them. Otherwise call selectRole.',
  })
  acting!: ActingRole | null;

  @Field(() => String, {
    description:
      'The session token, for API clients to send as `Authorization: Bearer <token>`. The web ' +
      'app does not read it: its session travels in an HttpOnly cookie set by this response.',
  })
  token!: string;

  @Field(() => Date)
  sessionExpiresAt!: Date;
}
