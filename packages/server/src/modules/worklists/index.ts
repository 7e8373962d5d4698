/** Worklists: the domain's worklist rules projected into an index-backed table. */
export { WorklistEntryRecord } from './worklist-entry.entity.js';

import { WorklistEntryRecord } from './worklist-entry.entity.js';

export const worklistEntities = [WorklistEntryRecord];
