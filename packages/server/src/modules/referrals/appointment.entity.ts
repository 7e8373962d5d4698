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
import { APPOINTMENT_STATUSES } from '@open-ers/domain';
import { enumObject } from '../../graphql/enums.js';
import { Service } from '../directory/index.js';
import { Slot } from '../slots/index.js';
import { Referral } from './referral.entity.js';

/**
 * Appointment statuses as stored: the domain's, plus PENDING while a booking is being confirmed
 * with the provider's system, and FAILED when that confirmation did not happen.
 */
export const STORED_APPOINTMENT_STATUSES = [...APPOINTMENT_STATUSES, 'PENDING', 'FAILED'] as const;
export type StoredAppointmentStatus = (typeof STORED_APPOINTMENT_STATUSES)[number];
export const AppointmentStatusEnum = enumObject(STORED_APPOINTMENT_STATUSES);

/** Statuses in which an appointment occupies its slot. */
export const ACTIVE_APPOINTMENT_STATUSES = ['PENDING', 'BOOKED'] as const;

/**
 * An appointment of a referral: booked into a slot, or proposed (deferred, sent for triage).
 *
 * **No double booking, enforced by the database**: a unique partial index allows at most one
 * PENDING or BOOKED appointment per slot, on SQLite and on PostgreSQL alike, whatever the
 * application does.
 */
@Entity({ tableName: 'appointment' })
@Unique({
  name: 'appointment_one_active_per_slot',
  expression:
    'create unique index "appointment_one_active_per_slot" on "appointment" ("slot_id") where "status" in (\'PENDING\', \'BOOKED\')',
})
export class Appointment {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Referral, ref: true, index: true })
  referral!: Ref<Referral>;

  @ManyToOne({ entity: () => Service, ref: true })
  service!: Ref<Service>;

  @ManyToOne({ entity: () => Slot, ref: true, nullable: true })
  slot?: Ref<Slot> | null;

  @Enum({ items: () => AppointmentStatusEnum })
  status!: StoredAppointmentStatus;

  @Property({ type: 'string', length: 40, nullable: true })
  proposalReason?: string | null;

  @Property({ type: DateTimeType, nullable: true })
  startAt?: Date | null;

  @Property({ type: DateTimeType, nullable: true })
  endAt?: Date | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Property({ type: 'string', length: 60, nullable: true })
  cancellationReason?: string | null;

  /** Whether this is the referral's current appointment (at most one per referral). */
  @Property({ type: 'boolean' })
  isCurrent!: boolean;

  @Property({ type: DateTimeType })
  createdAt!: Date;

  @Property({ type: DateTimeType })
  updatedAt: Date & Opt = new Date();
}
