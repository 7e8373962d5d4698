import {
  EVENT_REASON_CATALOGUE,
  findReason,
  PROPOSAL_REASON_NAMES,
  reasonCatalogueOf,
  roleInfo,
  type ProposalReason,
  type Role,
} from '@open-ers/domain';

/**
 * A coded reason in words, from the domain's reason catalogues (the code if unknown): the
 * catalogue of `action` (a history entry's event) first, then any catalogue.
 */
export function reasonName(code: string, action?: string): string {
  if (code in PROPOSAL_REASON_NAMES) return PROPOSAL_REASON_NAMES[code as ProposalReason];
  const catalogue = action ? reasonCatalogueOf(action) : null;
  if (catalogue) {
    const found = findReason(catalogue, code);
    if (found) return found.name;
  }
  for (const c of new Set(Object.values(EVENT_REASON_CATALOGUE))) {
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
