import type { Role } from './roles.js';

/**
 * The person or system acting: one user in one role at one organisation (reference §2).
 * The server builds it from the authenticated session; the domain trusts it.
 */
export interface Actor {
  /** The acting user's id (for a provider system, the system's id). */
  readonly userId: string;
  readonly role: Role;
  /** The organisation the user is acting for (ODS-style code or id). */
  readonly organisationId: string;
  /**
   * The clinician this user acts for. A service provider clinician admin always acts for a
   * linked provider clinician; a referring clinician admin names the referring clinician when
   * creating a referral or advice request. The server checks the link exists.
   */
  readonly onBehalfOfUserId?: string | null;
  /**
   * For the `PATIENT` role only: the patient the user has proved to be (with a UBRN and access
   * code, or NHS login). `organisationId` is ignored for patients.
   */
  readonly patientId?: string | null;
}
