import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination.types.js';
import { Slot } from './slot.entity.js';

@ObjectType()
export class SlotEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Slot)
  node!: Slot;
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
