import type { EntityManager } from '../../db/orm.js';

/** Service definers' maintenance of the Directory of Services (placeholder, issue 9). */
export class ServiceDefinitionService {
  constructor(readonly em: EntityManager) {}
}
