import { REFERRER_ROLES } from '@open-ers/domain';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requireActor } from '../../graphql/actor.js';
import type { RequestContext } from '../../graphql/context.js';
import { Allow } from '../../graphql/authorization.js';
import { Organisation } from '../directory/index.js';
import { Patient } from './patient.entity.js';

@Resolver(() => Patient)
export class PatientResolver {
  @Allow(...REFERRER_ROLES)
  @Query(() => Patient, {
    description: 'The patient with this NHS number (spaces allowed). Every lookup is audited.',
  })
  async patient(
    @Ctx() ctx: RequestContext,
    @Arg('nhsNumber', () => String) nhsNumber: string,
  ): Promise<Patient> {
    requireActor(ctx);
    const patient = await ctx.services.patients.findByNhsNumber(nhsNumber);
    await ctx.audit.record({
      action: 'VIEW_PATIENT',
      patientId: patient.id,
      nhsNumber: patient.nhsNumber,
    });
    return patient;
  }

  @FieldResolver(() => Organisation, {
    nullable: true,
    description: 'The GP practice the patient is registered with.',
  })
  registeredPractice(@Root() patient: Patient): Promise<Organisation | null> {
    return patient.registeredPractice
      ? patient.registeredPractice.load({ dataloader: true })
      : Promise.resolve(null);
  }
}
