import { Resolver } from 'type-graphql';

/** Service definers' queries and mutations (placeholder, issue 9). */
@Resolver()
export class ServiceDefinitionResolver {}
