import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context.js';
import { Allow, ANY_ROLE, Public } from '../../graphql/authorization.js';
import { selectedFields } from '../../graphql/selection.js';
import { ServiceSearchInput } from './directory.inputs.js';
import { SERVICE_RELATIONS } from './directory.service.js';
import { ServiceSearchConnection, ServiceSearchResult } from './directory.types.js';
import { Organisation } from './organisation.entity.js';
import { ClinicType, Specialty } from './reference-data.entity.js';
import { Service } from './service.entity.js';
import { Site } from './site.entity.js';

@Resolver()
export class DirectoryResolver {
  // Specialties and clinic types are published reference data (the domain package's own
  // constants), so they are public; searching services needs a signed-in user in any role.
  @Public()
  @Query(() => [Specialty], { description: 'Every specialty, by name.' })
  specialties(@Ctx() ctx: RequestContext): Promise<Specialty[]> {
    return ctx.services.directory.specialties();
  }

  @Public()
  @Query(() => [ClinicType], { description: 'Clinic types, optionally of one specialty, by name.' })
  clinicTypes(
    @Ctx() ctx: RequestContext,
    @Arg('specialty', () => ID, { nullable: true }) specialty?: string | null,
  ): Promise<ClinicType[]> {
    return ctx.services.directory.clinicTypes(specialty);
  }

  @Allow(ANY_ROLE)
  @Query(() => ServiceSearchConnection, {
    description:
      'Services that accept the priority and treat the patient’s age and sex, in effect today, ' +
      'ranked by distance from the patient’s postcode, by earliest bookable slot, or by name.',
  })
  async searchServices(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => ServiceSearchInput) input: ServiceSearchInput,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<ServiceSearchConnection> {
    // Load with the page the relations the query asks for (one joined query), and no others.
    const selected = info ? selectedFields(info, ['edges', 'node', 'service']) : null;
    const populate = selected
      ? SERVICE_RELATIONS.filter((relation) => selected.has(relation))
      : SERVICE_RELATIONS;
    const { page, patientLocation } = await ctx.services.directory.searchServices(
      {
        patient: input.patient,
        priority: input.priority,
        specialtyCode: input.specialty,
        clinicTypeCode: input.clinicType,
        maxDistanceMiles: input.maxDistanceMiles,
        maxWaitDays: input.maxWaitDays,
        sort: input.sort,
        requestType: input.requestType,
      },
      { first, after },
      ctx.now,
      ctx.actor ? { role: ctx.actor.role, organisationId: ctx.actor.organisationId } : undefined,
      populate,
    );
    return {
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: new ServiceSearchResult(e.node),
      })),
      pageInfo: page.pageInfo,
      totalCount: page.totalCount,
      patientLocation,
    };
  }
}

/** Relations of a service, loaded in batches (one query per relation per request). */
@Resolver(() => Service)
export class ServiceFieldResolver {
  @FieldResolver(() => Organisation)
  provider(@Root() service: Service): Promise<Organisation> {
    return service.provider.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Site)
  site(@Root() service: Service): Promise<Site> {
    return service.site.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Specialty)
  specialty(@Root() service: Service): Promise<Specialty> {
    return service.specialty.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => ClinicType)
  clinicType(@Root() service: Service): Promise<ClinicType> {
    return service.clinicType.loadOrFail({ dataloader: true });
  }
}
