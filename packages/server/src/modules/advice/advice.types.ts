import type {
  AccessLevel,
  AdviceEventType,
  AdviceMessageKind,
  AdviceRecommendationCode,
  AdviceSnapshot,
  AdviceState,
  ConversionAuthorisation,
  Priority,
} from '@open-ers/domain';
import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ClinicalField } from '../../graphql/authorization.js';
import {
  AccessLevelEnum,
  AdviceActionEnum,
  AdviceMessageKindEnum,
  AdviceRecommendationEnum,
  AdviceStateEnum,
  ConversationSideEnum,
  ConversionAuthorisationEnum,
  PriorityEnum,
  RoleEnum,
} from '../../graphql/enums.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';
import { ReasonOption, ReferralView } from '../referrals/index.js';
import type { AdviceRead } from './advice.service.js';

@ObjectType({ description: 'An action the current user can take on the advice request now.' })
export class AdviceActionOption {
  @Field(() => AdviceActionEnum)
  action!: AdviceEventType;

  @Field(() => [ReasonOption], {
    description: 'For RESPOND: the outcomes this user may give (empty for other actions).',
  })
  outcomes!: ReasonOption[];

  @Field(() => [ReasonOption], {
    description:
      'For RESPOND: the recommendations to choose from when returning advice (empty for other actions).',
  })
  recommendations!: ReasonOption[];
}

@ObjectType('AdviceMessage', {
  description: 'One message in an Advice & Guidance conversation, and who wrote it when.',
})
export class AdviceMessageView {
  @Field(() => Int, { description: 'The advice request version the message came with.' })
  version!: number;

  @Field(() => AdviceMessageKindEnum)
  kind!: AdviceMessageKind;

  @Field(() => ConversationSideEnum, { description: 'Which side wrote it.' })
  author!: 'REFERRER' | 'PROVIDER';

  @Field(() => User, { nullable: true, description: 'The user who wrote it.' })
  user!: User | null;

  @Field(() => RoleEnum, { description: 'The role they wrote it in.' })
  role!: string;

  @Field(() => Organisation, { nullable: true, description: 'The organisation they wrote for.' })
  organisation!: Organisation | null;

  @Field(() => User, { nullable: true, description: 'The clinician an admin wrote it for.' })
  onBehalfOf!: User | null;

  @Field(() => DateTimeISOResolver)
  sentAt!: Date;

  @ClinicalField()
  @Field(() => String, {
    nullable: true,
    description:
      'The message (up to 8,000 characters). Clinical content: null for roles that do not see it.',
  })
  text!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A provider response’s outcome: RETURN_TO_REFERRER_WITH_ADVICE or REQUIRE_FURTHER_INFORMATION.',
  })
  outcome!: string | null;

  @ClinicalField()
  @Field(() => AdviceRecommendationEnum, {
    nullable: true,
    description: 'With advice: what the provider recommends. Clinical content.',
  })
  recommendation!: AdviceRecommendationCode | null;

  @Field(() => PriorityEnum, {
    nullable: true,
    description: 'The priority the request was sent, answered or converted with.',
  })
  priority!: Priority | null;
}

/**
 * An Advice & Guidance request as the current user may see it. Built from the stored domain
 * snapshot; clinical content is null for roles that never receive it (access level
 * ADMINISTRATIVE).
 */
@ObjectType('AdviceRequest', {
  description:
    'An Advice & Guidance request: a conversation between a referrer and a provider about a patient, on a UBRN.',
})
export class AdviceRequestView {
  constructor(read: AdviceRead) {
    const s = read.snapshot;
    this.id = read.advice.id;
    this.snapshot = s;
    this.ubrn = s.ubrn;
    this.version = s.version;
    this.state = s.state;
    this.stateChangedAt = s.stateChangedAt;
    this.createdAt = s.createdAt;
    this.lastActivityAt = s.lastActivityAt;
    this.firstRespondedAt = s.firstRespondedAt;
    this.priority = s.priority;
    this.providerConversionAuthorisation = s.providerConversionAuthorisation;
    this.lastOutcome = s.lastOutcome;
    this.recommendation = read.access === 'CLINICAL' ? s.recommendation : null;
    this.referringClinicianId = s.referringClinicianId;
    this.messageCount = s.messageCount;
    this.accessLevel = read.access;
  }

  /** Internal: the row id and the snapshot, for field resolvers. */
  readonly id: string;
  readonly snapshot: AdviceSnapshot;

  @Field(() => ID, {
    description:
      'The 12-digit Unique Booking Reference Number; a referral converted from the request has the same one.',
  })
  ubrn: string;

  @Field(() => Int, {
    description: 'Send this back with every change: a stale version is refused.',
  })
  version: number;

  @Field(() => AdviceStateEnum)
  state: AdviceState;

  @Field(() => DateTimeISOResolver)
  stateChangedAt: Date;

  @Field(() => DateTimeISOResolver)
  createdAt: Date;

  @Field(() => DateTimeISOResolver)
  lastActivityAt: Date;

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'When the provider first responded.',
  })
  firstRespondedAt: Date | null;

  @Field(() => PriorityEnum, { description: 'The priority, as the provider last set it.' })
  priority: Priority;

  @Field(() => ConversionAuthorisationEnum)
  providerConversionAuthorisation: ConversionAuthorisation;

  @Field(() => String, {
    nullable: true,
    description: 'The provider’s latest response outcome.',
  })
  lastOutcome: string | null;

  @ClinicalField()
  @Field(() => AdviceRecommendationEnum, {
    nullable: true,
    description: 'What the provider recommended with its latest advice. Clinical content.',
  })
  recommendation: AdviceRecommendationCode | null;

  @Field(() => ID, { description: 'The referring clinician the request is from.' })
  referringClinicianId: string;

  @Field(() => Int, { description: 'Messages in the conversation, the request included.' })
  messageCount: number;

  @Field(() => AccessLevelEnum)
  accessLevel: Exclude<AccessLevel, 'NONE'>;
}

@ObjectType({ description: 'The advice request after a change.' })
export class AdvicePayload {
  @Field(() => AdviceRequestView)
  adviceRequest!: AdviceRequestView;

  @Field(() => ReferralView, {
    nullable: true,
    description: 'After a conversion: the referral created on the same UBRN.',
  })
  referral!: ReferralView | null;

  @Field(() => Boolean, {
    description:
      'True when this is the remembered result of an earlier request with the same idempotency key.',
  })
  replayed!: boolean;
}
