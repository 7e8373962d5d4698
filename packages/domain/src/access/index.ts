export * from './roles.js';
export * from './actor.js';
export * from './relationship.js';
export * from './role-assignment.js';
