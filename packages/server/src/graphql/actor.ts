/**
 * The signed-in actor, or the typed refusal (UNAUTHENTICATED, SESSION_EXPIRED,
 * ROLE_NOT_SELECTED). Kept for the modules that import it from here; the rule lives with the
 * other authorization helpers.
 */
export { requireActor } from './authorization.js';
