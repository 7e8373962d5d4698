import type { ServiceLifecycleStatus } from '@open-ers/domain';
import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Allow, requireActor } from '../../graphql/authorization.js';
import type { DefinedServiceRead, Definer } from './service-definitions.service.js';
import {
  DefinedService,
  definitionOfInput,
  ServiceDefinitionInput,
  ServiceLifecycleStatusEnum,
  ServiceVersionEntry,
  SiteInput,
} from './service-definitions.types.js';
import { Site } from './site.entity.js';

/** The acting definer and the name their changes are recorded under. */
function definer(ctx: RequestContext): Definer {
  const actor = requireActor(ctx);
  const name =
    ctx.authentication.status === 'SIGNED_IN' ? ctx.authentication.user.displayName : actor.userId;
  return { actor, name };
}

const defined = (read: DefinedServiceRead) =>
  new DefinedService(read.service, read.lifecycleStatus);

/**
 * Service definers' maintenance of their organisation's services and sites, and a defined
 * service's history and counts (read only when asked for).
 */
@Resolver(() => DefinedService)
export class ServiceDefinitionResolver {
  @Allow('SERVICE_DEFINER')
  @Query(() => [DefinedService], {
    description:
      'The services of the definer’s organisation by name, optionally only those with a status ' +
      'or whose name, site or clinic type contains some text.',
  })
  async definedServices(
    @Ctx() ctx: RequestContext,
    @Arg('status', () => ServiceLifecycleStatusEnum, { nullable: true })
    status?: ServiceLifecycleStatus | null,
    @Arg('text', () => String, { nullable: true }) text?: string | null,
  ): Promise<DefinedService[]> {
    const reads = await ctx.services.serviceDefinitions.definedServices(requireActor(ctx), {
      status,
      text,
    });
    return reads.map(defined);
  }

  @Allow('SERVICE_DEFINER')
  @Query(() => DefinedService, { description: 'One of the definer’s organisation’s services.' })
  async definedService(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
  ): Promise<DefinedService> {
    return defined(await ctx.services.serviceDefinitions.definedService(requireActor(ctx), id));
  }

  @Allow('SERVICE_DEFINER')
  @Query(() => [Site], { description: 'The sites of the definer’s organisation, by name.' })
  organisationSites(@Ctx() ctx: RequestContext): Promise<Site[]> {
    return ctx.services.serviceDefinitions.organisationSites(requireActor(ctx));
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => DefinedService, {
    description:
      'Creates a service (version 1): a draft, never offered in search until published, unless ' +
      '`draft` is false. Problems are refused together with VALIDATION_FAILED.',
  })
  async createService(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ServiceDefinitionInput) input: ServiceDefinitionInput,
    @Arg('draft', () => Boolean, { defaultValue: true }) draft: boolean,
  ): Promise<DefinedService> {
    return defined(
      await ctx.services.serviceDefinitions.createService(
        definer(ctx),
        definitionOfInput(input),
        draft,
      ),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => DefinedService, {
    description:
      'Amends a service, making a new version. Refused with STALE_VERSION if it changed since ' +
      '`expectedVersion`, NO_CHANGES_DETECTED if nothing differs, SERVICE_RETIRED once retired.',
  })
  async amendService(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('input', () => ServiceDefinitionInput) input: ServiceDefinitionInput,
  ): Promise<DefinedService> {
    return defined(
      await ctx.services.serviceDefinitions.amendService(
        definer(ctx),
        id,
        expectedVersion,
        definitionOfInput(input),
      ),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => DefinedService, {
    description: 'Publishes a draft service, so search offers it from its effective date.',
  })
  async publishService(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
  ): Promise<DefinedService> {
    return defined(
      await ctx.services.serviceDefinitions.publishService(definer(ctx), id, expectedVersion),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => DefinedService, {
    description:
      'Ends a service on a date (today or later): its last day in effect. Referrals already ' +
      'made to it are not changed.',
  })
  async retireService(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('expectedVersion', () => Int) expectedVersion: number,
    @Arg('effectiveTo', () => LocalDateResolver) effectiveTo: string,
  ): Promise<DefinedService> {
    return defined(
      await ctx.services.serviceDefinitions.retireService(
        definer(ctx),
        id,
        expectedVersion,
        effectiveTo,
      ),
    );
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => Site, {
    description:
      'Adds a site to the definer’s organisation, placed at its postcode (which must be in the ' +
      'postcode reference data: UNKNOWN_POSTCODE otherwise).',
  })
  createSite(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SiteInput) input: SiteInput,
  ): Promise<Site> {
    return ctx.services.serviceDefinitions.createSite(requireActor(ctx), input);
  }

  @Allow('SERVICE_DEFINER')
  @Mutation(() => Site, { description: 'Amends one of the definer’s organisation’s sites.' })
  amendSite(
    @Ctx() ctx: RequestContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => SiteInput) input: SiteInput,
  ): Promise<Site> {
    return ctx.services.serviceDefinitions.amendSite(requireActor(ctx), id, input);
  }

  @FieldResolver(() => [ServiceVersionEntry], { description: 'Every version, newest first.' })
  versions(
    @Root() defined: DefinedService,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceVersionEntry[]> {
    return ctx.services.serviceDefinitions.versions(defined.id);
  }

  @FieldResolver(() => Int, { description: 'Free slots from now on.' })
  freeSlotCount(@Root() defined: DefinedService, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.serviceDefinitions.freeSlotCount(defined.id);
  }

  @FieldResolver(() => Int, {
    description: 'Referrals for the service on the organisation’s Appointment Slot Issues list.',
  })
  slotIssueCount(@Root() defined: DefinedService, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.serviceDefinitions.slotIssueCount(defined.id, defined.service.provider.id);
  }
}
