/**
 * Identity and access: users, their roles at organisations, sessions, sign-in, and the
 * authorization rules every resolver carries.
 */
export { User, normaliseUsername } from './user.entity.js';
export { RoleAssignment, ClinicianLink } from './role-assignment.entity.js';
export { Session } from './session.entity.js';
export {
  SessionService,
  newSessionToken,
  hashSessionToken,
  actorOf,
  type Authentication,
  type ResolvedSession,
} from './session.service.js';
export { IdentityService, type MeView, type SignInOutcome } from './identity.service.js';
export {
  PasswordIdentityProvider,
  type IdentityProvider,
  type PasswordProof,
  type SignInAttempt,
} from './identity-provider.js';
export {
  PasswordHasher,
  DEFAULT_PASSWORD_HASH_COST,
  type PasswordHashCost,
} from './password-hasher.js';
export {
  LoginRateLimiter,
  DEFAULT_LOGIN_RATE_LIMITS,
  type LoginRateLimits,
} from './login-rate-limiter.js';
export { IdentityResolver, RoleAssignmentFieldResolver } from './identity.resolver.js';
export { Me, ActingRole, SignInResult } from './identity.types.js';

import { ClinicianLink, RoleAssignment } from './role-assignment.entity.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/** Entities this module persists. */
export const identityEntities = [User, RoleAssignment, ClinicianLink, Session];
