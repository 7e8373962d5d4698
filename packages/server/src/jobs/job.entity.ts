import { DateTimeType, Entity, Index, PrimaryKey, Property, type Opt } from '@mikro-orm/core';

/**
 * A background job of the embedded (SQLite) queue: stored before it runs, so a job survives a
 * restart and a failure is kept for operators. On PostgreSQL the jobs live in pg-boss's own
 * tables instead and this table stays empty.
 */
@Entity({ tableName: 'background_job' })
@Index({ properties: ['state', 'runAfter'] })
export class BackgroundJob {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'string', length: 60 })
  name!: string;

  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  /** QUEUED, ACTIVE, COMPLETED or FAILED (retries used up). */
  @Property({ type: 'string', length: 12 })
  state!: string;

  /** At most one queued or active job per key (for example one matching run per service). */
  @Property({ type: 'string', length: 160, nullable: true })
  singletonKey?: string | null;

  @Property({ type: 'integer', default: 0 })
  attempts: number & Opt = 0;

  @Property({ type: 'integer', default: 3 })
  maxAttempts: number & Opt = 3;

  @Property({ type: DateTimeType })
  runAfter!: Date;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: DateTimeType })
  createdAt!: Date;

  @Property({ type: DateTimeType })
  updatedAt!: Date;
}
