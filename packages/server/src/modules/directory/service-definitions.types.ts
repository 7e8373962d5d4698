import {
  PRIORITY_CODES,
  SERVICE_LIFECYCLE_STATUSES,
  SLOT_ISSUE_POLICY_CHOICES,
  type AppointmentType,
  type BookableType,
  type Priority,
  type RequestFlow,
  type ServiceDefinition,
  type ServiceLifecycleStatus,
  type SexTreated,
} from '@open-ers/domain';
import { DateTimeISOResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  AppointmentTypeEnum,
  BookableTypeEnum,
  enumObject,
  PriorityEnum,
  RequestFlowEnum,
  SexTreatedEnum,
} from '../../graphql/enums.js';
import { Service } from './service.entity.js';

export const ServiceLifecycleStatusEnum = enumObject(SERVICE_LIFECYCLE_STATUSES);
export const SlotIssuePolicyEnum = enumObject(SLOT_ISSUE_POLICY_CHOICES);
type SlotIssuePolicy = (typeof SLOT_ISSUE_POLICY_CHOICES)[number];

registerEnumType(ServiceLifecycleStatusEnum, {
  name: 'ServiceLifecycleStatus',
  description:
    'Where a service is in its life: a DRAFT not yet published, UPCOMING (published, not yet in ' +
    'effect), IN_EFFECT, ENDING (in effect with an end date) or RETIRED (its last day has passed).',
});
registerEnumType(SlotIssuePolicyEnum, {
  name: 'SlotIssuePolicy',
  description:
    'What happens to a service’s Appointment Slot Issues when free capacity appears: LEAVE them ' +
    'for staff, OFFER the matched slot (held for the referral), or BOOK it straight away.',
});

@ObjectType({ description: 'A clinician a service names; referrers may ask for one.' })
export class NamedClinician {
  @Field(() => String, { description: 'The provider’s own identifier for the clinician.' })
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ description: 'A service’s booking window for one priority.' })
export class BookingWindowRule {
  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => Int, {
    description: 'Slots starting sooner than this many hours ahead cannot be booked.',
  })
  opensHoursAhead!: number;

  @Field(() => Int, {
    description: 'The last day (counted from today, today being 0) a slot may start.',
  })
  closesDaysAhead!: number;
}

@ObjectType({ description: 'One field changed by a version of a service, as display text.' })
export class ServiceFieldChange {
  @Field(() => String, { description: 'The field, for example `name` or `bookingWindows.URGENT`.' })
  field!: string;

  @Field(() => String, { description: 'The field’s name in plain English.' })
  label!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as display text.' })
  from!: string | null;

  @Field(() => String, { nullable: true, description: 'The value after, as display text.' })
  to!: string | null;
}

@ObjectType({ description: 'One version of a service’s definition: who changed what, and when.' })
export class ServiceVersionEntry {
  @Field(() => Int)
  version!: number;

  @Field(() => String, { description: 'CREATED, AMENDED, PUBLISHED or RETIRED.' })
  kind!: string;

  @Field(() => DateTimeISOResolver)
  changedAt!: Date;

  @Field(() => String)
  changedByName!: string;

  @Field(() => [ServiceFieldChange], { description: 'Empty for the first version.' })
  changes!: ServiceFieldChange[];
}

/**
 * A service as its own provider's service definers see it: the directory entry, its
 * lifecycle, the attributes only definers maintain, and (resolved on demand) its history and
 * counts.
 */
@ObjectType({
  description: 'A service of the definer’s own organisation, with its lifecycle and history.',
})
export class DefinedService {
  constructor(service: Service, lifecycleStatus: ServiceLifecycleStatus) {
    this.id = service.id;
    this.service = service;
    this.lifecycleStatus = lifecycleStatus;
    this.draft = service.draft;
    this.namedClinicians = (service.namedClinicians ?? []).map((c) => ({ id: c.id, name: c.name }));
    const windows = service.bookingWindows ?? {};
    this.bookingWindows = PRIORITY_CODES.flatMap((priority) => {
      const window = windows[priority];
      return window ? [{ priority, ...window }] : [];
    });
    this.slotIssuePolicy = service.slotIssuePolicy as SlotIssuePolicy;
    this.offerHoldHours = service.offerHoldHours;
    this.publicationWeeks = service.publicationWeeks;
  }

  @Field(() => ID)
  id: string;

  @Field(() => Service)
  service: Service;

  @Field(() => ServiceLifecycleStatusEnum)
  lifecycleStatus: ServiceLifecycleStatus;

  @Field(() => Boolean)
  draft: boolean;

  @Field(() => [NamedClinician])
  namedClinicians: NamedClinician[];

  @Field(() => [BookingWindowRule], {
    description: 'Windows set per priority; a priority without one uses the default.',
  })
  bookingWindows: BookingWindowRule[];

  @Field(() => SlotIssuePolicyEnum)
  slotIssuePolicy: SlotIssuePolicy;

  @Field(() => Int, { description: 'Hours a slot offered to a slot issue stays held for it.' })
  offerHoldHours: number;

  @Field(() => Int, { description: 'Weeks ahead the service’s schedules keep slots published.' })
  publicationWeeks: number;
}

@InputType({ description: 'A clinician a service names.' })
export class NamedClinicianInput {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;
}

@InputType({ description: 'A booking window for one priority.' })
export class BookingWindowInput {
  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => Int)
  opensHoursAhead!: number;

  @Field(() => Int)
  closesDaysAhead!: number;
}

@InputType({ description: 'Every attribute of a service, as its service definer enters it.' })
export class ServiceDefinitionInput {
  @Field(() => String)
  name!: string;

  @Field(() => ID, { description: 'One of the organisation’s sites.' })
  siteId!: string;

  @Field(() => ID, { description: 'Specialty code.' })
  specialty!: string;

  @Field(() => ID, { description: 'Clinic type code, of the specialty.' })
  clinicType!: string;

  @Field(() => AppointmentTypeEnum)
  appointmentType!: AppointmentType;

  @Field(() => RequestFlowEnum)
  requestFlow!: RequestFlow;

  @Field(() => BookableTypeEnum)
  bookableType!: BookableType;

  @Field(() => [PriorityEnum])
  priorities!: Priority[];

  @Field(() => Int, { nullable: true })
  minAgeYears?: number | null;

  @Field(() => Int, { nullable: true })
  maxAgeYears?: number | null;

  @Field(() => SexTreatedEnum)
  sexTreated!: SexTreated;

  @Field(() => Boolean)
  letterRequired!: boolean;

  @Field(() => String, { nullable: true })
  additionalRequirements?: string | null;

  @Field(() => String, { nullable: true })
  referrerAlert?: string | null;

  @Field(() => String, { nullable: true })
  instructions?: string | null;

  @Field(() => [BookingWindowInput])
  bookingWindows!: BookingWindowInput[];

  @Field(() => Int)
  reservationDays!: number;

  @Field(() => Int, { nullable: true })
  indicativeWaitDays?: number | null;

  @Field(() => [NamedClinicianInput])
  namedClinicians!: NamedClinicianInput[];

  @Field(() => LocalDateResolver)
  effectiveFrom!: string;

  @Field(() => LocalDateResolver, { nullable: true })
  effectiveTo?: string | null;

  @Field(() => SlotIssuePolicyEnum)
  slotIssuePolicy!: SlotIssuePolicy;

  @Field(() => Int)
  offerHoldHours!: number;

  @Field(() => Int)
  publicationWeeks!: number;
}

/** The domain's definition of an input, optional fields as null. */
export function definitionOfInput(input: ServiceDefinitionInput): ServiceDefinition {
  return {
    name: input.name,
    siteId: input.siteId,
    specialty: input.specialty,
    clinicType: input.clinicType,
    appointmentType: input.appointmentType,
    requestFlow: input.requestFlow,
    bookableType: input.bookableType,
    priorities: input.priorities,
    minAgeYears: input.minAgeYears ?? null,
    maxAgeYears: input.maxAgeYears ?? null,
    sexTreated: input.sexTreated,
    letterRequired: input.letterRequired,
    additionalRequirements: input.additionalRequirements ?? null,
    referrerAlert: input.referrerAlert ?? null,
    instructions: input.instructions ?? null,
    bookingWindows: input.bookingWindows.map((w) => ({
      priority: w.priority,
      opensHoursAhead: w.opensHoursAhead,
      closesDaysAhead: w.closesDaysAhead,
    })),
    reservationDays: input.reservationDays,
    indicativeWaitDays: input.indicativeWaitDays ?? null,
    namedClinicians: input.namedClinicians.map((c) => ({ id: c.id, name: c.name })),
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
    slotIssuePolicy: input.slotIssuePolicy,
    offerHoldHours: input.offerHoldHours,
    publicationWeeks: input.publicationWeeks,
  };
}

@InputType({ description: 'A site of the definer’s organisation.' })
export class SiteInput {
  @Field(() => String, { description: 'ODS-style site code, for example RR801.' })
  odsCode!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  addressLine!: string;

  @Field(() => String)
  town!: string;

  @Field(() => String, { description: 'Full UK postcode; the site is placed at its coordinates.' })
  postcode!: string;
}
