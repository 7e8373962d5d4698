import type {
  AdviceRecommendationCode,
  ConversionAuthorisation,
  LetterStatus,
  Priority,
} from '@open-ers/domain';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  AdviceRecommendationEnum,
  ConversionAuthorisationEnum,
  LetterStatusEnum,
  PriorityEnum,
} from '../../graphql/enums.js';

@InputType({ description: 'A new Advice & Guidance request.' })
export class CreateAdviceRequestInput {
  @Field(() => ID)
  patientId!: string;

  @Field(() => ID, { description: 'The one advice service to ask, from an advice search.' })
  serviceId!: string;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => String, { description: 'The question (up to 8,000 characters).' })
  request!: string;

  @Field(() => ConversionAuthorisationEnum, {
    description:
      'Whether the provider may turn the request into a referral on the same UBRN. Required.',
  })
  providerConversionAuthorisation!: ConversionAuthorisation;

  @Field(() => String, {
    nullable: true,
    description:
      'A unique key for this request (a UUID). Retrying with the same key returns the first result and does nothing twice.',
  })
  idempotencyKey?: string | null;
}

/** Fields every change to an existing advice request carries; the other inputs extend it. */
@InputType({ description: 'Identifies the advice request a change is for.' })
export class AdviceRefInput {
  @Field(() => ID, { description: 'The advice request’s UBRN (12 digits).' })
  ubrn!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read. If someone changed the request since, the change is refused with STALE_VERSION.',
  })
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A unique key for this change (a UUID). Retrying with the same key returns the first result and does nothing twice.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'The provider’s response to an advice request.' })
export class RespondToAdviceRequestInput extends AdviceRefInput {
  @Field(() => String, {
    description:
      'RETURN_TO_REFERRER_WITH_ADVICE or REQUIRE_FURTHER_INFORMATION (see allowedActions).',
  })
  outcome!: string;

  @Field(() => String, {
    description: 'The advice, or the information needed (up to 8,000 characters).',
  })
  guidance!: string;

  @Field(() => AdviceRecommendationEnum, {
    nullable: true,
    description: 'Required when returning advice.',
  })
  recommendation?: AdviceRecommendationCode | null;

  @Field(() => PriorityEnum, { description: 'The priority from now on (it may stay the same).' })
  updatedPriority!: Priority;
}

@InputType({ description: 'More information from the referrer, or a follow-up question.' })
export class FurtherInformationInput extends AdviceRefInput {
  @Field(() => String, { description: 'Up to 8,000 characters.' })
  text!: string;
}

@InputType({ description: 'Cancels an open advice request.' })
export class CancelAdviceRequestInput extends AdviceRefInput {
  @Field(() => String, { nullable: true, description: 'Why (up to 2,000 characters).' })
  comment?: string | null;
}

@InputType({ description: 'Turns an advice request into a referral on the same UBRN.' })
export class ConvertAdviceToReferralInput extends AdviceRefInput {
  @Field(() => PriorityEnum, { description: 'The referral’s priority.' })
  priority!: Priority;

  @Field(() => String, {
    nullable: true,
    description:
      'A provider’s final guidance to the referrer (required, up to 2,000 characters); a referrer’s optional note.',
  })
  comment?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'A referrer converting: the services to shortlist (1 to 20).',
  })
  serviceIds?: string[] | null;

  @Field(() => LetterStatusEnum, {
    nullable: true,
    description:
      'A referrer converting: the referral letter intention (default NOT_INTENDING_TO_ADD).',
  })
  letterStatus?: LetterStatus | null;
}
