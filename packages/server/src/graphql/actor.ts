import { DomainError, type Actor } from '@open-ers/domain';
import type { RequestContext } from './context.js';

/** The signed-in actor, or UNAUTHENTICATED. */
export function requireActor(ctx: Pick<RequestContext, 'actor'>): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}
