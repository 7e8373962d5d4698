import { findReason, roleInfo, type ReasonCatalogue, type Role } from '@open-ers/domain';
import type { ProposalReason } from '../../gql/graphql';
import { PROPOSAL_REASONS_TEXT } from './proposal-reasons';

/** The reason catalogue a history event's or state's reason comes from. */
const CATALOGUE_OF: Record<string, ReasonCatalogue> = {
  BOOK: 'REDIRECT',
  DEFER_TO_PROVIDER: 'REDIRECT',
  REJECT: 'REJECTION',
  RECORD_TRIAGE_OUTCOME: 'TRIAGE_OUTCOME',
  CANCEL_APPOINTMENT: 'APPOINTMENT_CANCELLATION',
  RECORD_DID_NOT_ATTEND: 'DID_NOT_ATTEND',
  RECORD_ASSESSMENT_OUTCOME: 'ASSESSMENT_OUTCOME',
  CANCEL_REFERRAL: 'REFERRAL_CANCELLATION',
};

/** A coded reason in words, from the domain's reason catalogues (the code if unknown). */
export function reasonName(code: string, action?: string): string {
  if (code in PROPOSAL_REASONS_TEXT) return PROPOSAL_REASONS_TEXT[code as ProposalReason];
  const catalogue = action ? CATALOGUE_OF[action] : undefined;
  if (catalogue) {
    const found = findReason(catalogue, code);
    if (found) return found.name;
  }
  for (const c of Object.values(CATALOGUE_OF)) {
    const found = findReason(c, code);
    if (found) return found.name;
  }
  return code
    .replaceAll('_', ' ')
    .toLowerCase()
    .replace(/^./, (c) => c.toUpperCase());
}

export function roleName(role: string): string {
  try {
    return roleInfo(role as Role).name;
  } catch {
    return role;
  }
}
