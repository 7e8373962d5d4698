/**
 * `@open-ers/domain/holidays`: the England bank holiday calendar, kept apart from the main entry
 * point so browsers need not download holiday data for the whole world.
 */
export * from './england.js';
