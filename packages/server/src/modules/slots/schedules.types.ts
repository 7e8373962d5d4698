import type { Priority } from '@open-ers/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumObject, PriorityEnum } from '../../graphql/enums.js';
import {
  toSessionTemplate,
  type PublicationOutcome,
  type SchedulePreviewResult,
} from './schedules.service.js';
import {
  SCHEDULE_EXCEPTION_KINDS,
  type ScheduleException,
  type ScheduleExceptionKind,
  type SlotSchedule,
} from './schedule.entity.js';

export const ScheduleExceptionKindEnum = enumObject(SCHEDULE_EXCEPTION_KINDS);
registerEnumType(ScheduleExceptionKindEnum, {
  name: 'ScheduleExceptionKind',
  description: 'A one-off change to schedules: a session cancelled, or an extra session.',
});

@ObjectType('SlotSchedule', {
  description:
    'A recurring session template of a service: its sessions are cut into slots and published up to the service’s horizon.',
})
export class SlotScheduleView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  serviceId!: string;

  @Field(() => String)
  label!: string;

  @Field(() => [Int], { description: 'ISO weekdays: 1 is Monday, 7 is Sunday.' })
  weekdays!: number[];

  @Field(() => String, { description: 'Local (UK) start time, HH:MM.' })
  startTime!: string;

  @Field(() => Int)
  sessionMinutes!: number;

  @Field(() => Int)
  slotMinutes!: number;

  @Field(() => [PriorityEnum])
  priorities!: Priority[];

  @Field(() => String, { nullable: true })
  clinicianId!: string | null;

  @Field(() => String, { nullable: true })
  clinicianName!: string | null;

  @Field(() => LocalDateResolver)
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  validTo!: string | null;

  @Field(() => Int)
  everyWeeks!: number;

  @Field(() => Boolean)
  includeBankHolidays!: boolean;

  @Field(() => Boolean, { description: 'An ended template publishes nothing more.' })
  active!: boolean;

  static of(schedule: SlotSchedule): SlotScheduleView {
    return Object.assign(new SlotScheduleView(), {
      ...toSessionTemplate(schedule),
      serviceId: schedule.service.id,
      active: schedule.active,
    });
  }
}

@ObjectType({ description: 'A one-off change to a service’s schedules on one date.' })
export class ScheduleExceptionEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => ScheduleExceptionKindEnum)
  kind!: ScheduleExceptionKind;

  @Field(() => ID, { nullable: true, description: 'The template whose session is cancelled.' })
  scheduleId!: string | null;

  @Field(() => String, { nullable: true })
  startTime!: string | null;

  @Field(() => Int, { nullable: true })
  sessionMinutes!: number | null;

  @Field(() => Int, { nullable: true })
  slotMinutes!: number | null;

  @Field(() => [PriorityEnum], { nullable: true })
  priorities!: Priority[] | null;

  @Field(() => String, { nullable: true })
  clinicianName!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  static of(exception: ScheduleException): ScheduleExceptionEntry {
    return Object.assign(new ScheduleExceptionEntry(), {
      id: exception.id,
      date: exception.date,
      kind: exception.kind,
      scheduleId: exception.schedule?.id ?? null,
      startTime: exception.startTime ?? null,
      sessionMinutes: exception.sessionMinutes ?? null,
      slotMinutes: exception.slotMinutes ?? null,
      priorities: exception.priorities ?? null,
      clinicianName: exception.clinicianName ?? null,
      reason: exception.reason ?? null,
    });
  }
}

@InputType({ description: 'A recurring session template.' })
export class SessionTemplateInput {
  @Field(() => String)
  label!: string;

  @Field(() => [Int], { description: 'ISO weekdays: 1 is Monday, 7 is Sunday.' })
  weekdays!: number[];

  @Field(() => String, { description: 'Local (UK) start time, HH:MM.' })
  startTime!: string;

  @Field(() => Int)
  sessionMinutes!: number;

  @Field(() => Int)
  slotMinutes!: number;

  @Field(() => [PriorityEnum])
  priorities!: Priority[];

  @Field(() => String, {
    nullable: true,
    description: 'One of the service’s named clinicians, whose schedule the slots are in.',
  })
  clinicianId?: string | null;

  @Field(() => LocalDateResolver)
  validFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  validTo?: string | null;

  @Field(() => Int, { defaultValue: 1, description: 'Run every N weeks (1 to 8).' })
  everyWeeks!: number;

  @Field(() => Boolean, { defaultValue: false })
  includeBankHolidays!: boolean;
}

@InputType({ description: 'A one-off change to a service’s schedules.' })
export class ScheduleExceptionInput {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => ScheduleExceptionKindEnum)
  kind!: ScheduleExceptionKind;

  @Field(() => ID, {
    nullable: true,
    description: 'For a cancelled session: the template (none cancels every session that day).',
  })
  scheduleId?: string | null;

  @Field(() => String, { nullable: true })
  startTime?: string | null;

  @Field(() => Int, { nullable: true })
  sessionMinutes?: number | null;

  @Field(() => Int, { nullable: true })
  slotMinutes?: number | null;

  @Field(() => [PriorityEnum], { nullable: true })
  priorities?: Priority[] | null;

  @Field(() => String, { nullable: true })
  clinicianId?: string | null;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@ObjectType({ description: 'A slot a schedule will publish.' })
export class PlannedSlot {
  @Field(() => DateTimeISOResolver)
  startAt!: Date;

  @Field(() => DateTimeISOResolver)
  endAt!: Date;

  @Field(() => [PriorityEnum])
  priorities!: Priority[];

  @Field(() => String, { nullable: true })
  clinicianName!: string | null;
}

@ObjectType({ description: 'The slots a session template would publish up to the horizon.' })
export class SchedulePreview {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => Int)
  slotCount!: number;

  @Field(() => [PlannedSlot])
  firstSlots!: PlannedSlot[];

  @Field(() => [LocalDateResolver], { description: 'Bank holidays the template skips.' })
  skippedBankHolidays!: string[];

  static of(preview: SchedulePreviewResult): SchedulePreview {
    return Object.assign(new SchedulePreview(), {
      from: preview.from,
      to: preview.to,
      slotCount: preview.slotCount,
      firstSlots: preview.firstSlots.map((s) =>
        Object.assign(new PlannedSlot(), {
          startAt: s.start,
          endAt: s.end,
          priorities: [...s.priorities],
          clinicianName: s.clinicianName,
        }),
      ),
      skippedBankHolidays: [...preview.skippedBankHolidays],
    });
  }
}

@ObjectType({ description: 'What publishing a service’s slots did.' })
export class PublicationResult {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => Int, { description: 'Slots published now.' })
  created!: number;

  @Field(() => Int, { description: 'Slots of the plan that were already published.' })
  alreadyPublished!: number;

  @Field(() => LocalDateResolver, { description: 'The last date published.' })
  horizonEnd!: string;

  static of(outcome: PublicationOutcome): PublicationResult {
    return Object.assign(new PublicationResult(), outcome);
  }
}
