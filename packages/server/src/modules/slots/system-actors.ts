import type { Actor } from '@open-ers/domain';

/**
 * open-ers's own system users: who the history names when open-ers changes a referral itself.
 * They are not people and cannot sign in; each acts as the provider's system
 * (PROVIDER_AUTHORISED_APPLICATION) at the service's provider.
 */
export const SLOT_MAINTENANCE_USER_ID = '00000000-0000-4000-8000-00000000a001';
export const SLOT_ISSUE_RESOLUTION_USER_ID = '00000000-0000-4000-8000-00000000a002';

/** The names shown for the system users (history, audit). */
export const SYSTEM_USER_NAMES: Readonly<Record<string, string>> = {
  [SLOT_MAINTENANCE_USER_ID]: 'open-ers slot maintenance',
  [SLOT_ISSUE_RESOLUTION_USER_ID]: 'open-ers automatic slot-issue resolution',
};

/**
 * Slot maintenance acting on a booked appointment (cancelling it because its slot was
 * cancelled or withdrawn), on behalf of the person who did it.
 */
export function slotMaintenanceActor(providerOrganisationId: string, onBehalfOf: Actor): Actor {
  return {
    userId: SLOT_MAINTENANCE_USER_ID,
    role: 'PROVIDER_AUTHORISED_APPLICATION',
    organisationId: providerOrganisationId,
    onBehalfOfUserId: onBehalfOf.userId,
  };
}

/** Automatic resolution of a service's slot issues (offering or booking slots). */
export function slotIssueResolutionActor(providerOrganisationId: string): Actor {
  return {
    userId: SLOT_ISSUE_RESOLUTION_USER_ID,
    role: 'PROVIDER_AUTHORISED_APPLICATION',
    organisationId: providerOrganisationId,
  };
}
