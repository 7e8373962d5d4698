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
import type { Priority, ReferralState } from '@open-ers/domain';
import { PriorityEnum, ReferralStateEnum } from '../../graphql/enums.js';
import { Organisation, Service } from '../directory/index.js';
import { Patient } from '../patients/index.js';

/**
 * A referral (UBRN). The domain snapshot is stored whole in `snapshot`, so the rules always see
 * exactly what they produced; the columns beside it are the facts queries filter and sort on,
 * written from the snapshot in the same statement. `version` is the optimistic-concurrency
 * version: every write is a compare-and-swap on it.
 */
@Entity({ tableName: 'referral' })
@Index({ properties: ['referringOrganisation', 'state'] })
@Index({ properties: ['currentProvider', 'state'] })
export class Referral {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 12, unique: true })
  ubrn!: string;

  /** Lets the patient manage their referral (with the UBRN). */
  @Property({ type: 'string', length: 8 })
  accessCode!: string;

  @ManyToOne({ entity: () => Patient, ref: true, index: true })
  patient!: Ref<Patient>;

  @ManyToOne({ entity: () => Organisation, ref: true })
  referringOrganisation!: Ref<Organisation>;

  @Property({ type: 'string', length: 64 })
  referringClinicianId!: string;

  @Enum({ items: () => ReferralStateEnum })
  state!: ReferralState;

  @Enum({ items: () => PriorityEnum })
  priority!: Priority;

  @Property({ type: 'integer' })
  version!: number;

  /** The domain's ReferralSnapshot as JSON (instants as ISO strings). */
  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  /** Clinical information entered with the referral: clinical content. */
  @Property({ type: 'text', nullable: true })
  clinicalInformation?: string | null;

  /** The service of the current appointment, if any. */
  @ManyToOne({ entity: () => Service, ref: true, nullable: true })
  currentService?: Ref<Service> | null;

  /** The provider organisation of the current appointment, if any. */
  @ManyToOne({ entity: () => Organisation, ref: true, nullable: true })
  currentProvider?: Ref<Organisation> | null;

  @Property({ type: 'string', length: 12, nullable: true })
  parentUbrn?: string | null;

  @Property({ type: DateTimeType })
  createdAt!: Date;

  @Property({ type: DateTimeType })
  lastActivityAt!: Date;

  @Property({ type: DateTimeType })
  updatedAt: Date & Opt = new Date();
}
