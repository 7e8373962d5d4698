import type { Priority } from '@open-ers/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumObject, PriorityEnum } from '../../graphql/enums.js';

/** A slot's state as the calendar shows it. */
export const SLOT_CALENDAR_STATES = [
  'FREE',
  'RESERVED',
  'HELD',
  'OFFERED',
  'BOOKED',
  'BLOCKED',
  'CANCELLED',
] as const;
export type SlotCalendarState = (typeof SLOT_CALENDAR_STATES)[number];
export const SlotCalendarStateEnum = enumObject(SLOT_CALENDAR_STATES);
registerEnumType(SlotCalendarStateEnum, {
  name: 'SlotCalendarState',
  description: 'A slot’s state in the service’s calendar.',
  valuesConfig: {
    FREE: { description: 'Free: referrers can book it.' },
    RESERVED: {
      description:
        'Free, but still within the provider reservation: only the provider’s staff can book it yet.',
    },
    HELD: { description: 'Held for a few minutes while someone books it.' },
    OFFERED: {
      description: 'Held as an automatic offer to a referral on Appointment Slot Issues.',
    },
    BOOKED: { description: 'Booked.' },
    BLOCKED: { description: 'Taken out of use for now, with a reason; it can be unblocked.' },
    CANCELLED: { description: 'Withdrawn for good.' },
  },
});

/** What the slot feed did with one fed slot. */
export const FED_SLOT_OUTCOMES = [
  'CREATED',
  'UPDATED',
  'UNCHANGED',
  'WITHDRAWN',
  'REJECTED',
] as const;
export type FedSlotOutcome = (typeof FED_SLOT_OUTCOMES)[number];
export const FedSlotOutcomeEnum = enumObject(FED_SLOT_OUTCOMES);
registerEnumType(FedSlotOutcomeEnum, {
  name: 'FedSlotOutcome',
  description: 'What the slot feed did with one slot.',
  valuesConfig: {
    CREATED: { description: 'A new slot was published.' },
    UPDATED: { description: 'The slot’s times, priorities or clinician changed.' },
    UNCHANGED: { description: 'Already as sent (a retry changes nothing).' },
    WITHDRAWN: {
      description:
        'The slot was withdrawn; a booked appointment in it was cancelled (cancelledUbrn).',
    },
    REJECTED: { description: 'Nothing changed: see code and message.' },
  },
});

@ObjectType({ description: 'A published slot in the service’s calendar. No patient details.' })
export class CalendarSlot {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeISOResolver)
  startAt!: Date;

  @Field(() => DateTimeISOResolver)
  endAt!: Date;

  @Field(() => [PriorityEnum])
  priorities!: Priority[];

  @Field(() => String, { nullable: true })
  clinicianName!: string | null;

  @Field(() => SlotCalendarStateEnum)
  state!: SlotCalendarState;

  @Field(() => String, {
    nullable: true,
    description: 'For a blocked or cancelled slot: the reason code.',
  })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'For a blocked or cancelled slot.' })
  comment!: string | null;

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'For a held or offered slot: when the hold lapses.',
  })
  heldUntil!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The schedule that published it, if one did.' })
  scheduleId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where it came from: `s:<schedule>:<start>` or `x:<provider system slot id>`.',
  })
  sourceKey!: string | null;
}

@ObjectType({ description: 'One UK calendar day of a service’s slots.' })
export class CalendarDay {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => [CalendarSlot], { description: 'Earliest first.' })
  slots!: CalendarSlot[];
}

@InputType({ description: 'Slots of one service to block or cancel, with the reason.' })
export class SlotActionInput {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => [ID])
  slotIds!: string[];

  @Field(() => String, {
    description: 'A slotBlockReasons code to block; a slotCancellationReasons code to cancel.',
  })
  reason!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType({ description: 'Blocked slots of one service to put back into use.' })
export class SlotReleaseInput {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => [ID])
  slotIds!: string[];
}

@ObjectType()
export class SlotActionResult {
  @Field(() => Int, { description: 'How many slots changed (those already so are not counted).' })
  changed!: number;

  @Field(() => [String], {
    description:
      'UBRNs whose booked appointment was cancelled by the provider (T13) because its slot was cancelled.',
  })
  cancelledReferrals!: string[];
}

@ObjectType({ description: 'A coded reason to choose from.' })
export class ReasonChoice {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  commentRequired!: boolean;
}

@InputType({ description: 'One slot as the provider’s own system knows it.' })
export class FedSlotInput {
  @Field(() => String, {
    description: 'The provider system’s own id for the slot (at most 100 characters).',
  })
  externalId!: string;

  @Field(() => ID)
  serviceId!: string;

  @Field(() => DateTimeISOResolver)
  startAt!: Date;

  @Field(() => DateTimeISOResolver)
  endAt!: Date;

  @Field(() => [PriorityEnum], { description: 'The priorities the slot may be booked for.' })
  priorities!: Priority[];

  @Field(() => String, {
    nullable: true,
    description: 'One of the service’s named clinicians (by id), if it is their slot.',
  })
  clinicianId?: string | null;

  @Field(() => String, { nullable: true })
  clinicianName?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'The slot is withdrawn: it is cancelled, with any appointment booked in it.',
  })
  withdrawn!: boolean;
}

@ObjectType({ description: 'What the feed did with one slot.' })
export class FedSlotResult {
  @Field(() => String)
  externalId!: string;

  @Field(() => ID)
  serviceId!: string;

  @Field(() => FedSlotOutcomeEnum)
  outcome!: FedSlotOutcome;

  @Field(() => ID, { nullable: true })
  slotId!: string | null;

  @Field(() => String, { nullable: true, description: 'For REJECTED: the error code.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'For REJECTED: what was wrong.' })
  message!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For WITHDRAWN: the referral whose booked appointment was cancelled (T13).',
  })
  cancelledUbrn!: string | null;
}

@ObjectType({ description: 'The result of one slot feed call, per slot in the order sent.' })
export class SlotFeedResult {
  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  withdrawn!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [FedSlotResult])
  results!: FedSlotResult[];
}

@ObjectType({
  description: 'A slot held automatically for a referral on Appointment Slot Issues, to confirm.',
})
export class OfferedSlot {
  @Field(() => ID)
  slotId!: string;

  @Field(() => DateTimeISOResolver)
  startAt!: Date;

  @Field(() => DateTimeISOResolver)
  endAt!: Date;

  @Field(() => String, { nullable: true })
  clinicianName!: string | null;

  @Field(() => DateTimeISOResolver, { description: 'When the offer lapses.' })
  heldUntil!: Date;
}
