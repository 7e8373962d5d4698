import {
  DateTimeType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import {
  SLOT_STATUSES,
  type Priority,
  type Slot as DomainSlot,
  type SlotStatus,
} from '@open-ers/domain';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { enumObject, PriorityEnum } from '../../graphql/enums.js';
import { Service } from '../directory/index.js';

export const SlotStatusEnum = enumObject(SLOT_STATUSES);

/** The column that says a slot may be booked for a priority. */
export const PRIORITY_COLUMN = {
  ROUTINE: 'forRoutine',
  URGENT: 'forUrgent',
  TWO_WEEK_WAIT: 'forTwoWeekWait',
} as const satisfies Record<Priority, keyof Slot>;

/**
 * A published appointment slot. Booking it is guarded twice: a compare-and-swap on `status`
 * here, and a unique index on the active appointment of a slot (see Appointment), so two
 * bookings of one slot are impossible even if the first check is bypassed.
 */
@ObjectType({ description: 'A published appointment slot.' })
@Entity({ tableName: 'slot' })
@Index({ properties: ['service', 'startAt'] })
@Index({ properties: ['status', 'heldUntil'] })
@Unique({ name: 'slot_service_source_key_unique', properties: ['service', 'sourceKey'] })
export class Slot {
  [OptionalProps]?: 'priorities' | 'serviceId' | 'offer';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Service, ref: true })
  service!: Ref<Service>;

  @Field(() => DateTimeISOResolver)
  @Property({ type: DateTimeType })
  startAt!: Date;

  @Field(() => DateTimeISOResolver)
  @Property({ type: DateTimeType })
  endAt!: Date;

  /** Which priorities the slot may be booked for: one column each, so queries stay indexable. */
  @Property({ type: 'boolean' })
  forRoutine!: boolean;

  @Property({ type: 'boolean' })
  forUrgent!: boolean;

  @Property({ type: 'boolean' })
  forTwoWeekWait!: boolean;

  /** The clinician whose schedule the slot is in, if it is a named clinician's. */
  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  clinicianName?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Enum({ items: () => SlotStatusEnum })
  status: SlotStatus & Opt = 'FREE';

  /** While HELD: when the hold lapses (a lapsed hold counts as free). */
  @Property({ type: DateTimeType, nullable: true })
  heldUntil?: Date | null;

  /** While HELD: the referral the hold is for. */
  @Property({ type: 'string', length: 12, nullable: true })
  heldForUbrn?: string | null;

  @Property({ type: DateTimeType })
  publishedAt!: Date;

  /**
   * Where the slot came from, unique within its service, which makes publication idempotent:
   * `s:<scheduleId>:<start ISO>` for a schedule's slot, `x:<the provider system's slot id>` for a
   * slot fed by the provider's own system. Null for slots made any other way.
   */
  @Property({ type: 'string', length: 160, nullable: true })
  sourceKey?: string | null;

  /** The schedule that published the slot, if one did. */
  @Property({ type: 'uuid', nullable: true })
  scheduleId?: string | null;

  /** While HELD: whether the hold is an offer to a slot issue (automatic resolution). */
  @Property({ type: 'boolean', default: false })
  offer: boolean & Opt = false;

  /** For a BLOCKED or CANCELLED slot: the reason code and any comment. */
  @Property({ type: 'string', length: 60, nullable: true })
  statusReason?: string | null;

  @Property({ type: 'text', nullable: true })
  statusComment?: string | null;

  @Field(() => [PriorityEnum], { description: 'Priorities the slot may be booked for.' })
  get priorities(): Priority[] {
    const list: Priority[] = [];
    if (this.forTwoWeekWait) list.push('TWO_WEEK_WAIT');
    if (this.forUrgent) list.push('URGENT');
    if (this.forRoutine) list.push('ROUTINE');
    return list;
  }

  @Field(() => ID)
  get serviceId(): string {
    return this.service.id;
  }

  /** The slot as the domain package's rules see it. */
  toDomain(): DomainSlot {
    return {
      id: this.id,
      serviceId: this.service.id,
      start: this.startAt,
      end: this.endAt,
      priorities: this.priorities,
      clinicianId: this.clinicianId ?? null,
      status: this.status,
      heldUntil: this.heldUntil ?? null,
      heldForUbrn: this.heldForUbrn ?? null,
      publishedAt: this.publishedAt,
    };
  }
}

/** Priority columns for a list of priorities. */
export function priorityColumns(priorities: readonly Priority[]) {
  return {
    forRoutine: priorities.includes('ROUTINE'),
    forUrgent: priorities.includes('URGENT'),
    forTwoWeekWait: priorities.includes('TWO_WEEK_WAIT'),
  };
}
