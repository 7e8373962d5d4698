import type { EntityManager } from '../../db/orm.js';

/** Automatic resolution of Appointment Slot Issues (placeholder, issue 9). */
export class SlotIssueService {
  constructor(readonly em: EntityManager) {}

  /** Matches the service's slot issues to its free slots under its policy. */
  async resolveForService(serviceId: string): Promise<{ offered: number; booked: number }> {
    void serviceId;
    return { offered: 0, booked: 0 };
  }
}
