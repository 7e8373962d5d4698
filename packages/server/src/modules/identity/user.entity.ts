import { DateTimeType, Entity, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A person who signs in to open-ers. What they may do comes from their role assignments, never
 * from the user record itself.
 */
@ObjectType({ description: 'A person who signs in to open-ers.' })
@Entity({ tableName: 'app_user' })
export class User {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The sign-in name, stored in lower case (see `normaliseUsername`). */
  @Field(() => String)
  @Property({ type: 'string', length: 100, unique: true })
  username!: string;

  @Field(() => String, { description: 'The name shown to other users, like Dr Asha Patel.' })
  @Property({ type: 'string', length: 200 })
  displayName!: string;

  /**
   * The professional identifier, as the Spine Directory Service (SDS) user id an NHS smartcard
   * or CIS2 sign-in carries. An OpenID Connect provider matches its users on this.
   */
  @Field(() => String, {
    nullable: true,
    description: 'Professional (SDS-style) user id, as carried by an NHS smartcard.',
  })
  @Property({ type: 'string', length: 20, nullable: true, unique: true })
  professionalId?: string | null;

  /**
   * Argon2id hash of the password, or null for a user who signs in only through an external
   * identity provider. Never exposed through GraphQL.
   */
  @Property({ type: 'string', length: 255, nullable: true, hidden: true, lazy: false })
  passwordHash?: string | null;

  /** An inactive user cannot sign in, and their open sessions stop working. */
  @Property({ type: 'boolean' })
  active: boolean & Opt = true;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();
}

/** Usernames are matched without regard to case or surrounding spaces. */
export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}
