import { Resolver } from 'type-graphql';

/** Slot calendar, maintenance and feed (placeholder, issue 9). */
@Resolver()
export class SlotMaintenanceResolver {}
