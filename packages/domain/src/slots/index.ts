export * from './booking-policy.js';
export * from './slot-search.js';
export * from './schedule.js';
export * from './slot-issue-matching.js';
