export * from './referral.types.js';
export * from './referral.machine.js';
export * from './action-forms.js';
export * from './clinical-information.js';
