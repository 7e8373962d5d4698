import {
  isContactDatePassed,
  isLetterOverdue,
  worklistInfo,
  PROVIDER_ROLES,
  REFERRER_ROLES,
  roleSeesStaffNames,
  type AdviceState,
  type ReferralState,
  type WorklistCode,
} from '@open-ers/domain';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { Allow } from '../../graphql/authorization.js';
import { WorklistCodeEnum } from '../../graphql/enums.js';
import { UK_TIME_ZONE } from '../../time.js';
import { Service } from '../directory/index.js';
import { loadReferrers } from '../referrals/referrer.js';
import type { WorklistEntryRecord } from './worklist-entry.entity.js';
import type { WorklistFilter, WorklistSort } from './worklists.service.js';
import {
  WorklistConnection,
  WorklistCount,
  WorklistFilterChoices,
  WorklistFilterInput,
  WorklistSortEnum,
} from './worklists.types.js';

const toFilter = (input?: WorklistFilterInput | null): WorklistFilter => ({
  serviceId: input?.serviceId ?? null,
  specialtyCode: input?.specialty ?? null,
  clinicianId: input?.clinicianId ?? null,
  priority: input?.priority ?? null,
});

@Resolver()
export class WorklistResolver {
  @Allow(...REFERRER_ROLES, ...PROVIDER_ROLES)
  @Query(() => [WorklistCount], {
    description: 'The acting organisation’s worklists with their counts (dashboard tiles).',
  })
  async worklistCounts(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => WorklistFilterInput, { nullable: true })
    filter?: WorklistFilterInput | null,
  ): Promise<WorklistCount[]> {
    const counts = await ctx.services.worklists.counts(requireActor(ctx), toFilter(filter));
    return counts.map(({ worklist, count }) => {
      const info = worklistInfo(worklist);
      return { worklist, count, name: info.name, description: info.description };
    });
  }

  @Allow(...REFERRER_ROLES, ...PROVIDER_ROLES)
  @Query(() => WorklistFilterChoices, {
    description:
      'The services and clinicians the acting organisation’s worklists can be filtered by (those its entries name).',
  })
  async worklistFilterChoices(@Ctx() ctx: RequestContext): Promise<WorklistFilterChoices> {
    return ctx.services.worklists.filterChoices(requireActor(ctx));
  }

  @Allow(...REFERRER_ROLES, ...PROVIDER_ROLES)
  @Query(() => WorklistConnection, {
    description: 'One page of one of the acting organisation’s worklists.',
  })
  async worklist(
    @Ctx() ctx: RequestContext,
    @Arg('worklist', () => WorklistCodeEnum) worklist: WorklistCode,
    @Arg('filter', () => WorklistFilterInput, { nullable: true })
    filter?: WorklistFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('sort', () => WorklistSortEnum, { nullable: true, defaultValue: 'MOST_URGENT' })
    sort?: WorklistSort | null,
  ): Promise<WorklistConnection> {
    const actor = requireActor(ctx);
    const page = await ctx.services.worklists.page(
      actor,
      worklist,
      toFilter(filter),
      { first, after },
      sort ?? 'MOST_URGENT',
    );
    const serviceIds = [
      ...new Set(page.edges.map((e) => e.node.serviceId).filter((id): id is string => !!id)),
    ];
    const services = serviceIds.length
      ? await ctx.em.find(Service, { id: { $in: serviceIds } }, { fields: ['id', 'name'] })
      : [];
    const serviceName = new Map(services.map((s) => [s.id, s.name]));
    // An entry is a referral's or an advice request's; either way it names the patient.
    const patientOf = (node: WorklistEntryRecord) =>
      (node.referral ?? node.adviceRequest)!.getEntity().patient.getEntity();
    // A worklist page shows patients: one audit line for each patient shown.
    await ctx.audit.recordMany(
      page.edges.map(({ node }) => ({
        action: 'VIEW_WORKLIST',
        patientId: patientOf(node).id,
        ubrn: node.ubrn,
        details: { worklist },
      })),
    );
    // Who referred each patient: the page's rows name their referring clinician; the creation
    // events and the names come in two queries for the whole page. Every entry on the acting
    // organisation's worklists is one it is party to, so the role alone decides.
    const referrers = roleSeesStaffNames(actor.role)
      ? await loadReferrers(
          ctx.em,
          page.edges.map(({ node }) => {
            const subject = (node.referral ?? node.adviceRequest)!.getEntity();
            return {
              id: subject.id,
              referringClinicianId: subject.referringClinicianId,
              referral: !!node.referral,
            };
          }),
        )
      : new Map();
    // The slots offered to the page's referrals (automatic slot-issue resolution): one query.
    const offers = await ctx.services.slotIssues.offeredSlots(
      page.edges.filter(({ node }) => !node.adviceRequest).map(({ node }) => node.ubrn),
    );
    return {
      worklist,
      totalCount: page.totalCount,
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          ubrn: node.ubrn,
          worklist: node.worklist,
          kind: node.adviceRequest ? 'ADVICE_REQUEST' : 'REFERRAL',
          state: node.adviceRequest ? null : (node.state as ReferralState),
          adviceState: node.adviceRequest ? (node.state as AdviceState) : null,
          priority: node.priority,
          sortAt: node.sortAt,
          stateChangedAt: node.stateChangedAt,
          patient: patientOf(node),
          serviceId: node.serviceId ?? null,
          serviceName: node.serviceId ? (serviceName.get(node.serviceId) ?? null) : null,
          referrer: referrers.get((node.referral ?? node.adviceRequest)!.id) ?? null,
          letterDueAt: node.letterDueAt ?? null,
          letterOverdue: node.letterDueAt ? isLetterOverdue(node.letterDueAt, ctx.now) : false,
          patientContactBy: node.patientContactBy ?? null,
          contactDatePassed: node.patientContactBy
            ? isContactDatePassed(node.patientContactBy, ctx.now, UK_TIME_ZONE)
            : false,
          requestContextStatus: node.requestContextStatus ?? null,
          awaitingReferrer: node.awaitingReferrer,
          offeredSlot: node.adviceRequest ? null : (offers.get(node.ubrn) ?? null),
        },
      })),
    };
  }
}
