/** Worklists: the domain's worklist rules projected into an index-backed table. */
export { WorklistEntryRecord } from './worklist-entry.entity.js';
export {
  WORKLIST_SORTS,
  WorklistService,
  worklistsFor,
  type WorklistFilter,
  type WorklistSort,
} from './worklists.service.js';
export { WorklistResolver } from './worklists.resolver.js';
export { WorklistChange } from './worklists.types.js';

import { WorklistEntryRecord } from './worklist-entry.entity.js';

export const worklistEntities = [WorklistEntryRecord];
export { WorklistSubscriptionResolver } from './worklists-subscription.resolver.js';
