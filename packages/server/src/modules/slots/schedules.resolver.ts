import { Resolver } from 'type-graphql';

/** Schedules and publication (placeholder, issue 9). */
@Resolver()
export class ScheduleResolver {}
