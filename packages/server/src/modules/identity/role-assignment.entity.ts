import {
  DateTimeType,
  Entity,
  Enum,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import type { Role } from '@open-ers/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../../graphql/enums.js';
import { Organisation } from '../directory/index.js';
import { User } from './user.entity.js';

/**
 * One role a user holds at one organisation (reference §2): after signing in, a user chooses one
 * of their role assignments to act as, and every rule is checked against it.
 */
@ObjectType({ description: 'A role a user holds at an organisation.' })
@Entity({ tableName: 'role_assignment' })
@Unique({ properties: ['user', 'role', 'organisation'] })
export class RoleAssignment {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Field(() => RoleEnum)
  @Enum({ items: () => RoleEnum })
  role!: Role;

  @ManyToOne({ entity: () => Organisation, ref: true, index: true })
  organisation!: Ref<Organisation>;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();
}

/**
 * Links an admin's role assignment to a clinician's at the same organisation: a service provider
 * clinician admin may act on behalf of the linked service provider clinicians, and a referring
 * clinician admin may name the linked referring clinicians on new referrals. The domain's
 * `mayLinkClinician` decides which links are allowed.
 */
@Entity({ tableName: 'clinician_link' })
@Unique({ properties: ['admin', 'clinician'] })
export class ClinicianLink {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => RoleAssignment, ref: true, deleteRule: 'cascade' })
  admin!: Ref<RoleAssignment>;

  @ManyToOne({ entity: () => RoleAssignment, ref: true, deleteRule: 'cascade', index: true })
  clinician!: Ref<RoleAssignment>;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();
}
