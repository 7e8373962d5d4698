import type { AdviceEventType, ReferralEventType } from '@open-ers/domain';

/**
 * A referral or Advice & Guidance request changed: published after the change is committed.
 * Both live on a UBRN and on worklists, so both travel on this one feed.
 */
export interface ReferralChange {
  readonly ubrn: string;
  /** The referral's version, or the advice request's. */
  readonly version: number;
  /** The event that changed it (or CREATE_REFERRAL, CREATE_ADVICE_REQUEST). */
  readonly event: ReferralEventType | AdviceEventType | 'CREATE_REFERRAL' | 'CREATE_ADVICE_REQUEST';
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
