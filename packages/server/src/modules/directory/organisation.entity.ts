import {
  DateTimeType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import type { OrganisationKind } from '@open-ers/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrganisationKindEnum } from '../../graphql/enums.js';

/** An organisation: a GP practice, a provider (trust or community service) or a commissioner. */
@ObjectType({ description: 'A GP practice, a provider organisation or a commissioner.' })
@Entity({ tableName: 'organisation' })
export class Organisation {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'ODS-style organisation code, for example RR8 or B86001.' })
  @Property({ type: 'string', length: 12, unique: true })
  odsCode!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => OrganisationKindEnum)
  @Enum({ items: () => OrganisationKindEnum })
  @Index()
  kind!: OrganisationKind;

  /** The commissioner a GP practice or provider belongs to. */
  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  commissioner?: Ref<Organisation> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  addressLine?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  town?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 10, nullable: true })
  postcode?: string | null;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();
}
