import type { ProposalReason } from '../../gql/graphql';

export const PROPOSAL_REASONS_TEXT: Record<ProposalReason, string> = {
  NO_SLOTS_AT_SERVICE: 'No appointments were available at the service',
  SLOT_NOT_AVAILABLE: 'The chosen appointment was no longer available',
  BOOKING_ATTEMPT_PROBLEM: 'The provider’s system could not confirm the booking',
  TRIAGE: 'Sent for triage',
};
