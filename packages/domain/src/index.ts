/**
 * @open-ers/domain: the rules of open-ers, shared by the server, the web app and outside teams.
 * Pure TypeScript: no I/O, no clock reads; time, time zone and "now" are always parameters.
 *
 * England's bank holidays are in a separate entry point, `@open-ers/domain/holidays`, so
 * browsers need not load holiday data for the whole world.
 */
export * from './errors/index.js';
export * from './identifiers/index.js';
export * from './geo/index.js';
export * from './access/index.js';
export * from './reference/index.js';
export * from './directory/index.js';
export * from './pagination/index.js';
export * from './dates/index.js';
export * from './slots/index.js';
export * from './referral/index.js';
export * from './advice/index.js';
export * from './worklists/index.js';
