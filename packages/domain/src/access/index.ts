export * from './roles.js';
export * from './actor.js';
export * from './relationship.js';
