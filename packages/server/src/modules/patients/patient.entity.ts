import {
  DateTimeType,
  Entity,
  Enum,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import type { PatientSex } from '@open-ers/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { PatientSexEnum } from '../../graphql/enums.js';
import { Organisation } from '../directory/index.js';

/** A patient as the NHS Personal Demographics Service would describe them. */
@ObjectType({ description: 'A patient, identified by their NHS number.' })
@Entity({ tableName: 'patient' })
export class Patient {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: '10 digits, no spaces. Show it as 943 476 5919.' })
  @Property({ type: 'string', length: 10, unique: true })
  nhsNumber!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  givenName!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  familyName!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  dateOfBirth!: string;

  @Field(() => PatientSexEnum)
  @Enum({ items: () => PatientSexEnum })
  sex!: PatientSex;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  addressLine!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  town!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 10 })
  postcode!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 30, nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  email?: string | null;

  /** The GP practice the patient is registered with; referrals need one (NO_REG_GP_PRACTICE). */
  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  registeredPractice?: Ref<Organisation> | null;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();
}
