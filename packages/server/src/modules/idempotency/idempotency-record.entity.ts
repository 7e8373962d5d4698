import { DateTimeType, Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * The first result of a mutation sent with an idempotency key, so a retry with the same key
 * returns it instead of acting twice. Keys are per user; a key reused for a different request
 * is refused.
 */
@Entity({ tableName: 'idempotency_record' })
@Unique({ properties: ['userId', 'key'] })
export class IdempotencyRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 64 })
  userId!: string;

  @Property({ type: 'string', length: 255 })
  key!: string;

  /** The mutation's name. */
  @Property({ type: 'string', length: 80 })
  operation!: string;

  /** SHA-256 of the mutation's arguments: a retry must send the same ones. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  /**
   * COMPLETED once the first request's effects are committed (written in the same transaction);
   * IN_PROGRESS while a multi-step request (booking, which waits for the provider's system) runs.
   */
  @Property({ type: 'string', length: 12 })
  status!: 'IN_PROGRESS' | 'COMPLETED';

  /** What the first request returned (JSON), once completed. */
  @Property({ type: 'json', nullable: true })
  response?: unknown;

  @Property({ type: DateTimeType })
  createdAt!: Date;
}
