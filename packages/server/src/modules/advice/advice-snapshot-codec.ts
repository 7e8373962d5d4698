import type { AdviceSnapshot } from '@open-ers/domain';

/** Snapshot fields holding instants: stored as ISO strings, read back as Dates. */
const INSTANT_FIELDS = new Set([
  'stateChangedAt',
  'createdAt',
  'lastActivityAt',
  'firstRespondedAt',
]);

/** The snapshot as JSON-safe data for the `advice_request.snapshot` column. */
export function encodeAdviceSnapshot(snapshot: AdviceSnapshot): Record<string, unknown> {
  return JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
}

/** The snapshot stored by {@link encodeAdviceSnapshot}, with its instants as Dates again. */
export function decodeAdviceSnapshot(stored: unknown): AdviceSnapshot {
  const json = typeof stored === 'string' ? stored : JSON.stringify(stored);
  return JSON.parse(json, (key, value: unknown) =>
    INSTANT_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as AdviceSnapshot;
}
