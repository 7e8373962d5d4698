import type { LetterStatus, Priority } from '@open-ers/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LetterStatusEnum, PriorityEnum } from '../../graphql/enums.js';

/** Fields every change to an existing referral carries; the other inputs extend it. */
@InputType({ description: 'Identifies the referral a change is for.' })
export class ReferralRefInput {
  @Field(() => ID, { description: 'The referral’s UBRN (12 digits).' })
  ubrn!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read. If someone changed the referral since, the change is refused with STALE_VERSION.',
  })
  expectedVersion?: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A unique key for this change (a UUID). Retrying with the same key returns the first result and does nothing twice.',
  })
  idempotencyKey?: string | null;
}

@InputType({ description: 'A new referral.' })
export class CreateReferralInput {
  @Field(() => ID)
  patientId!: string;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => [ID], { description: '1 to 20 services from search results, without duplicates.' })
  serviceIds!: string[];

  @Field(() => LetterStatusEnum, {
    description: 'ATTACHED needs documentIds; NEED_TO_ADD_LATER starts the letter-due clock.',
  })
  letterStatus!: LetterStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Clinical information (up to 8,000 characters). A referral needs it, an attached letter (ATTACHED with documentIds), or a letter to follow (NEED_TO_ADD_LATER); otherwise it is refused with CLINICAL_INFORMATION_REQUIRED.',
  })
  clinicalInformation?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Uploaded documents to attach (POST /api/documents).',
  })
  documentIds?: string[] | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'With NEED_TO_ADD_LATER: the date the letter is due, from today to the latest the priority allows (1 working day for two week wait and urgent, 3 for routine). Defaults to that latest date.',
  })
  letterDueDate?: string | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'A referral-to-treatment pathway start in the past year, when it started earlier.',
  })
  pathwayStart?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType()
export class ChangeShortlistInput extends ReferralRefInput {
  @Field(() => [ID])
  serviceIds!: string[];

  @Field(() => PriorityEnum, { nullable: true })
  priority?: Priority | null;
}

@InputType()
export class AttachReferralLetterInput extends ReferralRefInput {
  @Field(() => [ID], {
    description: 'The referral letter documents; they replace any attached before.',
  })
  documentIds!: string[];
}

@InputType()
export class SlotChoiceInput {
  @Field(() => ID)
  ubrn!: string;

  @Field(() => ID)
  slotId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'For holding: a provider moving the referral to another service gives the redirect reason the booking will carry (the hold checks what the booking would).',
  })
  redirectReason?: string | null;
}

@InputType()
export class BookAppointmentInput extends ReferralRefInput {
  @Field(() => ID)
  slotId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'For a provider booking outside the shortlist.',
  })
  redirectReason?: string | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType()
export class ServiceChoiceInput extends ReferralRefInput {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a provider deferring outside the shortlist.',
  })
  redirectReason?: string | null;
}

@InputType()
export class CommentInput extends ReferralRefInput {
  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType()
export class ReasonInput extends ReferralRefInput {
  @Field(() => String, {
    description: 'A reason code from the action’s catalogue (see allowedActions).',
  })
  reason!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType()
export class RejectReferralInput extends ReasonInput {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'For an indirectly bookable service: whether the appointment is already cancelled in the hospital system.',
  })
  appointmentCancelledInPas?: boolean | null;
}

@InputType()
export class CancelAppointmentActionLaterInput extends ReferralRefInput {
  @Field(() => String)
  comment!: string;

  @Field(() => PriorityEnum, { nullable: true })
  newPriority?: Priority | null;

  @Field(() => Boolean, { nullable: true })
  appointmentCancelledInPas?: boolean | null;
}

@InputType()
export class TriageOutcomeInput extends ReferralRefInput {
  @Field(() => String, {
    description: 'ACCEPT_REFER_BOOK_LATER or RETURN_TO_REFERRER_WITH_ADVICE.',
  })
  outcome!: string;

  @Field(() => String)
  comment!: string;

  @Field(() => PriorityEnum, { nullable: true, description: 'Only with ACCEPT_REFER_BOOK_LATER.' })
  newPriority?: Priority | null;
}

@InputType()
export class DidNotAttendInput extends ReasonInput {
  @Field(() => Boolean, {
    description: 'Return the referral to the referrer instead of rebooking it.',
  })
  returnToReferrer!: boolean;
}

@InputType()
export class AssessmentOutcomeInput extends ReferralRefInput {
  @Field(() => String)
  outcome!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType()
export class OnwardReferralInput extends ReferralRefInput {
  @Field(() => [ID])
  serviceIds!: string[];

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => LetterStatusEnum)
  letterStatus!: LetterStatus;

  @Field(() => String, { nullable: true })
  clinicalInformation?: string | null;

  @Field(() => [ID], { nullable: true })
  documentIds?: string[] | null;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'With NEED_TO_ADD_LATER: the date the letter is due, from today to the latest the priority allows (1 working day for two week wait and urgent, 3 for routine). Defaults to that latest date.',
  })
  letterDueDate?: string | null;
}
