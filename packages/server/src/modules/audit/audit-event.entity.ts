import { DateTimeType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** How an audited action ended. */
export const AUDIT_OUTCOMES = ['SUCCESS', 'REFUSED', 'FAILED'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One audited action (reference §13): who (user, role, organisation, and the clinician acted
 * for), on what (patient, NHS number, UBRN), what, when (UTC) and in which request.
 *
 * The table is append-only, enforced by the database: triggers added by hand to the migrations
 * reject every UPDATE and DELETE (and, on PostgreSQL, TRUNCATE). Ids are stored as plain
 * values, without foreign keys, so the record outlives the rows it names.
 */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['ubrn', 'occurredAt'] })
@Index({ properties: ['patientId', 'occurredAt'] })
@Index({ properties: ['userId', 'occurredAt'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** When it happened, in UTC. */
  @Property({ type: DateTimeType })
  occurredAt!: Date;

  /** The request id (the `x-request-id` header) that ties the record to the logs. */
  @Property({ type: 'string', length: 100 })
  requestId!: string;

  @Property({ type: 'uuid', nullable: true })
  userId?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  role?: string | null;

  @Property({ type: 'uuid', nullable: true })
  organisationId?: string | null;

  /** The clinician a clinician admin acted for. */
  @Property({ type: 'uuid', nullable: true })
  onBehalfOfUserId?: string | null;

  @Property({ type: 'string', length: 64, nullable: true })
  patientId?: string | null;

  @Property({ type: 'string', length: 10, nullable: true })
  nhsNumber?: string | null;

  @Property({ type: 'string', length: 12, nullable: true })
  ubrn?: string | null;

  /** What was done, as a stable upper-case code, for example `VIEW_REFERRAL`. */
  @Property({ type: 'string', length: 80 })
  action!: string;

  @Property({ type: 'string', length: 10 })
  outcome!: AuditOutcome;

  /** A few small facts about the action (never clinical content). */
  @Property({ type: 'json', nullable: true })
  details?: Record<string, string | number | boolean | null> | null;
}
