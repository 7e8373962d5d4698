/**
 * Roles ("business functions", reference §2). A user picks one role at one organisation for a
 * session; every rule is checked against that role.
 */
export const ROLES = [
  'REFERRING_CLINICIAN',
  'REFERRING_CLINICIAN_ADMIN',
  'REFERRING_ADMIN',
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  'SERVICE_PROVIDER_ADMIN',
  'PROVIDER_AUTHORISED_APPLICATION',
  'SERVICE_DEFINER',
  'COMMISSIONER',
  'INFORMATION_ANALYST',
  'PATIENT',
] as const;

/** A role code. */
export type Role = (typeof ROLES)[number];

/**
 * Which side of a referral a role works on: the referrer (primary care), the provider
 * (secondary care), the patient, the directory (service definers) or oversight (commissioners
 * and analysts, who read but never act on a referral).
 */
export type RoleSide = 'REFERRER' | 'PROVIDER' | 'PATIENT' | 'DIRECTORY' | 'OVERSIGHT';

/** Facts about a role. */
export interface RoleInfo {
  readonly code: Role;
  readonly name: string;
  /** The abbreviation used in e-RS guidance, for example `RC`. */
  readonly abbreviation: string;
  /** The Registration Authority activity code, where e-RS publishes one. */
  readonly raCode: string | null;
  readonly side: RoleSide;
  /** Whether the role may see clinical content (referral letters, advice, clinical comments). */
  readonly seesClinicalContent: boolean;
  /**
   * Whether the role acts for a named clinician: `ALWAYS` (every action names one),
   * `WHEN_CREATING` (a new referral or advice request names the referring clinician) or `NEVER`.
   */
  readonly actsOnBehalfOf: 'ALWAYS' | 'WHEN_CREATING' | 'NEVER';
}

/** Every role's facts. */
export const ROLE_INFO: Readonly<Record<Role, RoleInfo>> = {
  REFERRING_CLINICIAN: {
    code: 'REFERRING_CLINICIAN',
    name: 'Referring clinician',
    abbreviation: 'RC',
    raCode: 'B1101',
    side: 'REFERRER',
    seesClinicalContent: true,
    actsOnBehalfOf: 'NEVER',
  },
  REFERRING_CLINICIAN_ADMIN: {
    code: 'REFERRING_CLINICIAN_ADMIN',
    name: 'Referring clinician admin',
    abbreviation: 'RCA',
    raCode: 'B1102',
    side: 'REFERRER',
    seesClinicalContent: true,
    actsOnBehalfOf: 'WHEN_CREATING',
  },
  REFERRING_ADMIN: {
    code: 'REFERRING_ADMIN',
    name: 'Referring admin',
    abbreviation: 'RA',
    raCode: 'B1103',
    side: 'REFERRER',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  SERVICE_PROVIDER_CLINICIAN: {
    code: 'SERVICE_PROVIDER_CLINICIAN',
    name: 'Service provider clinician',
    abbreviation: 'SPC',
    raCode: 'B1110',
    side: 'PROVIDER',
    seesClinicalContent: true,
    actsOnBehalfOf: 'NEVER',
  },
  SERVICE_PROVIDER_CLINICIAN_ADMIN: {
    code: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    name: 'Service provider clinician admin',
    abbreviation: 'SPCA',
    raCode: 'B1115',
    side: 'PROVIDER',
    seesClinicalContent: true,
    actsOnBehalfOf: 'ALWAYS',
  },
  SERVICE_PROVIDER_ADMIN: {
    code: 'SERVICE_PROVIDER_ADMIN',
    name: 'Service provider admin',
    abbreviation: 'SPA',
    raCode: 'B1120',
    side: 'PROVIDER',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  PROVIDER_AUTHORISED_APPLICATION: {
    code: 'PROVIDER_AUTHORISED_APPLICATION',
    name: 'Provider system (authorised application)',
    abbreviation: 'PAA',
    raCode: null,
    side: 'PROVIDER',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  SERVICE_DEFINER: {
    code: 'SERVICE_DEFINER',
    name: 'Service definer',
    abbreviation: 'SD',
    raCode: 'B1107',
    side: 'DIRECTORY',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  COMMISSIONER: {
    code: 'COMMISSIONER',
    name: 'Commissioner',
    abbreviation: 'COM',
    raCode: 'B1106',
    side: 'OVERSIGHT',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  INFORMATION_ANALYST: {
    code: 'INFORMATION_ANALYST',
    name: 'Information analyst',
    abbreviation: 'IA',
    raCode: 'B1130',
    side: 'OVERSIGHT',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
  PATIENT: {
    code: 'PATIENT',
    name: 'Patient',
    abbreviation: 'PT',
    raCode: null,
    side: 'PATIENT',
    seesClinicalContent: false,
    actsOnBehalfOf: 'NEVER',
  },
};

/** Whether a value is a role code. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ROLE_INFO, value);
}

/** The facts about a role. */
export function roleInfo(role: Role): RoleInfo {
  return ROLE_INFO[role];
}

/** The side of a referral a role works on. */
export function roleSide(role: Role): RoleSide {
  return ROLE_INFO[role].side;
}

/**
 * Whether a role may see clinical content. Admin roles (referring admin, service provider admin),
 * provider systems, oversight roles, service definers and patients never do; clinicians and
 * the clinician admins who act for them do.
 */
export function canSeeClinicalContent(role: Role): boolean {
  return ROLE_INFO[role].seesClinicalContent;
}

/**
 * The clinician role an admin role acts for (a referring clinician admin names a referring
 * clinician, a service provider clinician admin a service provider clinician); null for a role
 * that never acts for anyone.
 */
export function roleActedFor(role: Role): Role | null {
  if (role === 'REFERRING_CLINICIAN_ADMIN') return 'REFERRING_CLINICIAN';
  if (role === 'SERVICE_PROVIDER_CLINICIAN_ADMIN') return 'SERVICE_PROVIDER_CLINICIAN';
  return null;
}

/** The roles that work on the referrer side. */
export const REFERRER_ROLES: readonly Role[] = ROLES.filter((r) => roleSide(r) === 'REFERRER');

/** The roles that work on the provider side. */
export const PROVIDER_ROLES: readonly Role[] = ROLES.filter((r) => roleSide(r) === 'PROVIDER');

/** Clinician roles on either side (they, or an admin on their behalf, make clinical decisions). */
export const CLINICAL_ROLES: readonly Role[] = ROLES.filter((r) => canSeeClinicalContent(r));
