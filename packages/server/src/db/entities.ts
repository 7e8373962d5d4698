import { auditEntities } from '../modules/audit/index.js';
import { directoryEntities } from '../modules/directory/index.js';
import { identityEntities } from '../modules/identity/index.js';

/** Every persisted entity, module by module. */
export const ENTITIES = [...directoryEntities, ...identityEntities, ...auditEntities];
