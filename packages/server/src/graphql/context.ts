import type { Logger } from 'pino';
import type { EntityManager } from '../db/orm.js';
import { DirectoryService } from '../modules/directory/directory.service.js';

/** The services a request may call, each bound to the request's EntityManager. */
export interface RequestServices {
  readonly directory: DirectoryService;
}

/**
 * The one typed context every resolver receives, built per request: a forked EntityManager
 * (never the global one), the request id that ties logs and audit together, the instant the
 * request is handled at, and the services bound to them.
 */
export interface RequestContext {
  readonly requestId: string;
  /** The time this request is handled at: every rule in the request uses this one instant. */
  readonly now: Date;
  readonly em: EntityManager;
  readonly log: Logger;
  readonly services: RequestServices;
}

export function createRequestServices(em: EntityManager): RequestServices {
  return {
    directory: new DirectoryService(em),
  };
}
