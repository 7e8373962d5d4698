import type { ReferralSnapshot } from '@open-ers/domain';

/** Snapshot fields holding instants (at any depth): stored as ISO strings, read back as Dates. */
const INSTANT_FIELDS = new Set([
  'stateChangedAt',
  'createdAt',
  'lastActivityAt',
  'letterDueAt',
  'start',
  'end',
]);

/** The snapshot as JSON-safe data for the `referral.snapshot` column. */
export function encodeSnapshot(snapshot: ReferralSnapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
}

/** The snapshot stored by {@link encodeSnapshot}, with its instants as Dates again. */
export function decodeSnapshot(stored: unknown): ReferralSnapshot {
  const json = typeof stored === 'string' ? stored : JSON.stringify(stored);
  return JSON.parse(json, (key, value: unknown) =>
    INSTANT_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as ReferralSnapshot;
}
