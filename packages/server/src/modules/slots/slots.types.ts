import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { enumObject } from '../../graphql/enums.js';
import { PageInfo } from '../../graphql/pagination.types.js';
import { Slot } from './slot.entity.js';

/** Why referrers could not book a slot the provider's own staff can (reference §6). */
export const PROVIDER_ONLY_REASONS = [
  'RESERVED_FOR_PROVIDER',
  'TOO_SOON',
  'TOO_FAR_AHEAD',
] as const;
export type ProviderOnlyReason = (typeof PROVIDER_ONLY_REASONS)[number];
export const ProviderOnlyReasonEnum = enumObject(PROVIDER_ONLY_REASONS);
registerEnumType(ProviderOnlyReasonEnum, {
  name: 'ProviderOnlyReason',
  description: 'Why only the provider’s own staff can book a slot now.',
  valuesConfig: {
    RESERVED_FOR_PROVIDER: {
      description: 'Published too recently: the service keeps new slots for its own staff first.',
    },
    TOO_SOON: { description: 'Sooner than the service lets referrers book for this priority.' },
    TOO_FAR_AHEAD: {
      description: 'Further ahead than the service lets referrers book for this priority.',
    },
  },
});

@ObjectType()
export class SlotEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Slot)
  node!: Slot;

  @Field(() => ProviderOnlyReasonEnum, {
    nullable: true,
    description:
      'For the provider’s own staff: why a referrer could not book this slot now (null when one could).',
  })
  providerOnly?: ProviderOnlyReason | null;
}

@ObjectType({ description: 'A page of bookable slots, earliest first.' })
export class SlotConnection {
  @Field(() => [SlotEdge])
  edges!: SlotEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}
