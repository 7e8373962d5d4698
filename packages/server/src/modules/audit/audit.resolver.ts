import { CLINICAL_ROLES } from '@open-ers/domain';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Allow, requireActor } from '../../graphql/authorization.js';
import { AccessLogEntry } from './audit.types.js';

@Resolver()
export class AuditResolver {
  @Allow(...CLINICAL_ROLES)
  @Query(() => [AccessLogEntry], {
    description:
      'Who accessed a referral or Advice & Guidance request (by UBRN), newest first. For ' +
      'clinical roles at an organisation with a legitimate relationship with either; anyone ' +
      'else is refused with NO_RELATIONSHIP.',
  })
  async accessLog(
    @Ctx() ctx: RequestContext,
    @Arg('ubrn', () => String) ubrn: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
  ): Promise<AccessLogEntry[]> {
    const actor = requireActor(ctx);
    // The domain's legitimate-relationship rule, for the referral or advice request on the UBRN.
    await ctx.services.advice.requireUbrnRelationship(ubrn, actor);
    const lines = await ctx.services.auditLog.accessLog(actor, ubrn, first);
    return lines.map(({ event, user, onBehalfOf, organisation, role }) => ({
      occurredAt: event.occurredAt,
      action: event.action,
      outcome: event.outcome,
      requestId: event.requestId,
      user,
      onBehalfOf,
      organisation,
      role,
    }));
  }
}
