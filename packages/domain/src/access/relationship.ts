import type { Actor } from './actor.js';
import { canSeeClinicalContent, roleSide, type Role } from './roles.js';

/**
 * The parties to a referral: what decides who has a legitimate relationship with it.
 */
export interface ReferralParties {
  readonly patientId: string;
  readonly referringOrganisationId: string;
  /** The commissioning rule organisation, when there is one. */
  readonly commissioningOrganisationId: string | null;
  /**
   * Provider organisations the referral has been booked, deferred or sent for triage to (or
   * converted from advice by), oldest first. A provider appears here only once the referral has
   * reached one of its services; being on a shortlist is not enough.
   */
  readonly providerOrganisationIds: readonly string[];
}

/**
 * How much of a record an actor may see: nothing, the administrative facts (who, where, when,
 * state) or everything including clinical content (letters, clinical comments, advice).
 */
export type AccessLevel = 'NONE' | 'ADMINISTRATIVE' | 'CLINICAL';

/**
 * Whether an actor's organisation is a party to the referral, ignoring what the role may see:
 * - the referring organisation, always;
 * - a provider organisation once the referral has been booked, deferred or sent for triage to
 *   one of its services (it keeps the relationship afterwards, for its records), and the
 *   provider organisation that made an onward referral, which is that referral's referrer;
 * - the commissioning rule organisation, for commissioners and information analysts;
 * - information analysts also at the referring and related provider organisations;
 * - the patient themselves;
 * - never a service definer (who manages the directory, not referrals).
 */
export function hasLegitimateRelationship(parties: ReferralParties, actor: Actor): boolean {
  const org = actor.organisationId;
  switch (roleSide(actor.role)) {
    case 'REFERRER':
      return org === parties.referringOrganisationId;
    case 'PROVIDER':
      // A provider that made an onward referral (T18) is its referring organisation.
      return (
        parties.providerOrganisationIds.includes(org) || org === parties.referringOrganisationId
      );
    case 'PATIENT':
      return actor.patientId != null && actor.patientId === parties.patientId;
    case 'OVERSIGHT':
      if (
        parties.commissioningOrganisationId !== null &&
        org === parties.commissioningOrganisationId
      ) {
        return true;
      }
      return (
        actor.role === 'INFORMATION_ANALYST' &&
        (org === parties.referringOrganisationId || parties.providerOrganisationIds.includes(org))
      );
    case 'DIRECTORY':
      return false;
  }
}

/**
 * What an actor may see of a referral: `NONE` without a legitimate relationship, otherwise
 * `CLINICAL` for roles that see clinical content and `ADMINISTRATIVE` for the rest (admin roles
 * never receive clinical content).
 */
export function referralAccess(parties: ReferralParties, actor: Actor): AccessLevel {
  if (!hasLegitimateRelationship(parties, actor)) return 'NONE';
  return canSeeClinicalContent(actor.role) ? 'CLINICAL' : 'ADMINISTRATIVE';
}

/**
 * Whether a role is shown who referred a patient (the referring clinician, and the admin who
 * acted for them) and who did what in a referral's history: staff on the referrer and provider
 * sides, who work with those people. Patients, commissioners, analysts and service definers are
 * not: they see the organisations, not the staff.
 */
export function roleSeesStaffNames(role: Role): boolean {
  const side = roleSide(role);
  return side === 'REFERRER' || side === 'PROVIDER';
}

/**
 * Whether an actor may see who referred this referral and the names in its history: a party to
 * it (see `hasLegitimateRelationship`) in a role that sees staff names.
 */
export function maySeeReferrer(parties: ReferralParties, actor: Actor): boolean {
  return roleSeesStaffNames(actor.role) && hasLegitimateRelationship(parties, actor);
}
