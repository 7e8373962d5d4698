import type { EntityManager } from '../../db/orm.js';

/** The slot calendar, blocking and cancelling slots, and the provider-system feed (placeholder, issue 9). */
export class SlotMaintenanceService {
  constructor(readonly em: EntityManager) {}
}
