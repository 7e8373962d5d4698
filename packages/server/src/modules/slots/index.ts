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

import { ScheduleException, SlotSchedule } from './schedule.entity.js';
import { Slot } from './slot.entity.js';

export const slotEntities = [Slot, SlotSchedule, ScheduleException];
export {
  SlotSchedule,
  ScheduleException,
  SCHEDULE_EXCEPTION_KINDS,
  type ScheduleExceptionKind,
} from './schedule.entity.js';
export { SlotConnection, SlotEdge } from './slots.types.js';
