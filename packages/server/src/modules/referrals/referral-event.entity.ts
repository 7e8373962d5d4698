import {
  DateTimeType,
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { Referral } from './referral.entity.js';

/**
 * One accepted event in a referral's history: what happened, who did it in which role for which
 * organisation, when, with which reason and comment. Rows are only ever added.
 */
@Entity({ tableName: 'referral_event' })
@Index({ properties: ['referral', 'version'] })
export class ReferralEventRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Referral, ref: true })
  referral!: Ref<Referral>;

  /** The referral version this event produced. */
  @Property({ type: 'integer' })
  version!: number;

  /** CREATE_REFERRAL or a domain event type. */
  @Property({ type: 'string', length: 40 })
  type!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  fromState?: string | null;

  @Property({ type: 'string', length: 40 })
  toState!: string;

  @Property({ type: 'string', length: 60, nullable: true })
  reason?: string | null;

  /** Clinical content: hidden from admin roles. */
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Property({ type: 'string', length: 64 })
  userId!: string;

  @Property({ type: 'string', length: 40 })
  role!: string;

  @Property({ type: 'string', length: 64 })
  organisationId!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  onBehalfOfUserId?: string | null;

  @Property({ type: DateTimeType })
  occurredAt!: Date;

  @Property({ type: 'string', length: 100, nullable: true })
  requestId?: string | null;

  /** Event facts worth keeping (service, slot, appointment time, new priority...). */
  @Property({ type: 'json', nullable: true })
  details?: Record<string, unknown> | null;
}
