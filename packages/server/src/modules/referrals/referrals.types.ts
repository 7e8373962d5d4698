import {
  isLetterOverdue,
  type AccessLevel,
  type AllowedAction,
  type AppointmentStatus,
  type CommentRule,
  type LetterStatus,
  type Priority,
  type ProposalReason,
  type ReferralEventType,
  type ReferralSnapshot,
  type ReferralState,
} from '@open-ers/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ClinicalField } from '../../graphql/authorization.js';
import {
  AccessLevelEnum,
  AppointmentStatusEnum,
  CommentRuleEnum,
  LetterStatusEnum,
  PriorityEnum,
  ProposalReasonEnum,
  ReferralActionEnum,
  ReferralStateEnum,
  RoleEnum,
} from '../../graphql/enums.js';
import type { ReferralRead } from './referral.service.js';

/** A reason or outcome a user may give with an action. */
@ObjectType({ description: 'A coded reason or outcome, from the reason catalogues.' })
export class ReasonOption {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean, { description: 'Whether a comment must be given with this reason.' })
  commentMandatory!: boolean;
}

@ObjectType({
  description:
    'An action the current user can take on the referral now, with everything its form needs (from the shared state machine).',
})
export class ReferralActionOption {
  @Field(() => ReferralActionEnum)
  action!: ReferralEventType;

  @Field(() => [ReasonOption], {
    description:
      'Reasons or outcomes to choose from, one of which is required (empty if none is asked for). Booking and deferral take redirect reasons instead.',
  })
  reasons!: ReasonOption[];

  @Field(() => [ID], {
    description: 'For booking, deferral and triage: the services it may target.',
  })
  serviceIds!: string[];

  @Field(() => Boolean, {
    description: 'Whether a service off the shortlist may be chosen (provider redirect).',
  })
  mayRedirect!: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      'For booking and deferral: choosing any service other than this one is a redirect and needs a redirect reason (null: no choice of service needs one).',
  })
  redirectFromServiceId!: string | null;

  @Field(() => [ReasonOption], {
    description: 'The redirect reasons to choose from when a redirect reason is needed.',
  })
  redirectReasons!: ReasonOption[];

  @Field(() => CommentRuleEnum, { description: 'Whether a comment is asked for, and when.' })
  comment!: CommentRule;

  @Field(() => [PriorityEnum], {
    description: 'The priorities the referral may be changed to (empty if none is asked for).',
  })
  newPriorities!: Priority[];

  @Field(() => ID, {
    nullable: true,
    description: 'When set, a new priority may be given only with this reason or outcome.',
  })
  newPriorityOnlyWithReason!: string | null;

  @Field(() => Boolean, {
    description:
      'Whether the provider must say if the appointment is already cancelled in its own system.',
  })
  pasAnswerRequired!: boolean;
}

@ObjectType({
  description:
    'The referral’s current appointment: booked, or proposed (deferred, sent for triage).',
})
export class ReferralAppointment {
  @Field(() => ID)
  serviceId!: string;

  @Field(() => ID)
  providerOrganisationId!: string;

  @Field(() => AppointmentStatusEnum)
  status!: AppointmentStatus;

  @Field(() => ProposalReasonEnum, { nullable: true })
  proposalReason!: ProposalReason | null;

  @Field(() => ID, { nullable: true })
  slotId!: string | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  start!: Date | null;

  @Field(() => DateTimeISOResolver, { nullable: true })
  end!: Date | null;
}

@ObjectType({ description: 'One event in a referral’s history.' })
export class ReferralHistoryEntry {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'CREATE_REFERRAL or a ReferralAction.' })
  action!: string;

  @Field(() => ReferralStateEnum, { nullable: true })
  fromState!: ReferralState | null;

  @Field(() => ReferralStateEnum)
  toState!: ReferralState;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @ClinicalField()
  @Field(() => String, {
    nullable: true,
    description: 'Clinical content: null for roles that do not see it.',
  })
  comment!: string | null;

  @Field(() => DateTimeISOResolver)
  occurredAt!: Date;

  @Field(() => ID)
  userId!: string;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => ID)
  organisationId!: string;

  @Field(() => ID, { nullable: true })
  onBehalfOfUserId!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Who did it, by name: a user, or open-ers itself (e.g. “open-ers slot maintenance”); null if unknown, and for roles not shown staff names (patients, commissioners, analysts).',
  })
  userName!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The person acted for, by name (null where `userName` is).',
  })
  onBehalfOfName!: string | null;
}

@ObjectType({ description: 'A document attached to a referral (the referral letter).' })
export class ReferralDocumentInfo {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  filename!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => DateTimeISOResolver)
  uploadedAt!: Date;

  @Field(() => String, {
    description: 'Where to download it (signed-in users with clinical access).',
  })
  downloadUrl!: string;
}

/**
 * A referral as the current user may see it. Built from the stored domain snapshot; clinical
 * content is null for roles that never receive it (access level ADMINISTRATIVE).
 */
@ObjectType('Referral', { description: 'A referral, identified by its UBRN.' })
export class ReferralView {
  constructor(read: ReferralRead, now: Date) {
    const s = read.snapshot;
    const clinical = read.access === 'CLINICAL';
    this.id = read.referral.id;
    this.snapshot = s;
    this.ubrn = s.ubrn;
    this.version = s.version;
    this.state = s.state;
    this.stateReason = s.stateReason;
    this.stateComment = clinical ? s.stateComment : null;
    this.stateChangedAt = s.stateChangedAt;
    this.priority = s.priority;
    this.createdAt = s.createdAt;
    this.lastActivityAt = s.lastActivityAt;
    this.pathwayStart = s.pathwayStart;
    this.referringClinicianId = s.referringClinicianId;
    this.letterStatus = s.letterStatus;
    this.letterDueAt = s.letterDueAt;
    this.letterDueDate = s.letterDueDate;
    this.letterOverdue =
      s.letterStatus === 'NEED_TO_ADD_LATER' &&
      s.letterDueAt !== null &&
      isLetterOverdue(s.letterDueAt, now);
    this.patientContactBy = s.patientContactBy;
    this.clinicalInformation = clinical ? (read.referral.clinicalInformation ?? null) : null;
    this.accessLevel = read.access;
    this.appointment = s.appointment
      ? Object.assign(new ReferralAppointment(), s.appointment)
      : null;
    this.shortlistServiceIds = s.shortlist.map((e) => e.serviceId);
    this.parentUbrn = s.parentUbrn;
    this.onwardReferralUbrns = [...s.onwardReferralUbrns];
    this.returnedToReferrer = s.returnedToReferrer;
    this.convertedFromAdvice = s.convertedFromAdvice;
    this.accessCode = read.referral.accessCode;
  }

  /** Internal: the row id and the snapshot, for field resolvers. */
  readonly id: string;
  readonly snapshot: ReferralSnapshot;
  readonly shortlistServiceIds: string[];
  readonly accessCode: string;

  @Field(() => ID, {
    description: 'The 12-digit Unique Booking Reference Number. Show it as 0000 4961 4844.',
  })
  ubrn: string;

  @Field(() => Int, {
    description: 'Send this back with every change: a stale version is refused.',
  })
  version: number;

  @Field(() => ReferralStateEnum)
  state: ReferralState;

  @Field(() => String, { nullable: true, description: 'The coded reason for the current state.' })
  stateReason: string | null;

  @ClinicalField()
  @Field(() => String, {
    nullable: true,
    description: 'Clinical content: null for roles that do not see it.',
  })
  stateComment: string | null;

  @Field(() => DateTimeISOResolver)
  stateChangedAt: Date;

  @Field(() => PriorityEnum)
  priority: Priority;

  @Field(() => DateTimeISOResolver)
  createdAt: Date;

  @Field(() => DateTimeISOResolver)
  lastActivityAt: Date;

  @Field(() => LocalDateResolver, { description: 'Referral-to-treatment pathway start.' })
  pathwayStart: string;

  @Field(() => ID)
  referringClinicianId: string;

  @Field(() => LetterStatusEnum)
  letterStatus: LetterStatus;

  @Field(() => DateTimeISOResolver, {
    nullable: true,
    description: 'When a letter to follow becomes overdue.',
  })
  letterDueAt: Date | null;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'While a letter is to follow: the last UK day it is on time.',
  })
  letterDueDate: string | null;

  @Field(() => Boolean)
  letterOverdue: boolean;

  @Field(() => LocalDateResolver, {
    nullable: true,
    description:
      'After deferral or triage: the date by which the provider should contact the patient.',
  })
  patientContactBy: string | null;

  @ClinicalField()
  @Field(() => String, {
    nullable: true,
    description: 'Clinical content: null for roles that do not see it.',
  })
  clinicalInformation: string | null;

  @Field(() => AccessLevelEnum)
  accessLevel: Exclude<AccessLevel, 'NONE'>;

  @Field(() => ReferralAppointment, { nullable: true })
  appointment: ReferralAppointment | null;

  @Field(() => ID, { nullable: true, description: 'The referral this one was referred on from.' })
  parentUbrn: string | null;

  @Field(() => [ID], { description: 'Onward referrals made from this one.' })
  onwardReferralUbrns: string[];

  @Field(() => Boolean, {
    description: 'The provider handed it back and the referrer has not yet acknowledged it.',
  })
  returnedToReferrer: boolean;

  @Field(() => Boolean, {
    description:
      'Converted from an Advice & Guidance request on the same UBRN: its conversation is at `adviceRequest(ubrn)`.',
  })
  convertedFromAdvice: boolean;
}

@ObjectType({ description: 'The referral after a change.' })
export class ReferralPayload {
  @Field(() => ReferralView)
  referral!: ReferralView;

  @Field(() => String, {
    nullable: true,
    description:
      'Something the user should be told although the change succeeded, as an error code (e.g. BOOKING_ATTEMPT_PROBLEM).',
  })
  notice!: string | null;

  @Field(() => String, { nullable: true, description: 'The plain-English message for `notice`.' })
  noticeMessage!: string | null;

  @Field(() => Boolean, {
    description:
      'True when this is the remembered result of an earlier request with the same idempotency key.',
  })
  replayed!: boolean;
}

@ObjectType({ description: 'A slot held for a referral while the user decides.' })
export class SlotHold {
  @Field(() => ID)
  slotId!: string;

  @Field(() => DateTimeISOResolver)
  heldUntil!: Date;
}

export type { AllowedAction };
