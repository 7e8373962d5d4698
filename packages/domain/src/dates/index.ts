export * from './age.js';
export * from './local-time.js';
export * from './working-days.js';
export * from './referral-dates.js';
