import {
  ArrayType,
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
import type {
  AppointmentType,
  BookableType,
  BookingPolicy,
  Priority,
  RequestFlow,
  SexTreated,
} from '@open-ers/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  AppointmentTypeEnum,
  BookableTypeEnum,
  PriorityEnum,
  RequestFlowEnum,
  SexTreatedEnum,
} from '../../graphql/enums.js';
import { Organisation } from './organisation.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';
import { Site } from './site.entity.js';

/**
 * A service in the Directory of Services: what a provider offers at a site, to whom, and how it
 * is asked for. Changes bump `version` (optimistic locking), so clients can tell a stale copy.
 */
@ObjectType({ description: 'A service in the Directory of Services.' })
@Entity({ tableName: 'service' })
@Index({ properties: ['specialty', 'clinicType'] })
export class Service {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @ManyToOne({ entity: () => Organisation, ref: true, index: true })
  provider!: Ref<Organisation>;

  @ManyToOne({ entity: () => Site, ref: true, index: true })
  site!: Ref<Site>;

  @ManyToOne({ entity: () => Specialty, ref: true })
  specialty!: Ref<Specialty>;

  @ManyToOne({ entity: () => ClinicType, ref: true, index: true })
  clinicType!: Ref<ClinicType>;

  @Field(() => AppointmentTypeEnum)
  @Enum({ items: () => AppointmentTypeEnum })
  appointmentType!: AppointmentType;

  @Field(() => RequestFlowEnum)
  @Enum({ items: () => RequestFlowEnum })
  requestFlow!: RequestFlow;

  @Field(() => BookableTypeEnum)
  @Enum({ items: () => BookableTypeEnum })
  bookableType!: BookableType;

  @Field(() => [PriorityEnum], { description: 'Priorities the service accepts.' })
  @Enum({ items: () => PriorityEnum, array: true, type: ArrayType })
  priorities!: Priority[];

  @Field(() => Int, { nullable: true, description: 'Youngest age treated, in years (inclusive).' })
  @Property({ type: 'integer', nullable: true })
  minAgeYears?: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age treated, in years (inclusive).' })
  @Property({ type: 'integer', nullable: true })
  maxAgeYears?: number | null;

  @Field(() => SexTreatedEnum)
  @Enum({ items: () => SexTreatedEnum })
  sexTreated!: SexTreated;

  @Field(() => Boolean, { description: 'Whether a referral letter must be attached.' })
  @Property({ type: 'boolean' })
  letterRequired!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'A warning for referrers, shown prominently in search results.',
  })
  @Property({ type: 'text', nullable: true })
  referrerAlert?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the patient or referrer must arrange first (tests, preparation), if anything.',
  })
  @Property({ type: 'text', nullable: true })
  additionalRequirements?: string | null;

  @Field(() => String, { nullable: true, description: 'Instructions for referrers.' })
  @Property({ type: 'text', nullable: true })
  instructions?: string | null;

  @Field(() => LocalDateResolver, { description: 'First day the service is in effect.' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Last day the service is in effect (inclusive), if it ends.',
  })
  @Property({ type: 'date', nullable: true })
  effectiveTo?: string | null;

  /**
   * Booking window per priority (hours ahead it opens, days ahead it closes); a priority without
   * one uses the domain default (1 hour to 26 weeks).
   */
  @Property({ type: 'json', nullable: true })
  bookingWindows?: BookingPolicy['windows'] | null;

  /** Days newly published slots stay reserved for the provider's own staff: 0, 1 or 2. */
  @Field(() => Int, { description: 'Days new slots are reserved for the provider’s own staff.' })
  @Property({ type: 'integer', default: 0 })
  reservationDays: number & Opt = 0;

  /** The published indicative wait in days, shown when no bookable slot is known. */
  @Field(() => Int, { nullable: true, description: 'Published indicative wait, in days.' })
  @Property({ type: 'integer', nullable: true })
  indicativeWaitDays?: number | null;

  /**
   * A draft is being prepared by the provider's service definers: it is never offered in search
   * and cannot be referred to until it is published.
   */
  @Field(() => Boolean, { description: 'Whether the service is a draft, not yet published.' })
  @Property({ type: 'boolean', default: false })
  draft: boolean & Opt = false;

  /**
   * Named clinicians whose own schedules the service runs (referrers may ask for one), as
   * `{ id, name }` pairs; ids are the provider's own (SDS-style) user ids.
   */
  @Property({ type: 'json', nullable: true })
  namedClinicians?: { id: string; name: string }[] | null;

  /**
   * What happens to the service's Appointment Slot Issues when free capacity appears: LEAVE
   * them for staff, OFFER the matched slot (held for the referral for `offerHoldHours`), or
   * BOOK it straight away as the provider's system. See the domain's slot-issue matching.
   */
  @Property({ type: 'string', length: 10, default: 'LEAVE' })
  slotIssuePolicy: string & Opt = 'LEAVE';

  /** How long a slot offered to a slot issue stays held for it, in hours. */
  @Property({ type: 'integer', default: 48 })
  offerHoldHours: number & Opt = 48;

  /** How many weeks ahead the service's schedules keep slots published (the horizon). */
  @Property({ type: 'integer', default: 26 })
  publicationWeeks: number & Opt = 26;

  @Field(() => Int, { description: 'Increases with every change to the service definition.' })
  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  /** The service's booking rules as the domain package sees them. */
  bookingPolicy(): BookingPolicy {
    return { windows: this.bookingWindows ?? {}, reservationDays: this.reservationDays };
  }
}
