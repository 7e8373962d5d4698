import {
  DateTimeType,
  Entity,
  Index,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import { Service } from './service.entity.js';

/**
 * One version of a service's definition, written in the same transaction as the change that
 * made it: who made it, when, what changed (field by field) and the whole definition as it then
 * stood. Append-only: versions are never rewritten, so a referral made against version 3 can
 * always show what version 3 said.
 */
@Entity({ tableName: 'service_version' })
@Unique({ properties: ['service', 'version'] })
export class ServiceVersion {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => Service, ref: true })
  service!: Ref<Service>;

  /** The service's `version` after this change. */
  @Property({ type: 'integer' })
  version!: number;

  /** What kind of change: CREATED, AMENDED, PUBLISHED, RETIRED. */
  @Property({ type: 'string', length: 20 })
  kind!: string;

  @Index()
  @Property({ type: DateTimeType })
  changedAt!: Date;

  /** The user who made the change (null for the system, e.g. the demo loader). */
  @Property({ type: 'string', length: 64, nullable: true })
  changedByUserId?: string | null;

  /** Their name as it was when they made it. */
  @Property({ type: 'string', length: 200 })
  changedByName!: string;

  /** The fields that changed: `[{ field, from, to }]` (empty for the first version). */
  @Property({ type: 'json' })
  changes!: { field: string; from: unknown; to: unknown }[];

  /** The whole definition after the change. */
  @Property({ type: 'json' })
  definition!: Record<string, unknown>;
}
