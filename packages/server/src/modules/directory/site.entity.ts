import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Organisation } from './organisation.entity.js';

/** A place where a provider runs services: an address with coordinates. */
@ObjectType({ description: 'A location where a provider runs services.' })
@Entity({ tableName: 'site' })
@Index({ properties: ['latitude', 'longitude'] })
export class Site {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'ODS-style site code, for example RR801.' })
  @Property({ type: 'string', length: 12, unique: true })
  odsCode!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne({ entity: () => Organisation, ref: true, index: true })
  organisation!: Ref<Organisation>;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  addressLine!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  town!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 10 })
  postcode!: string;

  @Field(() => Float)
  @Property({ type: 'double' })
  latitude!: number;

  @Field(() => Float)
  @Property({ type: 'double' })
  longitude!: number;
}
