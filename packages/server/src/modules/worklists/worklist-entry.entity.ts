import {
  Check,
  DateTimeType,
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import type { AdviceState, Priority, ReferralState, WorklistCode } from '@open-ers/domain';
import { AdviceRequest } from '../advice/advice.entity.js';
import { Referral } from '../referrals/referral.entity.js';

/**
 * A referral's or advice request's place on one organisation's worklist: the domain's worklist
 * rules (`referralWorklistEntries`, `adviceWorklistEntries`) projected into one table so a
 * worklist page is one index range scan, already in clinical-priority order, and the dashboard
 * counts are one grouped query. Rewritten for a referral or advice request in the same
 * transaction as every change to it. Exactly one of `referral` and `adviceRequest` is set.
 */
@Entity({ tableName: 'worklist_entry' })
@Check({
  name: 'worklist_entry_one_subject',
  expression: '(referral_id is null) <> (advice_request_id is null)',
})
@Index({
  name: 'worklist_entry_page',
  properties: ['organisationId', 'worklist', 'priorityRank', 'sortAt', 'ubrn'],
})
export class WorklistEntryRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  // An entry is only a projection of its referral or advice request: it goes with it.
  @ManyToOne({
    entity: () => Referral,
    ref: true,
    nullable: true,
    index: true,
    deleteRule: 'cascade',
  })
  referral?: Ref<Referral> | null;

  /** Set instead of `referral` on the advice worklists. */
  @ManyToOne({
    entity: () => AdviceRequest,
    ref: true,
    nullable: true,
    index: true,
    deleteRule: 'cascade',
  })
  adviceRequest?: Ref<AdviceRequest> | null;

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
  @Property({ type: DateTimeType })
  sortAt!: Date;

  /** The referral's state, or the advice request's. */
  @Property({ type: 'string', length: 40 })
  state!: ReferralState | AdviceState;

  @Property({ type: DateTimeType })
  stateChangedAt!: Date;

  /** For filters: the service, specialty and clinician of the entry. */
  @Property({ type: 'string', length: 64, nullable: true })
  serviceId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  specialtyCode?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  clinicianId?: string | null;

  @Property({ type: DateTimeType, nullable: true })
  letterDueAt?: Date | null;

  @Property({ type: 'date', nullable: true })
  patientContactBy?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  requestContextStatus?: string | null;

  /** On the active advice requests: the provider has answered and the referrer needs to act. */
  @Property({ type: 'boolean', default: false })
  awaitingReferrer: boolean & Opt = false;
}
