import type { EntityManager } from '../../db/orm.js';

/** Session templates and publication of slots from them (placeholder, issue 9). */
export class ScheduleService {
  constructor(readonly em: EntityManager) {}
}
