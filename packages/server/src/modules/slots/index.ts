/** Slots: publication, bookability, holds. */
export { Slot, priorityColumns, PRIORITY_COLUMN } from './slot.entity.js';
export {
  SlotService,
  slotBoundsSql,
  slotServiceOf,
  slotBoundsWhere,
  DEFAULT_HOLD_MINUTES,
  type SlotRequest,
} from './slots.service.js';

import { Slot } from './slot.entity.js';

export const slotEntities = [Slot];
export { SlotConnection, SlotEdge } from './slots.types.js';
