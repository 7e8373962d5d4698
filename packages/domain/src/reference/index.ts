export * from './priorities.js';
export * from './specialties.js';
