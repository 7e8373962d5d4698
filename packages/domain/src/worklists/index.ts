export * from './worklist-codes.js';
export * from './referral-worklists.js';
export * from './advice-worklists.js';
