import { DateTimeType, Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';

/**
 * A signed-in session. The client holds an opaque random token (in an HttpOnly cookie or as a
 * bearer token); only its SHA-256 hash is stored, so a copy of the database cannot be used to
 * sign in. The session records the role assignment the user chose to act as and, for a service
 * provider clinician admin, the clinician they act on behalf of.
 */
@Entity({ tableName: 'user_session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Hex SHA-256 of the token. */
  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade', index: true })
  user!: Ref<User>;

  /** The role assignment acted as; null until the user chooses one. */
  @ManyToOne({ entity: () => RoleAssignment, ref: true, nullable: true, deleteRule: 'set null' })
  actingRole?: Ref<RoleAssignment> | null;

  /** The clinician acted for (service provider clinician admins; optional for referring ones). */
  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: 'set null' })
  onBehalfOf?: Ref<User> | null;

  /** Which identity provider proved who the user is, for example `password`. */
  @Property({ type: 'string', length: 20 })
  provider!: string;

  @Property({ type: DateTimeType })
  createdAt!: Date;

  /** When the session was last used (moved forward at most once a minute). */
  @Property({ type: DateTimeType })
  lastSeenAt!: Date;

  /** The absolute end of the session, however busy. */
  @Property({ type: DateTimeType })
  expiresAt!: Date;

  @Property({ type: DateTimeType, nullable: true })
  revokedAt?: Date | null;
}
