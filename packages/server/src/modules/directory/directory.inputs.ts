import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { PatientSex, Priority, SearchRequestType, ServiceSort } from '@open-ers/domain';
import {
  PatientSexEnum,
  PriorityEnum,
  SearchRequestTypeEnum,
  ServiceSortEnum,
} from '../../graphql/enums.js';

@InputType({ description: 'The patient a service search is for.' })
export class SearchPatientInput {
  @Field(() => Int, { description: 'Age in whole years.' })
  ageYears!: number;

  @Field(() => PatientSexEnum)
  sex!: PatientSex;

  @Field(() => String, { description: 'Full UK postcode; distances are measured from it.' })
  postcode!: string;
}

@InputType({ description: 'Criteria of a Directory of Services search.' })
export class ServiceSearchInput {
  @Field(() => SearchPatientInput)
  patient!: SearchPatientInput;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => ID, { description: 'Specialty code, from `specialties`.' })
  specialty!: string;

  @Field(() => ID, { nullable: true, description: 'Clinic type code within the specialty.' })
  clinicType?: string | null;

  @Field(() => Float, { nullable: true, description: 'Only services within this many miles.' })
  maxDistanceMiles?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Only services whose indicative wait (to the earliest bookable slot) is at most this many days.',
  })
  maxWaitDays?: number | null;

  @Field(() => ServiceSortEnum, { defaultValue: 'DISTANCE' })
  sort!: ServiceSort;

  @Field(() => SearchRequestTypeEnum, { defaultValue: 'APPOINTMENT_REQUEST' })
  requestType!: SearchRequestType;
}
