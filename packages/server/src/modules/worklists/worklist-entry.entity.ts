import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { Priority, ReferralState, WorklistCode } from '@open-ers/domain';
import { Referral } from '../referrals/referral.entity.js';

/**
 * A referral's place on one organisation's worklist: the domain's worklist rules projected into
 * a table so a worklist page is one index range scan, already in clinical-priority order.
 * Rewritten for a referral in the same transaction as every change to it.
 */
@Entity({ tableName: 'worklist_entry' })
@Index({
  name: 'worklist_entry_page',
  properties: ['organisationId', 'worklist', 'priorityRank', 'sortAt', 'ubrn'],
})
export class WorklistEntryRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Referral, ref: true, index: true })
  referral!: Ref<Referral>;

  @Property({ type: 'string', length: 12 })
  ubrn!: string;

  @Property({ type: 'string', length: 64 })
  organisationId!: string;

  @Property({ type: 'string', length: 50 })
  worklist!: WorklistCode;

  @Property({ type: 'string', length: 20 })
  priority!: Priority;

  /** 0 is the most urgent. */
  @Property({ type: 'integer' })
  priorityRank!: number;

  /** After priority, entries sort by this instant (oldest first, or soonest due). */
  @Property({ type: 'datetime' })
  sortAt!: Date;

  @Property({ type: 'string', length: 40 })
  state!: ReferralState;

  @Property({ type: 'datetime' })
  stateChangedAt!: Date;

  /** For filters: the service, specialty and clinician of the entry. */
  @Property({ type: 'string', length: 64, nullable: true })
  serviceId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  specialtyCode?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Property({ type: 'datetime', nullable: true })
  letterDueAt?: Date | null;

  @Property({ type: 'date', nullable: true })
  patientContactBy?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  requestContextStatus?: string | null;
}
