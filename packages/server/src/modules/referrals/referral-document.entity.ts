import { DateTimeType, Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Referral } from './referral.entity.js';

/**
 * A document uploaded for a referral, typically the referral letter. Uploaded first (before the
 * referral may exist), then attached. The content is clinical and kept in the database so a
 * backup of the database is a backup of everything.
 */
@Entity({ tableName: 'referral_document' })
export class ReferralDocument {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The referral it is attached to, once attached. */
  @ManyToOne({ entity: () => Referral, ref: true, nullable: true })
  referral?: Ref<Referral> | null;

  @Property({ type: 'string', length: 255 })
  filename!: string;

  @Property({ type: 'string', length: 100 })
  contentType!: string;

  @Property({ type: 'integer' })
  sizeBytes!: number;

  /** SHA-256 of the content, hex. */
  @Property({ type: 'string', length: 64 })
  sha256!: string;

  @Property({ type: 'blob', lazy: true })
  content!: Buffer;

  @Property({ type: 'string', length: 64 })
  uploadedByUserId!: string;

  @Property({ type: 'string', length: 64 })
  uploadedByOrganisationId!: string;

  @Property({ type: DateTimeType })
  uploadedAt!: Date;
}
