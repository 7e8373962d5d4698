import {
  DateTimeType,
  Entity,
  ManyToOne,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import type { AdviceMessageKind } from '@open-ers/domain';
import { AdviceRequest } from './advice.entity.js';

/**
 * One message in an Advice & Guidance conversation: the request, advice, a request for or
 * supply of further information, a cancellation note or the final note of a conversion. Who
 * wrote it (user, role, organisation and clinician acted for), when, and the text, which is
 * clinical content. Rows are only ever added.
 */
@Entity({ tableName: 'advice_message' })
@Unique({ properties: ['adviceRequest', 'version'] })
export class AdviceMessage {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne({ entity: () => AdviceRequest, ref: true })
  adviceRequest!: Ref<AdviceRequest>;

  /**
   * The advice request's version after the event that recorded the message: an event records
   * at most one message, so it also orders the conversation.
   */
  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'string', length: 30 })
  kind!: AdviceMessageKind;

  /** The side that wrote it. */
  @Property({ type: 'string', length: 10 })
  author!: 'REFERRER' | 'PROVIDER';

  @Property({ type: 'string', length: 64 })
  userId!: string;

  @Property({ type: 'string', length: 40 })
  role!: string;

  @Property({ type: 'string', length: 64 })
  organisationId!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  onBehalfOfUserId?: string | null;

  @Property({ type: DateTimeType })
  sentAt!: Date;

  /** Clinical content, up to 8,000 characters (the domain checks the length). */
  @Property({ type: 'text' })
  text!: string;

  /** A provider response's outcome (RETURN_TO_REFERRER_WITH_ADVICE, REQUIRE_FURTHER_INFORMATION). */
  @Property({ type: 'string', length: 40, nullable: true })
  outcome?: string | null;

  /** What the provider recommended with its advice. */
  @Property({ type: 'string', length: 60, nullable: true })
  recommendation?: string | null;

  /** The priority a response or conversion set. */
  @Property({ type: 'string', length: 20, nullable: true })
  priority?: string | null;

  @Property({ type: 'string', length: 100, nullable: true })
  requestId?: string | null;
}
