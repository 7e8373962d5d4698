import type { ReferralEventType } from '@open-ers/domain';

/** A referral changed: published after the change is committed. */
export interface ReferralChange {
  readonly ubrn: string;
  readonly version: number;
  /** The event that changed it (or CREATE_REFERRAL). */
  readonly event: ReferralEventType | 'CREATE_REFERRAL';
  /** Organisations whose worklists this change touched. */
  readonly organisationIds: readonly string[];
  readonly at: Date;
}

/**
 * Where committed changes are announced, for live worklists and referral pages. In-process by
 * default; Redis pub/sub when several server instances share one database.
 */
export interface ChangeFeed {
  publishReferralChange(change: ReferralChange): void;
}

/** A feed that drops everything (scripts, tools). */
export const SILENT_FEED: ChangeFeed = { publishReferralChange: () => undefined };
