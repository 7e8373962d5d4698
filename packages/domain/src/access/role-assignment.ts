import type { OrganisationKind } from '../directory/service-attributes.js';
import type { Role } from './roles.js';

/**
 * The kinds of organisation at which each role can be held (reference §2): referring roles at
 * GP practices, provider roles and service definers at providers, commissioners at
 * commissioners, information analysts anywhere. Patients hold no role assignment: they prove
 * who they are for one referral at a time.
 */
export const ROLE_ORGANISATION_KINDS: Readonly<Record<Role, readonly OrganisationKind[]>> = {
  REFERRING_CLINICIAN: ['GP_PRACTICE'],
  REFERRING_CLINICIAN_ADMIN: ['GP_PRACTICE'],
  REFERRING_ADMIN: ['GP_PRACTICE'],
  SERVICE_PROVIDER_CLINICIAN: ['PROVIDER'],
  SERVICE_PROVIDER_CLINICIAN_ADMIN: ['PROVIDER'],
  SERVICE_PROVIDER_ADMIN: ['PROVIDER'],
  PROVIDER_AUTHORISED_APPLICATION: ['PROVIDER'],
  SERVICE_DEFINER: ['PROVIDER'],
  COMMISSIONER: ['COMMISSIONER'],
  INFORMATION_ANALYST: ['GP_PRACTICE', 'PROVIDER', 'COMMISSIONER'],
  PATIENT: [],
};

/** Whether a user may be given `role` at an organisation of `kind`. */
export function mayHoldRoleAt(role: Role, kind: OrganisationKind): boolean {
  return ROLE_ORGANISATION_KINDS[role].includes(kind);
}

/**
 * The clinician role an admin role acts for: a service provider clinician admin acts on behalf
 * of service provider clinicians (always), a referring clinician admin names referring
 * clinicians (when creating a referral or advice request). `null` for every other role.
 */
export function delegatedClinicianRole(role: Role): Role | null {
  switch (role) {
    case 'SERVICE_PROVIDER_CLINICIAN_ADMIN':
      return 'SERVICE_PROVIDER_CLINICIAN';
    case 'REFERRING_CLINICIAN_ADMIN':
      return 'REFERRING_CLINICIAN';
    default:
      return null;
  }
}

/**
 * Whether an admin's role assignment may be linked to a clinician's: the admin role must act
 * for the clinician's role, at the same organisation, and a user is never linked to themself.
 */
export function mayLinkClinician(
  admin: { readonly userId: string; readonly role: Role; readonly organisationId: string },
  clinician: { readonly userId: string; readonly role: Role; readonly organisationId: string },
): boolean {
  return (
    delegatedClinicianRole(admin.role) === clinician.role &&
    admin.organisationId === clinician.organisationId &&
    admin.userId !== clinician.userId
  );
}
