import { Entity, ManyToOne, PrimaryKey, PrimaryKeyProp, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/** A specialty of the Directory of Services (reference data, loaded from the domain package). */
@ObjectType({ description: 'A clinical specialty, for example Cardiology.' })
@Entity({ tableName: 'specialty' })
export class Specialty {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'Stable code, for example CARDIOLOGY.' })
  @PrimaryKey({ type: 'string', length: 40 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;
}

/** A clinic type; each belongs to exactly one specialty. */
@ObjectType({
  description: 'A clinic type within a specialty, for example Arrhythmia in Cardiology.',
})
@Entity({ tableName: 'clinic_type' })
export class ClinicType {
  [PrimaryKeyProp]?: 'code';

  @Field(() => ID, { description: 'Stable code, for example CARD_ARRHYTHMIA.' })
  @PrimaryKey({ type: 'string', length: 40 })
  code!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  @ManyToOne({ entity: () => Specialty, ref: true, index: true })
  specialty!: Ref<Specialty>;

  @Field(() => ID, { description: 'Code of the specialty this clinic type belongs to.' })
  get specialtyCode(): string {
    return this.specialty.unwrap().code;
  }
}
