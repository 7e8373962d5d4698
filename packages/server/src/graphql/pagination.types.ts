import { Field, ObjectType } from 'type-graphql';

/** Relay-style page information shared by every connection. */
@ObjectType({ description: 'Where a page sits in a cursor-paginated list.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` to get the next page; null when the page is empty.',
  })
  endCursor!: string | null;
}
