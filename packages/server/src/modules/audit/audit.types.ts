import type { Role } from '@open-ers/domain';
import { Field, ObjectType } from 'type-graphql';
import { RoleEnum } from '../../graphql/enums.js';
import { Organisation } from '../directory/index.js';
import { User } from '../identity/index.js';

@ObjectType({ description: 'One access to a referral: who, in which role and where, did what.' })
export class AccessLogEntry {
  @Field(() => Date, { description: 'When, in UTC.' })
  occurredAt!: Date;

  @Field(() => String, { description: 'What was done, like VIEW_REFERRAL.' })
  action!: string;

  @Field(() => String, { description: 'SUCCESS, REFUSED or FAILED.' })
  outcome!: string;

  @Field(() => User, { nullable: true })
  user!: User | null;

  @Field(() => RoleEnum, { nullable: true })
  role!: Role | null;

  @Field(() => Organisation, { nullable: true })
  organisation!: Organisation | null;

  @Field(() => User, { nullable: true, description: 'The clinician an admin acted for.' })
  onBehalfOf!: User | null;

  @Field(() => String, { description: 'The request id, to find the request in the logs.' })
  requestId!: string;
}
