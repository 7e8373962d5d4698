import type { AdviceSnapshot, AdviceState } from '../advice/advice.types.js';
import { compareSortKeys, type SortKey } from '../pagination/index.js';
import { priorityRank } from '../reference/index.js';
import type { WorklistMembership } from './worklist-codes.js';

const OPEN: readonly AdviceState[] = [
  'PROVIDER_RESPONSE_REQUIRED',
  'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  'REFERRER_TO_REVIEW_RESPONSE',
];

/**
 * The worklists an advice request is on: the provider's ADVICE_AND_GUIDANCE_REQUESTS while a
 * response is required, and the referrer's ACTIVE_ADVICE_REQUESTS while the conversation is open.
 */
export function adviceWorklists(advice: AdviceSnapshot): WorklistMembership[] {
  const lists: WorklistMembership[] = [];
  if (advice.state === 'PROVIDER_RESPONSE_REQUIRED') {
    lists.push({
      worklist: 'ADVICE_AND_GUIDANCE_REQUESTS',
      organisationId: advice.service.providerOrganisationId,
    });
  }
  if (OPEN.includes(advice.state)) {
    lists.push({
      worklist: 'ACTIVE_ADVICE_REQUESTS',
      organisationId: advice.referringOrganisationId,
    });
  }
  return lists;
}

/** One advice request on one organisation's worklist. */
export interface AdviceWorklistEntry extends WorklistMembership {
  readonly ubrn: string;
  readonly state: AdviceState;
  /** `[priority rank, stateChangedAt ms, ubrn]`: most urgent, then longest waiting, first. */
  readonly sortKey: SortKey;
  /** For the referrer: the provider has answered and the referrer needs to act. */
  readonly awaitingReferrer: boolean;
}

/** The worklist entries of an advice request. */
export function adviceWorklistEntries(advice: AdviceSnapshot): AdviceWorklistEntry[] {
  return adviceWorklists(advice).map((m) => ({
    ...m,
    ubrn: advice.ubrn,
    state: advice.state,
    sortKey: [priorityRank(advice.priority), advice.stateChangedAt.getTime(), advice.ubrn],
    awaitingReferrer:
      advice.state === 'REFERRER_TO_REVIEW_RESPONSE' ||
      advice.state === 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION',
  }));
}

/** Orders advice worklist entries (clinical priority, then longest waiting). */
export function compareAdviceWorklistEntries(
  a: AdviceWorklistEntry,
  b: AdviceWorklistEntry,
): number {
  return compareSortKeys(a.sortKey, b.sortKey);
}
