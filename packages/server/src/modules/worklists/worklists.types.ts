import type { AdviceState, Priority, ReferralState, WorklistCode } from '@open-ers/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  AdviceStateEnum,
  enumObject,
  PriorityEnum,
  ReferralStateEnum,
  WorklistCodeEnum,
  WorklistItemKindEnum,
} from '../../graphql/enums.js';
import { PageInfo } from '../../graphql/pagination.types.js';
import { Patient } from '../patients/index.js';
import { ReferrerView } from '../referrals/referrer.js';
import { OfferedSlot } from '../slots/slot-maintenance.types.js';
import { WORKLIST_SORTS } from './worklists.service.js';

export const WorklistSortEnum = enumObject(WORKLIST_SORTS);
registerEnumType(WorklistSortEnum, {
  name: 'WorklistSort',
  description: 'Order of a worklist page.',
  valuesConfig: {
    MOST_URGENT: { description: 'Most urgent priority first, then oldest or soonest due.' },
    LONGEST_WAITING: { description: 'Longest in its current state first.' },
    MOST_RECENT: { description: 'Most recently changed state first.' },
  },
});

@InputType({ description: 'Narrows a worklist.' })
export class WorklistFilterInput {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => ID, { nullable: true })
  specialty?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'The clinician: the referring clinician on referrer worklists, the named clinician on provider worklists.',
  })
  clinicianId?: string | null;

  @Field(() => PriorityEnum, { nullable: true })
  priority?: Priority | null;
}

@ObjectType({ description: 'A referral or an Advice & Guidance request on a worklist.' })
export class WorklistItem {
  @Field(() => ID)
  ubrn!: string;

  @Field(() => WorklistCodeEnum)
  worklist!: WorklistCode;

  @Field(() => WorklistItemKindEnum, {
    description:
      'A referral (every worklist but the advice ones) or an advice request (ADVICE_AND_GUIDANCE_REQUESTS, ACTIVE_ADVICE_REQUESTS).',
  })
  kind!: 'REFERRAL' | 'ADVICE_REQUEST';

  @Field(() => ReferralStateEnum, {
    nullable: true,
    description: 'The referral’s state; null for an advice request (see adviceState).',
  })
  state!: ReferralState | null;

  @Field(() => AdviceStateEnum, {
    nullable: true,
    description: 'The advice request’s state; null for a referral.',
  })
  adviceState!: AdviceState | null;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => DateTimeISOResolver, { description: 'What the item sorts by after priority.' })
  sortAt!: Date;

  @Field(() => DateTimeISOResolver)
  stateChangedAt!: Date;

  @Field(() => Patient)
  patient!: Patient;

  @Field(() => ID, { nullable: true })
  serviceId!: string | null;

  @Field(() => String, { nullable: true })
  serviceName!: string | null;

  @Field(() => ReferrerView, {
    nullable: true,
    description:
      'Who referred the patient: the referring clinician, and the admin who acted for them (null for roles not shown staff names).',
  })
  referrer!: ReferrerView | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  letterDueAt!: Date | null;

  @Field(() => Boolean, { description: 'The referral letter is to follow and is now overdue.' })
  letterOverdue!: boolean;

  @Field(() => LocalDateResolver, { nullable: true })
  patientContactBy!: string | null;

  @Field(() => Boolean, {
    description: 'The date the patient was told to expect contact by has passed.',
  })
  contactDatePassed!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'On Referrals for Review: NEVER_REVIEWED, LETTER_CHANGED, PRIORITY_CHANGED…',
  })
  requestContextStatus!: string | null;

  @Field(() => Boolean, {
    description:
      'On Active Advice Requests: the provider has answered (advice, or a request for information) and the referrer needs to act.',
  })
  awaitingReferrer!: boolean;

  @Field(() => OfferedSlot, {
    nullable: true,
    description:
      'On Appointment Slot Issues: the slot automatically offered to this referral, ready to confirm with bookAppointment.',
  })
  offeredSlot!: OfferedSlot | null;
}

@ObjectType()
export class WorklistEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => WorklistItem)
  node!: WorklistItem;
}

@ObjectType({
  description: 'A page of a worklist, in the order asked for (most urgent first by default).',
})
export class WorklistConnection {
  @Field(() => WorklistCodeEnum)
  worklist!: WorklistCode;

  @Field(() => [WorklistEdge])
  edges!: WorklistEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({
  description:
    'A dashboard tile: a worklist and how many referrals (or advice requests) are on it.',
})
export class WorklistCount {
  @Field(() => WorklistCodeEnum)
  worklist!: WorklistCode;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Something changed on the acting organisation’s worklists.' })
export class WorklistChange {
  @Field(() => ID)
  ubrn!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => String)
  event!: string;

  @Field(() => DateTimeISOResolver)
  at!: Date;
}

@ObjectType({ description: 'A service or clinician a worklist can be narrowed to.' })
export class WorklistFilterChoice {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({
  description:
    'What the acting organisation’s worklists can be narrowed to: the services and clinicians their referrals name.',
})
export class WorklistFilterChoices {
  @Field(() => [WorklistFilterChoice], { description: 'By name.' })
  services!: WorklistFilterChoice[];

  @Field(() => [WorklistFilterChoice], {
    description:
      'By name: the referring clinicians on referrer worklists, the named clinicians of booked slots on provider worklists.',
  })
  clinicians!: WorklistFilterChoice[];
}
