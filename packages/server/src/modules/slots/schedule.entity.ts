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
import type { Priority } from '@open-ers/domain';
import { Service } from '../directory/index.js';

/**
 * A recurring session template of a service: on these weekdays, every `everyWeeks` weeks from
 * `validFrom`, a session starts at `startTime` (UK local time), lasts `sessionMinutes` and is cut
 * into slots of `slotMinutes`, usable for `priorities`, optionally in a named clinician's
 * schedule. Bank holidays are skipped unless `includeBankHolidays`. Publication turns templates
 * into slots up to the service's horizon (the domain's `planSlots`).
 */
@Entity({ tableName: 'slot_schedule' })
export class SlotSchedule {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Service, ref: true, index: true })
  service!: Ref<Service>;

  /** A name staff recognise, like "Monday morning clinic". */
  @Property({ type: 'string', length: 100 })
  label!: string;

  /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
  @Property({ type: 'json' })
  weekdays!: number[];

  /** Local start time, `HH:MM`. */
  @Property({ type: 'string', length: 5 })
  startTime!: string;

  @Property({ type: 'integer' })
  sessionMinutes!: number;

  @Property({ type: 'integer' })
  slotMinutes!: number;

  @Property({ type: 'json' })
  priorities!: Priority[];

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  clinicianName?: string | null;

  @Property({ type: 'date' })
  validFrom!: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string | null;

  @Property({ type: 'integer', default: 1 })
  everyWeeks: number & Opt = 1;

  @Property({ type: 'boolean', default: false })
  includeBankHolidays: boolean & Opt = false;

  /** An ended template publishes nothing more (its published slots stay until cancelled). */
  @Property({ type: 'boolean', default: true })
  active: boolean & Opt = true;

  @Property({ type: 'integer', version: true })
  version: number & Opt = 1;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();

  @Property({ type: DateTimeType, onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  createdByUserId?: string | null;
}

export const SCHEDULE_EXCEPTION_KINDS = ['CANCEL_SESSION', 'EXTRA_SESSION'] as const;
export type ScheduleExceptionKind = (typeof SCHEDULE_EXCEPTION_KINDS)[number];

/**
 * A one-off change to a service's schedules on one date: a template's session cancelled
 * (`CANCEL_SESSION`, naming the template), or an extra session (`EXTRA_SESSION`, with its own
 * times, priorities and clinician).
 */
@Entity({ tableName: 'schedule_exception' })
@Index({ properties: ['service', 'date'] })
export class ScheduleException {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Service, ref: true })
  service!: Ref<Service>;

  @ManyToOne({ entity: () => SlotSchedule, ref: true, nullable: true })
  schedule?: Ref<SlotSchedule> | null;

  @Property({ type: 'date' })
  date!: string;

  @Enum({ items: () => SCHEDULE_EXCEPTION_KINDS })
  kind!: ScheduleExceptionKind;

  @Property({ type: 'string', length: 5, nullable: true })
  startTime?: string | null;

  @Property({ type: 'integer', nullable: true })
  sessionMinutes?: number | null;

  @Property({ type: 'integer', nullable: true })
  slotMinutes?: number | null;

  @Property({ type: 'json', nullable: true })
  priorities?: Priority[] | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  clinicianName?: string | null;

  /** Why (for a cancelled session): a slot cancellation reason code. */
  @Property({ type: 'string', length: 60, nullable: true })
  reason?: string | null;

  @Property({ type: DateTimeType })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'string', length: 64, nullable: true })
  createdByUserId?: string | null;
}
