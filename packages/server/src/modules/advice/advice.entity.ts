import {
  DateTimeType,
  Entity,
  Enum,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  type Opt,
  type Ref,
} from '@mikro-orm/core';
import type { AdviceState, ConversionAuthorisation, Priority } from '@open-ers/domain';
import { AdviceStateEnum, ConversionAuthorisationEnum, PriorityEnum } from '../../graphql/enums.js';
import { Organisation, Service } from '../directory/index.js';
import { Patient } from '../patients/index.js';

/**
 * An Advice & Guidance request (UBRN), stored like a referral: the domain's `AdviceSnapshot`
 * whole in `snapshot`, so the rules always see exactly what they produced, and beside it the
 * facts queries filter and sort on, written from the snapshot in the same statement. `version`
 * is the optimistic-concurrency version: every write is a compare-and-swap on it.
 *
 * A provider conversion creates a referral on the same UBRN in the `referral` table; the advice
 * request stays here, in state ADVICE_CONVERTED, with its conversation.
 */
@Entity({ tableName: 'advice_request' })
@Index({ properties: ['referringOrganisation', 'state'] })
@Index({ properties: ['providerOrganisation', 'state'] })
export class AdviceRequest {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 12, unique: true })
  ubrn!: string;

  @ManyToOne({ entity: () => Patient, ref: true, index: true })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Organisation, ref: true })
  referringOrganisation!: Ref<Organisation>;

  /** The referring clinician the request is from (named by an admin who sent it for them). */
  @Property({ type: 'string', length: 64 })
  referringClinicianId!: string;

  /** The one advice service asked. */
  @ManyToOne({ entity: () => Service, ref: true, index: true })
  service!: Ref<Service>;

  /** The organisation running the advice service. */
  @ManyToOne({ entity: () => Organisation, ref: true })
  providerOrganisation!: Ref<Organisation>;

  @Enum({ items: () => AdviceStateEnum })
  state!: AdviceState;

  @Enum({ items: () => PriorityEnum })
  priority!: Priority;

  @Enum({ items: () => ConversionAuthorisationEnum })
  providerConversionAuthorisation!: ConversionAuthorisation;

  @Property({ type: 'integer' })
  version!: number;

  /** The domain's AdviceSnapshot as JSON (instants as ISO strings). */
  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: DateTimeType })
  createdAt!: Date;

  @Property({ type: DateTimeType })
  stateChangedAt!: Date;

  /** When the provider first responded: for advice response-time reports. */
  @Property({ type: DateTimeType, nullable: true })
  firstRespondedAt?: Date | null;

  @Property({ type: DateTimeType })
  lastActivityAt!: Date;

  @Property({ type: DateTimeType })
  updatedAt: Date & Opt = new Date();
}
