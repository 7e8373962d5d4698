export * from './booking-policy.js';
export * from './slot-search.js';
