export * from './priorities.js';
export * from './specialties.js';
export * from './reasons.js';
