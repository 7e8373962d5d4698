import { directoryEntities } from '../modules/directory/index.js';

/** Every persisted entity, module by module. */
export const ENTITIES = [...directoryEntities];
